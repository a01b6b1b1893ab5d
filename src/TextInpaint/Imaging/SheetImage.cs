namespace TextInpaint.Imaging;

/// <summary>An image in a contact-sheet cell, with an optional label above it and its own display height.</summary>
public sealed record SheetImage(RgbImage Image, string? Label = null, int? DisplayHeight = null);
