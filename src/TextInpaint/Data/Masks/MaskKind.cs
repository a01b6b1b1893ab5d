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
