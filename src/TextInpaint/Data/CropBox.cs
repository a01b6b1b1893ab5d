namespace TextInpaint.Data;

/// <summary>A pixel rectangle in an image file (for CUB's bounding-box crops).</summary>
public readonly record struct CropBox(int X, int Y, int Width, int Height);
