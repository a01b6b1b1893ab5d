namespace TextInpaint.Web;

/// <summary>The fields of a fill's multipart form that give the image and its hole.</summary>
public abstract class HoleForm
{
    /// <summary>The image (PNG, JPEG, WebP, BMP or GIF; the kind is read from its bytes).</summary>
    public IFormFile? Image { get; set; }

    /// <summary>A mask image, white = hole (or give <see cref="Box"/>).</summary>
    public IFormFile? Mask { get; set; }

    /// <summary>The hole as x,y,width,height in pixels (or give <see cref="Mask"/>).</summary>
    public string? Box { get; set; }
}
