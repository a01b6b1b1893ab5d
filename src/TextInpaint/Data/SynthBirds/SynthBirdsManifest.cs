using System.Text.Json;
using System.Text.Json.Serialization;

namespace TextInpaint.Data.SynthBirds;

/// <summary>
/// synthbirds.json, at the root of a SynthBirds data set. It is written last, so its presence
/// marks a complete data set.
/// </summary>
public sealed record SynthBirdsManifest(
    int FormatVersion,
    int Count,
    int Size,
    int Seed,
    double TestFraction,
    int TrainCount,
    int TestCount,
    int SpeciesCount,
    int CaptionsPerImage,
    IReadOnlyList<PaletteEntry> Palette,
    IReadOnlyList<PartEntry> Parts)
{
    public const string FileName = "synthbirds.json";
    /// <summary>2: every bird draws its own colours (1: colours fixed per species).</summary>
    public const int CurrentFormatVersion = 2;

    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Reads the manifest of a data set folder; null when the folder holds none.</summary>
    public static SynthBirdsManifest? TryLoad(string root)
    {
        var path = Path.Combine(root, FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<SynthBirdsManifest>(File.ReadAllText(path), Json)
                ?? throw new UserInputException($"{path}: empty SynthBirds manifest.");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: not a valid SynthBirds manifest ({e.Message}).", e);
        }
        catch (IOException e)
        {
            throw new UserInputException($"{path}: cannot be read ({e.Message}).", e);
        }
    }
}
