namespace TextInpaint.Data.Masks;

/// <summary>The names of <see cref="MaskKind"/> on the command line.</summary>
public static class MaskKinds
{
    /// <summary>The accepted names, one for each kind, as they are listed to the user.</summary>
    public static IReadOnlyList<string> Names { get; } = ["centre", "box", "free-form", "object", "mixed", "background", "any"];

    public static string NameOf(MaskKind kind) => kind switch
    {
        MaskKind.Centre => "centre",
        MaskKind.Box => "box",
        MaskKind.FreeForm => "free-form",
        MaskKind.Object => "object",
        MaskKind.Mixed => "mixed",
        MaskKind.Background => "background",
        MaskKind.Any => "any",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses the value of an option such as <c>--mask</c>; case and surrounding spaces are ignored.</summary>
    public static MaskKind Parse(string value, string optionName = "--mask")
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToLowerInvariant() switch
        {
            "centre" or "center" => MaskKind.Centre,
            "box" => MaskKind.Box,
            "free-form" or "freeform" => MaskKind.FreeForm,
            "object" => MaskKind.Object,
            "mixed" => MaskKind.Mixed,
            "background" => MaskKind.Background,
            "any" => MaskKind.Any,
            _ => throw new UserInputException($"{optionName} '{value}': unknown mask kind; expected one of {string.Join(", ", Names)}."),
        };
    }
}
