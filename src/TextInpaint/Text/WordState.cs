namespace TextInpaint.Text;

/// <summary>How the model treats one word of a caption.</summary>
public enum WordState
{
    /// <summary>In the vocabulary and read.</summary>
    Known,

    /// <summary>Read, but as <c>&lt;unk&gt;</c>: the vocabulary lacks it.</summary>
    Unknown,

    /// <summary>Not read: the caption is longer than <see cref="CaptionEncoder.MaxWords"/> words and this one is not among those kept.</summary>
    Dropped,
}
