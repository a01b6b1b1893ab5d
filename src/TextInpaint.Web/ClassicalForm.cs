namespace TextInpaint.Web;

/// <summary>The multipart form of <c>POST /api/v1/classical</c>.</summary>
public sealed class ClassicalForm : HoleForm
{
    /// <summary>The classical method's name (<c>GET /api/v1/classical</c> lists them).</summary>
    public string? Method { get; set; }
}
