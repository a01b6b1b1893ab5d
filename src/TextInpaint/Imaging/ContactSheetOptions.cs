namespace TextInpaint.Imaging;

/// <summary>
/// Layout of a contact sheet: cells per row, the default display height of an image, whether
/// enlarged images are smoothed (linear) or kept blocky (nearest), and how much caption shows.
/// </summary>
public sealed record ContactSheetOptions(
    int Columns = 4,
    int ImageHeight = 128,
    bool Smooth = false,
    float FontSize = 12,
    int MaxCaptionLines = 4,
    int Padding = 8,
    string? Title = null);
