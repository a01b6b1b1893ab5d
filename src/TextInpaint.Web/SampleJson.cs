using TextInpaint.Inference;

namespace TextInpaint.Web;

/// <summary>A sample bird: its picture is at <paramref name="Image"/>.</summary>
public sealed record SampleJson(string Key, string Image, int Width, int Height, string Caption, HoleBox Hole);
