using TextInpaint.Data.Masks;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Imaging;
using TextInpaint.Text;
using static TorchSharp.torch;

namespace TextInpaint.Data.Batching;

/// <summary>
/// The training data of the inpainting network: for entry i of a <see cref="CaptionedDataset"/>,
/// the sample <see cref="CaptionedImageDataset"/> draws (image at the working size, one caption
/// drawn at random, augmentation) and a hole of <see cref="InpaintingDatasetOptions.Mask"/>'s
/// kind drawn from the same seeded generator, flipped with the image; with
/// <see cref="InpaintingDatasetOptions.CaptionEditProbability"/>, some samples are edited pairs.
/// With <see cref="InpaintingDatasetOptions.SourceSize"/>, all of this happens at the source size
/// and the sample is the window the user's path cuts around the hole (with
/// <see cref="InpaintingDatasetOptions.PictureSize"/>, beside the whole picture).
/// </summary>
public sealed class InpaintingDataset
{
    private readonly CaptionedImageDataset images;

    public InpaintingDataset(CaptionedDataset data, CaptionEncoder encoder, InpaintingDatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.CaptionEditProbability);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.CaptionEditProbability, 1);
        if (options.Augmentation.RandomCrop
            && (options.CaptionEditProbability > 0 || options.NamedPartLabels || options.NeedsObjectRegion || options.SourceSize is not null))
            throw new ArgumentException("a random crop cannot go with caption edits, named-part labels, holes placed by the object or windows: "
                + "their part maps cover the uncropped image.", nameof(options));
        if (options.SourceSize is { } source)
            ArgumentOutOfRangeException.ThrowIfLessThan(source, options.ImageSize);
        else if (options.PictureSize is not null)
            throw new ArgumentException("a whole picture goes beside a window: it needs a source size.", nameof(options));
        Options = options;
        images = new CaptionedImageDataset(data, encoder,
            new CaptionedImageOptions(options.LoadSize, options.Seed, options.CacheImages) { Augmentation = options.Augmentation },
            loadObjectRegions: options.NeedsObjectRegion, loadTruth: options.CaptionEditProbability > 0 || options.NamedPartLabels);
    }

    public CaptionedDataset Data => images.Data;

    public InpaintingDatasetOptions Options { get; }

    /// <summary>The pass over the data the samples are drawn for; part of every sample's seed.</summary>
    public int Epoch
    {
        get => images.Epoch;
        set => images.Epoch = value;
    }

    public int Count => images.Count;

    /// <summary>The sample for entry <paramref name="index"/> in the current epoch, as images and words.</summary>
    public InpaintingSample GetSample(int index) => Sample(Epoch, index);

    /// <summary>
    /// The samples of entries <paramref name="indices"/> in <paramref name="epoch"/>, whatever
    /// <see cref="Epoch"/> says: a training run makes the next step's batch on a worker thread.
    /// Calls must not overlap (the image cache is filled as entries are first read).
    /// </summary>
    public InpaintingSample[] Samples(int epoch, int[] indices) => indices.Select(i => Sample(epoch, i)).ToArray();

    private InpaintingSample Sample(int epoch, int index)
    {
        var (sample, hole, named) = images.Draw(epoch, index,
            (random, objectRegion) => MaskGenerator.Create(Options.Mask, Options.LoadSize, random, objectRegion), Edit,
            Options.NamedPartLabels);
        if (Options.SourceSize is null)
            return new InpaintingSample(sample.Index, sample.Image, hole!, sample.CaptionText, sample.Caption, sample.ClassId, sample.Flipped, named);
        var window = ModelWindow.Around(hole!, Options.ImageSize)
            ?? throw new InvalidOperationException($"a {MaskKinds.NameOf(Options.Mask)} hole of entry {index} is empty.");
        var (target, modelHole) = window.TrainingPair(sample.Image, hole!);
        return new InpaintingSample(sample.Index, target, modelHole, sample.CaptionText, sample.Caption,
            sample.ClassId, sample.Flipped, named is null ? null : window.Labels(named, sample.Image.Width, sample.Image.Height),
            Options.PictureSize is { } pictureSize ? ModelWindow.Picture(sample.Image, hole!, pictureSize, truth: true) : null);
    }

    /// <summary>
    /// With <see cref="InpaintingDatasetOptions.CaptionEditProbability"/>, a SynthBirds pair whose
    /// caption and hidden part are recoloured together (<see cref="ColourEdits.Recolour"/>); null
    /// keeps the drawn pair. The chance is drawn for every sample, so the draws stay aligned.
    /// </summary>
    private (RgbImage Image, string CaptionText)? Edit(SampleEdit drawn, Random random)
    {
        bool edit = random.NextDouble() < Options.CaptionEditProbability;
        if (edit && drawn.Truth is { } truth && drawn.CaptionIndex >= 0 && drawn.CaptionIndex < truth.Captions.Count
            && truth.Captions[drawn.CaptionIndex].Text == drawn.CaptionText
            && ColourEdits.Recolour(truth.Captions[drawn.CaptionIndex], truth.Parts, drawn.Image, drawn.Hole, random) is { } edited)
            return (edited.Image, edited.Caption.Text);
        return null;
    }

    /// <summary>The samples of <paramref name="indices"/> as one batch on <paramref name="device"/>.</summary>
    public InpaintingBatch Batch(IEnumerable<int> indices, Device device) =>
        InpaintingBatch.Of(indices.Select(GetSample).ToArray(), device);
}
