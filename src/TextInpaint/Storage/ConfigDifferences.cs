using System.Text.Json;
using System.Text.Json.Nodes;

namespace TextInpaint.Storage;

/// <summary>
/// Where two configurations of the same type differ, field by field, as a model folder writes
/// them (JSON, camelCase, nested records as dotted paths): what a resumed run compares its saved
/// network and recipe with, so that every field is compared and named without a hand-written list.
/// </summary>
public static class ConfigDifferences
{
    /// <summary>
    /// Each field whose value differs, as <c>path saved (asked asked)</c>, in the order the
    /// fields are written; empty when the two are equal.
    /// </summary>
    public static IReadOnlyList<string> Between<T>(T saved, T asked)
    {
        var differences = new List<string>();
        Compare(JsonSerializer.SerializeToNode(saved, ModelFiles.Json), JsonSerializer.SerializeToNode(asked, ModelFiles.Json), "", differences);
        return differences;
    }

    /// <summary>Refuses to resume when <paramref name="saved"/> and <paramref name="asked"/> differ, naming every field.</summary>
    public static void Require<T>(T saved, T asked, string folder, string what)
    {
        var differences = Between(saved, asked);
        if (differences.Count > 0)
            throw new UserInputException(
                $"{folder}: holds a run with another {what}: {string.Join(", ", differences)}; resume it with its own settings or choose another --out.");
    }

    private static void Compare(JsonNode? saved, JsonNode? asked, string path, List<string> differences)
    {
        if (saved is JsonObject savedObject && asked is JsonObject askedObject)
        {
            foreach (var name in savedObject.Select(p => p.Key).Concat(askedObject.Select(p => p.Key)).Distinct())
                Compare(savedObject[name], askedObject[name], path.Length == 0 ? name : $"{path}.{name}", differences);
            return;
        }
        if (!JsonNode.DeepEquals(saved, asked))
            differences.Add($"{path} {Show(saved)} (asked {Show(asked)})");
    }

    private static string Show(JsonNode? value) => value?.ToJsonString() ?? "none";
}
