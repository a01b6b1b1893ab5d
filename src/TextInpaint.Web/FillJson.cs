namespace TextInpaint.Web;

/// <summary>A fill with what the model made of the caption.</summary>
/// <param name="Image">The whole result as a PNG (base64) with the caption, seed and model in its text chunks.</param>
/// <param name="ModelInput">The window at the model's size with the hole in grey (PNG, base64), or null without a hole.</param>
/// <param name="ModelOutput">The model's result on that square (PNG, base64), or null.</param>
/// <param name="RunMilliseconds">Time of the model call alone.</param>
public sealed record FillJson(string Image, int Width, int Height, WindowJson? Window, string? ModelInput, string? ModelOutput,
    int AttentionSide, IReadOnlyList<FillWordJson> Words, IReadOnlyList<string> Notes, int? Seed, string Model, double RunMilliseconds);
