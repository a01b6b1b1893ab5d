namespace TextInpaint.Text;

/// <summary>One word of a caption, in caption order, with what the model makes of it.</summary>
public sealed record ReadWord(string Word, WordState State);
