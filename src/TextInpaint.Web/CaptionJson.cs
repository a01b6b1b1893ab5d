namespace TextInpaint.Web;

/// <summary>A caption as the model reads it.</summary>
/// <param name="Words">Every word, with its state: known, unknown (read as &lt;unk&gt;) or dropped (past the 16 words read).</param>
public sealed record CaptionJson(IReadOnlyList<CaptionWordJson> Words, int Read, int MaxWords);
