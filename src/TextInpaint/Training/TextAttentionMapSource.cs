namespace TextInpaint.Training;

/// <summary>Which map weights the text-guided attention loss (docs/method.md section 10).</summary>
public enum TextAttentionMapSource
{
    /// <summary>MMFL's: the generator's own map A (<see cref="Models.Mmfl.TextAttentionMap"/>).</summary>
    Generator,

    /// <summary>
    /// Where the words the masked image needs lie in the true image, read by the frozen DAMSM image encoder
    /// (<see cref="Losses.TextGuidedAttention.MapFromTruth"/>).
    /// </summary>
    Truth,

    /// <summary>
    /// The parts the caption names, from a data set's part maps (<see cref="Losses.TextGuidedAttention.MapFromParts"/>);
    /// on a data set without part maps, <see cref="Truth"/>.
    /// </summary>
    Parts,
}
