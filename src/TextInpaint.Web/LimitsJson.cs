namespace TextInpaint.Web;

public sealed record LimitsJson(long MaxRequestBytes, long MaxImagePixels, int MaxCaptionCharacters, int QueueCapacity, int ClientBurst,
    int ClientFillsPerSecond);
