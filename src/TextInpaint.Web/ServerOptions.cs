namespace TextInpaint.Web;

/// <summary>
/// What `textinpaint serve` runs with, bound from the configuration section <c>TextInpaint</c>
/// (appsettings, environment <c>TextInpaint__Model</c>, command line <c>--TextInpaint:Model</c>).
/// </summary>
public sealed class ServerOptions
{
    public const string Section = "TextInpaint";

    /// <summary>The model folder.</summary>
    public string Model { get; set; } = "models/synthbirds64";

    /// <summary>cpu, or cuda where a CUDA build of TorchSharp is installed.</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Largest request body accepted; a larger one is answered 413.</summary>
    public long MaxRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest image (or mask) in pixels, checked from the file's header before it is decoded.</summary>
    public long MaxImagePixels { get; set; } = 4096L * 4096;

    /// <summary>Longest caption accepted, in characters (the model reads 16 words of it).</summary>
    public int MaxCaptionCharacters { get; set; } = 1_000;

    /// <summary>Fills that may wait behind the one running; beyond that a request is answered 503 with Retry-After.</summary>
    public int QueueCapacity { get; set; } = 16;

    /// <summary>Fills a client may send at once (its token bucket's size); beyond that, 429 with Retry-After.</summary>
    public int ClientBurst { get; set; } = 30;

    /// <summary>Tokens a client's bucket regains per second.</summary>
    public int ClientFillsPerSecond { get; set; } = 10;

    /// <summary>Sample birds offered by <c>GET /api/v1/samples</c>.</summary>
    public int SampleCount { get; set; } = 8;

    /// <summary>Side of the sample birds in pixels.</summary>
    public int SampleSize { get; set; } = 256;
}
