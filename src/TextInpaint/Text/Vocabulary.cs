using System.Text.Json;

namespace TextInpaint.Text;

/// <summary>
/// The words the text encoder knows, each with an index. Index 0 is <c>&lt;end&gt;</c> (the end
/// token, also used as padding) and index 1 is <c>&lt;unk&gt;</c>, which stands for any word not
/// seen in the training captions. The other words follow in ordinal order, so the same captions
/// always give the same indices.
/// </summary>
public sealed class Vocabulary
{
    public const int EndIndex = 0;
    public const int UnknownIndex = 1;
    public const string EndToken = "<end>";
    public const string UnknownToken = "<unk>";

    private const string FormatName = "textinpaint-vocabulary";
    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        WriteIndented = true,
    };

    private readonly string[] words;
    private readonly Dictionary<string, int> indices;

    private Vocabulary(string[] words)
    {
        this.words = words;
        indices = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (int i = 0; i < words.Length; i++)
            indices.Add(words[i], i);
    }

    /// <summary>Number of entries, the two special tokens included.</summary>
    public int Count => words.Length;

    /// <summary>All entries in index order, the two special tokens first.</summary>
    public IReadOnlyList<string> Words => words;

    /// <summary>Builds the vocabulary of every word of the given (training) captions.</summary>
    public static Vocabulary Build(IEnumerable<string> captions)
    {
        ArgumentNullException.ThrowIfNull(captions);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var caption in captions)
            seen.UnionWith(Tokenizer.Tokenize(caption));
        var sorted = seen.Order(StringComparer.Ordinal);
        return new Vocabulary([EndToken, UnknownToken, .. sorted]);
    }

    public bool Contains(string word) => indices.ContainsKey(word);

    /// <summary>The word's index, or <see cref="UnknownIndex"/> for a word not in the vocabulary.</summary>
    public int IndexOf(string word) => indices.GetValueOrDefault(word, UnknownIndex);

    public string WordAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, words.Length);
        return words[index];
    }

    public void Save(string path)
    {
        var document = new VocabularyFile(FormatName, FormatVersion, words);
        AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(document, JsonOptions));
    }

    public static Vocabulary Load(string path)
    {
        var bytes = UserFiles.ReadAllBytes(path, UserFiles.MaxTextBytes, "vocabulary file");
        VocabularyFile? document;
        try
        {
            document = JsonSerializer.Deserialize<VocabularyFile>(bytes, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: not a valid vocabulary file ({e.Message}).", e);
        }

        if (document is null || document.Format != FormatName)
            throw new UserInputException($"{path}: not a vocabulary file (expected \"format\": \"{FormatName}\").");
        if (document.Version != FormatVersion)
            throw new UserInputException($"{path}: vocabulary format version {document.Version} is not supported (expected {FormatVersion}).");
        var list = document.Words;
        if (list is null || list.Length < 2 || list[EndIndex] != EndToken || list[UnknownIndex] != UnknownToken)
            throw new UserInputException($"{path}: the vocabulary must start with \"{EndToken}\" and \"{UnknownToken}\".");
        if (list.Any(string.IsNullOrEmpty))
            throw new UserInputException($"{path}: the vocabulary contains an empty word.");
        if (list.Distinct(StringComparer.Ordinal).Count() != list.Length)
            throw new UserInputException($"{path}: the vocabulary lists a word more than once.");
        return new Vocabulary(list);
    }

    private sealed record VocabularyFile(string Format, int Version, string[] Words);
}
