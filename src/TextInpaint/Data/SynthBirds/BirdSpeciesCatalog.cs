namespace TextInpaint.Data.SynthBirds;

/// <summary>
/// The fixed list of SynthBirds species. It is drawn from a constant seed, so every data set,
/// whatever its own seed, has the same species under the same class ids.
/// </summary>
public static class BirdSpeciesCatalog
{
    public const int Count = 200;

    private const int CatalogSeed = 200_2011;

    private static readonly string[] Genera =
        ["Warbler", "Finch", "Sparrow", "Tanager", "Bunting", "Flycatcher", "Vireo", "Grosbeak", "Wren", "Oriole"];

    private static readonly BirdColor[] BeakColors =
        [BirdColor.Black, BirdColor.Black, BirdColor.Grey, BirdColor.Yellow, BirdColor.Orange, BirdColor.Brown, BirdColor.Red, BirdColor.White];

    private static readonly BirdColor[] EyeRingColors = [BirdColor.White, BirdColor.Yellow, BirdColor.Red, BirdColor.Orange];

    public static IReadOnlyList<BirdSpecies> All { get; } = Build();

    /// <summary>The species with a 1-based class id.</summary>
    public static BirdSpecies Get(int classId) =>
        classId is >= 1 and <= Count ? All[classId - 1] : throw new ArgumentOutOfRangeException(nameof(classId), classId, $"class ids run from 1 to {Count}");

    private static List<BirdSpecies> Build()
    {
        var random = new Random(CatalogSeed);
        var species = new List<BirdSpecies>(Count);
        var seen = new HashSet<BirdAttributes>();
        while (species.Count < Count)
        {
            var attributes = Draw(random);
            if (!seen.Add(attributes))
                continue;
            int classId = species.Count + 1;
            string name = $"{Capitalise(BirdPalette.Name(attributes.Crown))}-crowned {Capitalise(BirdPalette.Name(attributes.Wing))}-winged "
                + $"{Genera[random.Next(Genera.Length)]}";
            species.Add(new BirdSpecies(classId, name, attributes));
        }
        return species;
    }

    private static BirdAttributes Draw(Random random)
    {
        var colors = DrawColors(random, shape: null);
        return colors with { BeakLength = (BeakLength)random.Next(2), Size = (BirdSize)random.Next(3) };
    }

    /// <summary>
    /// Colours under the catalogue's rules. With a <paramref name="shape"/>, its wing pattern and
    /// eye ring (present or not) are kept and only their colours drawn; without, those are drawn too.
    /// </summary>
    internal static BirdAttributes DrawColors(Random random, BirdAttributes? shape)
    {
        var colors = BirdPalette.Colors;
        BirdColor Any() => colors[random.Next(colors.Count)];
        BirdColor AnyExcept(params BirdColor[] excluded)
        {
            while (true)
            {
                var color = Any();
                if (Array.IndexOf(excluded, color) < 0)
                    return color;
            }
        }

        // The wing, beak and eye ring differ from the colours around them so that they show.
        var body = Any();
        var crown = Any();
        var wing = AnyExcept(body);
        var belly = Any();
        var tail = random.NextDouble() < 0.4 ? wing : Any();
        var beak = BeakColors[random.Next(BeakColors.Length)];
        if (beak == body || beak == crown)
            beak = AnyExcept(body, crown);
        var pattern = shape?.WingPattern ?? (WingPattern)random.Next(3);
        BirdColor? patternColor = pattern == WingPattern.Solid ? null : AnyExcept(wing, body);
        BirdColor? eyeRing = null;
        if (shape?.HasEyeRing ?? random.NextDouble() < 0.4)
        {
            var ring = EyeRingColors[random.Next(EyeRingColors.Length)];
            eyeRing = ring == body || ring == crown ? AnyExcept(body, crown, BirdColor.Black, BirdColor.Grey) : ring;
        }
        return new BirdAttributes(crown, wing, belly, tail, beak, body,
            shape?.BeakLength ?? BeakLength.Short, pattern, patternColor, eyeRing, shape?.Size ?? BirdSize.Small);
    }

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
