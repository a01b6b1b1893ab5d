using System.Text;
using System.Text.RegularExpressions;

namespace TextInpaint.Text;

/// <summary>
/// Splits a caption into words the way AttnGAN and MMFL prepare their captions: lower-case,
/// runs of word characters (regex <c>\w+</c>, as NLTK's RegexpTokenizer), then every non-ASCII
/// character is dropped from a token ("café" becomes "caf") and tokens left empty are dropped.
/// </summary>
public static partial class Tokenizer
{
    public static IReadOnlyList<string> Tokenize(string caption)
    {
        ArgumentNullException.ThrowIfNull(caption);
        var tokens = new List<string>();
        foreach (Match match in WordPattern().Matches(caption.ToLowerInvariant()))
        {
            var token = AsciiOnly(match.Value);
            if (token.Length > 0) tokens.Add(token);
        }
        return tokens;
    }

    private static string AsciiOnly(string token)
    {
        if (Ascii.IsValid(token)) return token;
        var builder = new StringBuilder(token.Length);
        foreach (var c in token)
            if (char.IsAscii(c)) builder.Append(c);
        return builder.ToString();
    }

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordPattern();
}
