using TextInpaint.Data.Masks;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Imaging;
using TextInpaint.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TextInpaint.Data.Batching;

/// <summary>
/// The training data as tensors: for entry i of a <see cref="CaptionedDataset"/>, its image at
/// the working size, a hole, and one of its captions drawn at random. Item tensors:
/// <list type="bullet">
/// <item><c>image</c>: float32 [3, S, S] in [-1, 1]</item>
/// <item><c>mask</c>: float32 [1, S, S], 1 on the hole</item>
/// <item><c>caption</c>: int64 [16], word indices padded with 0; <c>caption_length</c>: int64 scalar</item>
/// <item><c>class_id</c>: int64 scalar; <c>index</c>: int64 scalar, the entry's position in <see cref="Data"/></item>
/// </list>
/// Every random choice of a sample comes from a generator seeded by (seed, epoch, index), so a
/// sample is the same whichever worker makes it and in whatever order; set <see cref="Epoch"/>
/// before each pass for fresh choices.
/// </summary>
public sealed class InpaintingDataset : torch.utils.data.Dataset
{
    public const string ImageKey = "image", MaskKey = "mask", CaptionKey = "caption", CaptionLengthKey = "caption_length",
        ClassIdKey = "class_id", IndexKey = "index";

    /// <summary>Folder, under the data set's root, of part-label images named &lt;key&gt;.png (R channel: part label, 0 = background).</summary>
    public const string PartsFolder = "parts";

    private readonly CaptionEncoder encoder;
    private readonly CachedEntry?[]? cache;
    private int epoch;

    public InpaintingDataset(CaptionedDataset data, CaptionEncoder encoder, InpaintingDatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ImageSize, 8);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Augmentation.GrayscaleProbability);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Augmentation.GrayscaleProbability, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.CaptionEditProbability);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.CaptionEditProbability, 1);
        if (options.Augmentation.RandomCrop && (options.CaptionEditProbability > 0 || options.Mask is MaskKind.Object or MaskKind.Mixed))
            throw new ArgumentException("a random crop cannot go with caption edits or object holes: their part maps cover the uncropped image.", nameof(options));
        Data = data;
        this.encoder = encoder;
        Options = options;
        cache = options.CacheImages ? new CachedEntry?[data.Count] : null;
    }

    public CaptionedDataset Data { get; }

    public InpaintingDatasetOptions Options { get; }

    /// <summary>The pass over the data the samples are drawn for; part of every sample's seed.</summary>
    public int Epoch
    {
        get => Volatile.Read(ref epoch);
        set => Volatile.Write(ref epoch, value);
    }

    public override long Count => Data.Count;

    public override Dictionary<string, Tensor> GetTensor(long index)
    {
        var sample = GetSample(checked((int)index));
        return new Dictionary<string, Tensor>
        {
            [ImageKey] = TensorImages.ToTensor(sample.Image),
            [MaskKey] = TensorImages.ToTensor(sample.Mask),
            [CaptionKey] = torch.tensor(sample.Caption.Ids),
            [CaptionLengthKey] = torch.tensor((long)sample.Caption.Length),
            [ClassIdKey] = torch.tensor((long)sample.ClassId),
            [IndexKey] = torch.tensor((long)sample.Index),
        };
    }

    /// <summary>
    /// A loader of batches of <paramref name="batchSize"/> items ([B, 3, S, S] images and so on).
    /// It leaves this data set open when disposed, so one data set serves a loader per epoch.
    /// Unlike TorchSharp's default collation it disposes each item's tensors once they are
    /// stacked, also when workers made them on other threads, outside the caller's dispose scope.
    /// </summary>
    public DataLoader<Dictionary<string, Tensor>, Dictionary<string, Tensor>> CreateLoader(
        int batchSize, bool shuffle, int? shuffleSeed = null, int workers = 1, bool dropLast = false, Device? device = null) =>
        new(this, batchSize, Collate, shuffle, device, shuffleSeed, workers, dropLast, disposeBatch: true, disposeDataset: false);

    /// <summary>Stacks items into a batch on <paramref name="device"/> and disposes the items.</summary>
    public static Dictionary<string, Tensor> Collate(IEnumerable<Dictionary<string, Tensor>> items, Device device)
    {
        var list = items.ToList();
        try
        {
            using var scope = torch.NewDisposeScope();
            var batch = new Dictionary<string, Tensor>();
            foreach (var key in list[0].Keys)
                batch[key] = torch.stack(list.Select(item => item[key]), 0).to(device).MoveToOuterDisposeScope();
            return batch;
        }
        finally
        {
            foreach (var tensor in list.SelectMany(item => item.Values))
                tensor.Dispose();
        }
    }

    /// <summary>The sample for entry <paramref name="index"/> in the current epoch, as images and words.</summary>
    public InpaintingSample GetSample(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Data.Count);
        var entry = Data.Entries[index];
        var random = SampleRandom(index);
        var (image, objectRegion, truth) = Load(index);
        int size = Options.ImageSize;

        // The draws happen in a fixed order whatever the options, so turning one augmentation
        // off leaves the other choices of a sample unchanged; the crop's draws follow them (only
        // with a crop, which never goes with edits) and the edit's own draws come last.
        int captionIndex = entry.Captions.Count > 0 ? random.Next(entry.Captions.Count) : -1;
        var captionText = captionIndex >= 0 ? entry.Captions[captionIndex] : "";
        var caption = encoder.Encode(captionText, random);
        var mask = MaskGenerator.Create(Options.Mask, size, random, objectRegion);
        bool flip = random.NextDouble() < 0.5 && Options.Augmentation.HorizontalFlip;
        bool grayscale = random.NextDouble() < Options.Augmentation.GrayscaleProbability;
        bool edit = random.NextDouble() < Options.CaptionEditProbability;
        if (Options.Augmentation.RandomCrop)
        {
            int slack = image.Width - size;
            image = ImageOps.Crop(image, random.Next(slack + 1), random.Next(slack + 1), size, size);
        }

        if (edit && truth is not null && captionIndex >= 0 && captionIndex < truth.Captions.Count
            && truth.Captions[captionIndex].Text == captionText
            && ColourEdits.Recolour(truth.Captions[captionIndex], truth.Parts, image, mask, random) is { } edited)
        {
            image = edited.Image;
            captionText = edited.Caption.Text;
            caption = encoder.Encode(captionText, random);
        }
        else if ((flip || grayscale) && !Options.Augmentation.RandomCrop)
            image = image.Clone();
        if (flip)
        {
            FlipHorizontally(image);
            mask = FlipHorizontally(mask);
        }
        if (grayscale)
            ToGrayscale(image);
        return new InpaintingSample(index, image, mask, captionText, caption, entry.ClassId, flip);
    }

    private Random SampleRandom(int index)
    {
        ulong state = Mix((ulong)(uint)Options.Seed);
        state = Mix(state ^ (uint)Epoch);
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
        var region = Options.Mask is MaskKind.Object or MaskKind.Mixed ? LoadObjectRegion(entry) : null;
        var truth = Options.CaptionEditProbability > 0 ? LoadTruth(entry, image) : null;
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
        var path = Path.Combine(Data.Root, PartsFolder, entry.Key + ".png");
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

    /// <summary>The part map and captions of a SynthBirds entry, which must be rendered at the training size.</summary>
    private SynthBirdsTruth LoadTruth(DatasetEntry entry, RgbImage image)
    {
        var truth = SynthBirdsTruth.Load(Data.Root, entry.Key);
        if (truth.Parts.Width != image.Width || truth.Parts.Height != image.Height)
            throw new UserInputException(
                $"{Path.Combine(Data.Root, PartsFolder, entry.Key + ".png")}: the part map is {truth.Parts.Width}x{truth.Parts.Height} but the model trains at {image.Width}x{image.Height}; caption edits need a data set rendered at the training size.");
        return truth;
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

    private sealed record CachedEntry(RgbImage Image, bool[]? ObjectRegion, SynthBirdsTruth? Truth);
}
