using System.Globalization;
using TextInpaint.Data;
using TextInpaint.Data.Masks;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Text;

namespace TextInpaint.Evaluation;

/// <summary>
/// Builds the test cases of an evaluation from a data set's test split: the first
/// <see cref="Count"/> images at <see cref="Size"/>, each with a hole drawn from (seed, image
/// index), so that every method sees the same holes, and with the captions the methods are given.
/// </summary>
public sealed class EvalCases
{
    private readonly CaptionedDataset test;
    private readonly InpaintingEvalOptions options;
    private readonly int size;

    /// <summary>Opens the test split; <see cref="Notes"/> says what cannot be measured on it.</summary>
    /// <param name="modelSize">The main model's size: the images' size when neither the options nor the data set's part maps give one.</param>
    public EvalCases(InpaintingEvalOptions options, int modelSize, Vocabulary vocabulary)
    {
        this.options = options;
        test = DatasetLoader.Open(options.Data, Split.Test, options.DataKind);
        var partsSize = test.Count > 0 && DatasetLoader.IsSynthBirds(options.Data)
            ? SynthBirdsTruth.Load(options.Data, test.Entries[0].Key).Parts.Width : (int?)null;
        size = options.Size ?? partsSize ?? modelSize;
        Count = options.Limit > 0 ? Math.Min(options.Limit, test.Count) : test.Count;
        if (Count == 0)
            throw new UserInputException($"{options.Data}: the test split has no images.");
        var notes = new List<string>();
        HasParts = DatasetLoader.IsSynthBirds(options.Data);
        if (!HasParts)
            notes.Add($"{options.Data} has no SynthBirds part maps and attributes: text consistency and the hole PSNR by region are not measured.");
        else if (partsSize != size)
        {
            HasParts = false;
            notes.Add($"{options.Data}: its part maps are {partsSize}x{partsSize} and the images are evaluated at {size}x{size}: text consistency "
                + $"and the hole PSNR by region are not measured (leave out --size).");
        }
        if (!HasParts && options.Mask is MaskKind.Object or MaskKind.Background or MaskKind.Mixed or MaskKind.Any)
            throw new UserInputException($"--mask {MaskKinds.NameOf(options.Mask)}: needs the object's region, from SynthBirds part maps at the "
                + $"evaluation's size; {options.Data} has none.");
        if (UnknownWordShare(vocabulary) is var unknown and > 0.05)
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{unknown:P0} of the words of the test captions are not in the model's vocabulary (read as unknown): the model was trained on "
                    + $"other captions."));
        Notes = notes;
    }

    /// <summary>The test images used.</summary>
    public int Count { get; }

    /// <summary>The options the cases were made for (their mask kind among them).</summary>
    public InpaintingEvalOptions Options => options;

    /// <summary>The side the test images are evaluated at.</summary>
    public int Size => size;

    /// <summary>Whether text consistency can be judged (SynthBirds part maps at the model's size).</summary>
    public bool HasParts { get; }

    public IReadOnlyList<string> Notes { get; }

    /// <summary>The cases from <paramref name="start"/> on, at most <paramref name="batchSize"/> of them.</summary>
    public EvalCase[] Batch(int start, int batchSize) =>
        Enumerable.Range(start, Math.Min(batchSize, Count - start)).Select(Make).ToArray();

    private EvalCase Make(int index)
    {
        var entry = test.Entries[index];
        var random = new Random(unchecked(options.Seed * 1_000_003 + index));
        var image = test.LoadImage(entry, size);
        var truth = HasParts ? SynthBirdsTruth.Load(options.Data, entry.Key) : null;
        var mask = MaskGenerator.Create(options.Mask, size, random, truth?.Parts.Labels.Select(l => l != 0).ToArray());
        var caption = truth?.Captions.FirstOrDefault()?.Text ?? entry.Captions.FirstOrDefault() ?? "";
        var edit = truth is { Captions.Count: > 0 } && truth.Parts.Width == size
            ? CaptionEdits.ChangeOneColour(truth.Captions[0], truth.Parts, mask, random)
            : null;
        return new EvalCase(index, image, mask, caption, ShuffledCaptionFor(index), entry.ClassId, truth, edit);
    }

    /// <summary>The first caption of the nearest later test image (cyclically) of another class.</summary>
    private string ShuffledCaptionFor(int index)
    {
        var own = test.Entries[index];
        for (int step = Count / 2, tried = 0; tried < Count; tried++, step++)
        {
            var other = test.Entries[(index + step) % Count];
            if ((own.ClassId == 0 || other.ClassId != own.ClassId) && other.Key != own.Key && other.Captions.Count > 0)
                return other.Captions[0];
        }
        return "";
    }

    /// <summary>The share of the words of the first captions of the test images that the vocabulary lacks.</summary>
    private double UnknownWordShare(Vocabulary vocabulary)
    {
        var words = test.Entries.Take(Count).SelectMany(e => e.Captions.Take(1)).SelectMany(Tokenizer.Tokenize).ToList();
        return words.Count == 0 ? 0 : words.Count(w => !vocabulary.Contains(w)) / (double)words.Count;
    }
}
