namespace TextInpaint.Data.SynthBirds;

/// <summary>
/// Makes image number <c>index</c> of a data set from (seed, index) alone, so images can be made
/// in any order, in parallel, and always come out the same.
/// </summary>
public static class SynthBirdsGenerator
{
    public const int CaptionsPerImage = 10;

    /// <summary>The key of image <paramref name="index"/> (0-based) in the file lists.</summary>
    public static string KeyOf(int index) => $"bird_{index:D6}";

    public static SynthBird Generate(int seed, int index, int size)
    {
        // Separate random streams for the picture and the captions, so a change in caption
        // wording never changes the pictures.
        var pictureRandom = new Random(StreamSeed(seed, index, stream: 0));
        var species = BirdSpeciesCatalog.All[pictureRandom.Next(BirdSpeciesCatalog.Count)];
        var attributes = species.DrawIndividual(new Random(StreamSeed(seed, index, stream: 3)));
        var rendered = BirdRenderer.Render(attributes, size, pictureRandom);
        var captions = BirdCaptions.Write(attributes, CaptionsPerImage, new Random(StreamSeed(seed, index, stream: 1)));
        return new SynthBird(KeyOf(index), species, attributes, rendered, captions);
    }

    /// <summary>A well-mixed 32-bit seed for one stream of one image (SplitMix64 finaliser).</summary>
    internal static int StreamSeed(int seed, int index, int stream)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)index) * 0x9E3779B97F4A7C15UL + (ulong)stream * 0xD1B54A32D192ED03UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
