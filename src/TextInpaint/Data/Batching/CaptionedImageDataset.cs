using TextInpaint.Data.SynthBirds;
using TextInpaint.Imaging;
using TextInpaint.Text;
using static TorchSharp.torch;

namespace TextInpaint.Data.Batching;

/// <summary>
/// The images of a <see cref="CaptionedDataset"/> at the working size, each with one of its
/// captions drawn at random and the augmentation applied: what DAMSM pre-training and its
/// evaluation read. Every random choice of a sample comes from a generator seeded by (seed,
/// epoch, index), so a sample is the same in whatever order it is made; set <see cref="Epoch"/>
/// before each pass for fresh choices. <see cref="InpaintingDataset"/> adds a hole to the same
/// draws.
/// </summary>
public sealed class CaptionedImageDataset
{
    private readonly CaptionEncoder encoder;
    private readonly bool loadObjectRegions, loadTruth;
    private readonly CachedEntry?[]? cache;
    private int epoch;

    public CaptionedImageDataset(CaptionedDataset data, CaptionEncoder encoder, CaptionedImageOptions options)
        : this(data, encoder, options, loadObjectRegions: false, loadTruth: false)
    {
    }

    internal CaptionedImageDataset(CaptionedDataset data, CaptionEncoder encoder, CaptionedImageOptions options, bool loadObjectRegions, bool loadTruth)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ImageSize, 8);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Augmentation.GrayscaleProbability);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Augmentation.GrayscaleProbability, 1);
        Data = data;
        this.encoder = encoder;
        this.loadObjectRegions = loadObjectRegions;
        this.loadTruth = loadTruth;
        Options = options;
        cache = options.CacheImages ? new CachedEntry?[data.Count] : null;
    }

    public CaptionedDataset Data { get; }

    public CaptionedImageOptions Options { get; }

    /// <summary>The pass over the data the samples are drawn for; part of every sample's seed.</summary>
    public int Epoch
    {
        get => Volatile.Read(ref epoch);
        set => Volatile.Write(ref epoch, value);
    }

    public int Count => Data.Count;

    /// <summary>The sample for entry <paramref name="index"/> in the current epoch.</summary>
    public CaptionedImageSample GetSample(int index) => Draw(Epoch, index, drawHole: null, edit: null).Sample;

    /// <summary>
    /// The samples of entries <paramref name="indices"/> in <paramref name="epoch"/>, whatever
    /// <see cref="Epoch"/> says (a training run makes the next batch on a worker thread; calls must not overlap).
    /// </summary>
    public CaptionedImageSample[] Samples(int epoch, int[] indices) => indices.Select(i => Draw(epoch, i, drawHole: null, edit: null).Sample).ToArray();

    /// <summary>The samples of <paramref name="indices"/> as one batch on <paramref name="device"/>.</summary>
    public CaptionedImageBatch Batch(IEnumerable<int> indices, Device device) =>
        CaptionedImageBatch.Of(indices.Select(GetSample).ToArray(), device);

    /// <summary>
    /// Draws entry <paramref name="index"/>'s sample and, when <paramref name="drawHole"/> is given,
    /// its hole (from the sample's random generator and the object's region, which is loaded only
    /// for object and mixed holes); the hole is flipped with the image. <paramref name="edit"/>,
    /// when given, draws last and may return a recoloured image with its edited caption, which
    /// then replaces the drawn pair (and is neither flipped nor made grey). With
    /// <paramref name="namedParts"/> and a SynthBirds truth for the drawn caption, it also gives the
    /// labels of the parts that caption names (<see cref="PartLabelMap.NamedBy"/>), flipped with the
    /// image; an edit changes a named part's colour, not which parts are named.
    /// </summary>
    internal (CaptionedImageSample Sample, Mask? Hole, byte[]? NamedParts) Draw(int epoch, int index, Func<Random, bool[]?, Mask>? drawHole,
        Func<SampleEdit, Random, (RgbImage Image, string CaptionText)?>? edit, bool namedParts = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Data.Count);
        var entry = Data.Entries[index];
        var random = SampleRandom(epoch, index);
        var (image, objectRegion, truth) = Load(index);

        // The draws happen in a fixed order whatever the options, so turning one augmentation
        // off leaves the other choices of a sample unchanged; the crop's draws follow them (only
        // with a crop, which never goes with edits) and the edit's own draws come last.
        int captionIndex = entry.Captions.Count > 0 ? random.Next(entry.Captions.Count) : -1;
        var captionText = captionIndex >= 0 ? entry.Captions[captionIndex] : "";
        var caption = encoder.Encode(captionText, random);
        var mask = drawHole?.Invoke(random, objectRegion);
        bool flip = random.NextDouble() < 0.5 && Options.Augmentation.HorizontalFlip;
        bool grayscale = random.NextDouble() < Options.Augmentation.GrayscaleProbability;
        if (Options.Augmentation.RandomCrop)
        {
            // A crop makes a new image, so the cached one stays as it was.
            int slack = image.Width - Options.ImageSize;
            image = ImageOps.Crop(image, random.Next(slack + 1), random.Next(slack + 1), Options.ImageSize, Options.ImageSize);
        }

        var named = namedParts && truth is not null && captionIndex >= 0 && captionIndex < truth.Captions.Count
            && truth.Captions[captionIndex].Text == captionText
            ? truth.Parts.NamedBy(truth.Captions[captionIndex]) : null;
        if (edit?.Invoke(new SampleEdit(captionIndex, captionText, image, mask!, truth), random) is { } edited)
        {
            image = edited.Image;
            captionText = edited.CaptionText;
            caption = encoder.Encode(captionText, random);
        }
        else if ((flip || grayscale) && !Options.Augmentation.RandomCrop)
            image = image.Clone();
        if (flip)
        {
            FlipHorizontally(image);
            if (mask is not null)
                mask = FlipHorizontally(mask);
            if (named is not null)
                FlipHorizontally(named, image.Width);
        }
        if (grayscale)
            ToGrayscale(image);
        return (new CaptionedImageSample(index, image, captionText, caption, entry.ClassId, flip), mask, named);
    }

    private Random SampleRandom(int epoch, int index)
    {
        ulong state = Mix((ulong)(uint)Options.Seed);
        state = Mix(state ^ (uint)epoch);
        state = Mix(state ^ (uint)index);
        return new Random((int)(state >> 33));
    }

    // SplitMix64's finaliser: nearby inputs give unrelated outputs.
    private static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    /// <summary>
    /// The entry's resized image (at the crop's source size with a random crop), its object region (null unless object masks need it) and its
    /// SynthBirds truth (null unless caption edits need it); never modified by callers.
    /// </summary>
    private CachedEntry Load(int index)
    {
        if (cache?[index] is { } cached)
            return cached;
        var entry = Data.Entries[index];
        var image = Data.LoadImage(entry, Options.Augmentation.RandomCrop ? AugmentationOptions.CropSourceSize(Options.ImageSize) : Options.ImageSize);
        var region = loadObjectRegions ? LoadObjectRegion(entry) : null;
        var truth = loadTruth ? LoadTruth(entry, image) : null;
        var loaded = new CachedEntry(image, region, truth);
        if (cache is not null)
            cache[index] = loaded;
        return loaded;
    }

    /// <summary>
    /// The object's pixels from the part-label image, cropped and resized as the image is; null
    /// when the data set has no part labels for this entry.
    /// </summary>
    private bool[]? LoadObjectRegion(DatasetEntry entry)
    {
        var path = DatasetLayout.PartsFile(Data.Root, entry.Key);
        if (!File.Exists(path))
            return null;
        var parts = ImageFiles.Load(path);
        if (entry.Crop is { } box)
            parts = ImageOps.Crop(parts, box.X, box.Y, box.Width, box.Height);
        int side = Math.Min(parts.Width, parts.Height);
        parts = ImageOps.Crop(parts, (parts.Width - side) / 2, (parts.Height - side) / 2, side, side);
        var region = new Mask(side, side);
        for (int i = 0; i < region.Hole.Length; i++)
            region.Hole[i] = parts.Pixels[3 * i] != 0;
        return ImageOps.Resize(region, Options.ImageSize, Options.ImageSize).Hole;
    }

    private static void FlipHorizontally(RgbImage image)
    {
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width / 2; x++)
                (image[x, y], image[image.Width - 1 - x, y]) = (image[image.Width - 1 - x, y], image[x, y]);
    }

    private static Mask FlipHorizontally(Mask mask)
    {
        var flipped = new Mask(mask.Width, mask.Height);
        for (int y = 0; y < mask.Height; y++)
            for (int x = 0; x < mask.Width; x++)
                flipped[mask.Width - 1 - x, y] = mask[x, y];
        return flipped;
    }

    private static void FlipHorizontally(byte[] labels, int width)
    {
        for (int row = 0; row < labels.Length; row += width)
            Array.Reverse(labels, row, width);
    }

    private static void ToGrayscale(RgbImage image)
    {
        var p = image.Pixels;
        for (int i = 0; i < p.Length; i += 3)
        {
            // ITU-R 601 luma, as torchvision's RandomGrayscale.
            byte luma = (byte)Math.Clamp(Math.Round(0.299 * p[i] + 0.587 * p[i + 1] + 0.114 * p[i + 2]), 0, 255);
            p[i] = p[i + 1] = p[i + 2] = luma;
        }
    }

    /// <summary>The part map and captions of a SynthBirds entry, which must be rendered at the training size.</summary>
    private SynthBirdsTruth LoadTruth(DatasetEntry entry, RgbImage image)
    {
        var truth = SynthBirdsTruth.Load(Data.Root, entry.Key);
        if (truth.Parts.Width != image.Width || truth.Parts.Height != image.Height)
            throw new UserInputException(
                $"{DatasetLayout.PartsFile(Data.Root, entry.Key)}: the part map is {truth.Parts.Width}x{truth.Parts.Height} but the model trains at "
                    + $"{image.Width}x{image.Height}; caption edits need a data set rendered at the training size.");
        return truth;
    }

    private sealed record CachedEntry(RgbImage Image, bool[]? ObjectRegion, SynthBirdsTruth? Truth);
}
