namespace TextInpaint.Benchmarks.Serving;

/// <summary>What `textinpaint benchmark-serve` runs.</summary>
/// <param name="Clients">Clients sending fills at once, each from its own loopback address (127.0.0.2, 127.0.0.3,
/// ...), so each has its own token bucket.</param>
/// <param name="Duration">How long they send and are measured.</param>
/// <param name="WarmupSeconds">How long they send before that, unmeasured: the managed heap grows to the size its
/// collections keep under this load in the first seconds, which is warm-up, not a leak.</param>
public sealed record LoadOptions(string Model, int Clients = 100, TimeSpan Duration = default, int Width = 640, int Height = 480, double WarmupSeconds = 10);
