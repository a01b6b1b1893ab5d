namespace TextInpaint.Web;

/// <summary>
/// What `textinpaint serve` runs with, bound from the configuration section <c>TextInpaint</c>
/// (appsettings, environment <c>TextInpaint__Model</c>, command line <c>--TextInpaint:Model</c>).
/// </summary>
public sealed class ServerOptions
{
    public const string Section = "TextInpaint";

    /// <summary>The model folder.</summary>
    public string Model { get; set; } = "models/synthbirds256";

    /// <summary>cpu, or cuda where a CUDA build of TorchSharp is installed.</summary>
    public string Device { get; set; } = "cpu";

    /// <summary>Largest request body accepted; a larger one is answered 413.</summary>
    public long MaxRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest image (or mask) in pixels, checked from the file's header before it is decoded.</summary>
    public long MaxImagePixels { get; set; } = 4096L * 4096;

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

    /// <summary>
    /// The settings of the configuration's section, each checked: a value that is not a number or
    /// out of its range stops the server with one line naming the setting.
    /// </summary>
    public static ServerOptions From(IConfiguration configuration)
    {
        ServerOptions options;
        try
        {
            options = configuration.GetSection(Section).Get<ServerOptions>() ?? new ServerOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new UserInputException($"{e.Message.TrimEnd('.')}: give a whole number.", e);
        }
        static void Require(bool ok, string name, object value, string range)
        {
            if (!ok) throw new UserInputException($"{Section}:{name} is {value}; expected {range}.");
        }
        Require(!string.IsNullOrWhiteSpace(options.Model), nameof(Model), "empty", "a model folder");
        Require(options.MaxRequestBytes >= 1024, nameof(MaxRequestBytes), options.MaxRequestBytes, "at least 1,024 bytes");
        Require(options.MaxImagePixels >= 1, nameof(MaxImagePixels), options.MaxImagePixels, "at least 1 pixel");
        Require(options.QueueCapacity is >= 1 and <= 10_000, nameof(QueueCapacity), options.QueueCapacity, "1 to 10,000 fills");
        Require(options.ClientBurst >= 1, nameof(ClientBurst), options.ClientBurst, "at least 1 fill");
        Require(options.ClientFillsPerSecond >= 1, nameof(ClientFillsPerSecond), options.ClientFillsPerSecond, "at least 1 fill a second");
        Require(options.SampleCount is >= 0 and <= 64, nameof(SampleCount), options.SampleCount, "0 to 64 birds");
        Require(options.SampleSize is >= 16 and <= 4096, nameof(SampleSize), options.SampleSize, "16 to 4,096 pixels");
        return options;
    }
}
