namespace TextInpaint.Web;

/// <summary>The multipart form of <c>POST /api/v1/inpaint</c>.</summary>
public sealed class InpaintForm
{
    /// <summary>The image (PNG, JPEG, WebP, BMP or GIF; the kind is read from its bytes).</summary>
    public IFormFile? Image { get; set; }

    /// <summary>A mask image, white = hole (or give <see cref="Box"/>).</summary>
    public IFormFile? Mask { get; set; }

    /// <summary>The hole as x,y,width,height in pixels (or give <see cref="Mask"/>).</summary>
    public string? Box { get; set; }

    /// <summary>What the hole should show.</summary>
    public string? Caption { get; set; }

    /// <summary>Draw the generator's noise from this whole number (default: zero noise, a repeatable fill).</summary>
    public string? Seed { get; set; }
}
