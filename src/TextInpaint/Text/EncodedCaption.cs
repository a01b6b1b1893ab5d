namespace TextInpaint.Text;

/// <summary>
/// A caption as word indices for the text encoder: <see cref="Ids"/> always has
/// <see cref="CaptionEncoder.MaxWords"/> entries, the first <see cref="Length"/> are the words and
/// the rest are 0 (<c>&lt;end&gt;</c>). <see cref="UnknownWords"/> lists, once each, the words
/// that were not in the vocabulary and were encoded as <c>&lt;unk&gt;</c>.
/// </summary>
public sealed record EncodedCaption(long[] Ids, int Length, IReadOnlyList<string> UnknownWords);
