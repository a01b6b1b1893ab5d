namespace TextInpaint.Web;

/// <summary>The multipart form of <c>POST /api/v1/inpaint</c>.</summary>
public sealed class InpaintForm : HoleForm
{
    /// <summary>What the hole should show.</summary>
    public string? Caption { get; set; }

    /// <summary>Draw the generator's noise from this whole number (default: zero noise, a repeatable fill).</summary>
    public string? Seed { get; set; }
}
