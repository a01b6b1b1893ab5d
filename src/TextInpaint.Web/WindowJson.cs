namespace TextInpaint.Web;

/// <summary>The square of the image the model saw, in the image's pixels.</summary>
public sealed record WindowJson(int X, int Y, int Side);
