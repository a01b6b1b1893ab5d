namespace TextInpaint.Data.Masks;

/// <summary>The shapes of hole the model is trained and tested with.</summary>
public enum MaskKind
{
    /// <summary>The fixed centre square of the MMFL paper: half the side, a quarter of the area.</summary>
    Centre,

    /// <summary>One random rectangle.</summary>
    Box,

    /// <summary>Random brush strokes, as the free-form masks of DeepFill v2 and LaMa.</summary>
    FreeForm,

    /// <summary>The object's own silhouette, slightly enlarged.</summary>
    Object,

    /// <summary>
    /// For each image one of the centre square, a box, free-form strokes or the object's
    /// silhouette, with equal chance (the holes of the whole-image recipe).
    /// </summary>
    Mixed,

    /// <summary>A box lying wholly on the background, off the object: where a person removes something from the sky.</summary>
    Background,

    /// <summary>
    /// For each image one of <see cref="Mixed"/>'s four kinds or a <see cref="Background"/> box,
    /// with equal chance: every kind of hole a person makes.
    /// </summary>
    Any,
}

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
