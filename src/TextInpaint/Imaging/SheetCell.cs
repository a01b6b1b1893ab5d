namespace TextInpaint.Imaging;

/// <summary>One cell of a contact sheet: images side by side, and a caption wrapped below them.</summary>
public sealed record SheetCell(IReadOnlyList<SheetImage> Images, string? Caption = null);
