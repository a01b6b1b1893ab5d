namespace TextInpaint.Web;

/// <summary>A classical inpainting method, which reads no text.</summary>
public sealed record ClassicalMethodJson(string Name, string Description);
