namespace TextInpaint.Evaluation;

/// <summary>Another model folder to evaluate beside the main one, under a name of its own ("no-text").</summary>
public sealed record ComparedModel(string Name, string Folder)
{
    /// <summary>Parses "name=folder".</summary>
    public static ComparedModel Parse(string text)
    {
        int split = text.IndexOf('=');
        if (split <= 0 || split == text.Length - 1)
            throw new UserInputException($"--compare '{text}': expected NAME=MODEL_FOLDER, e.g. no-text=runs/mmfl64-no-text.");
        return new ComparedModel(text[..split].Trim(), text[(split + 1)..].Trim());
    }
}
