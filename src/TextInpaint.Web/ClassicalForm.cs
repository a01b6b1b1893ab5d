namespace TextInpaint.Web;

/// <summary>The multipart form of <c>POST /api/v1/classical</c>.</summary>
public sealed class ClassicalForm
{
    /// <summary>The image (PNG, JPEG, WebP, BMP or GIF; the kind is read from its bytes).</summary>
    public IFormFile? Image { get; set; }

    /// <summary>A mask image, white = hole (or give <see cref="Box"/>).</summary>
    public IFormFile? Mask { get; set; }

    /// <summary>The hole as x,y,width,height in pixels (or give <see cref="Mask"/>).</summary>
    public string? Box { get; set; }

    /// <summary>The classical method's name (<c>GET /api/v1/classical</c> lists them).</summary>
    public string? Method { get; set; }
}
