namespace TextInpaint.Models.Damsm;

/// <summary>The image encoders' names, as the command line takes them and damsm.json writes them.</summary>
public static class ImageEncoderNetworks
{
    public static IReadOnlyList<string> Names { get; } = ["scratch", "resnet18"];

    public static string NameOf(ImageEncoderNetwork network) => network switch
    {
        ImageEncoderNetwork.Scratch => "scratch",
        ImageEncoderNetwork.ResNet18 => "resnet18",
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, null),
    };

    /// <summary>Parses the value of <c>--image-encoder</c>; case and surrounding spaces are ignored.</summary>
    public static ImageEncoderNetwork Parse(string value, string optionName = "--image-encoder")
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToLowerInvariant() switch
        {
            "scratch" => ImageEncoderNetwork.Scratch,
            "resnet18" or "resnet-18" => ImageEncoderNetwork.ResNet18,
            _ => throw new UserInputException($"{optionName} '{value}': unknown image encoder; expected one of {string.Join(", ", Names)}."),
        };
    }
}
