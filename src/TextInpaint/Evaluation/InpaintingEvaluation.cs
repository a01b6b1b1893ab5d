using TextInpaint.Data;
using TextInpaint.Data.Masks;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.Metrics;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;
using TextInpaint.Models.Mmfl;
using TextInpaint.Runtime;
using TextInpaint.Storage;
using TextInpaint.Text;
using TextInpaint.Training;
using static TorchSharp.torch;

namespace TextInpaint.Evaluation;

/// <summary>What `textinpaint eval` measures.</summary>
/// <param name="Model">Model folder written by `textinpaint train`.</param>
/// <param name="Data">Data set root; its test split is used.</param>
/// <param name="Output">Folder for the table, CSV and sheet (default: the model folder's eval/).</param>
/// <param name="Mask">The hole every test image gets.</param>
/// <param name="Limit">Test images to use (0: all).</param>
public sealed record InpaintingEvalOptions(
    string Model,
    string Data,
    string? Output = null,
    string DataKind = DatasetLoader.Auto,
    MaskKind Mask = MaskKind.Centre,
    int Limit = 0,
    int BatchSize = 32,
    int Seed = 1,
    string Device = "cpu");

/// <summary>One method's figures: image quality, and on SynthBirds the text consistency.</summary>
/// <param name="Consistency">Agreement of the output's part colours with the true caption (null without part maps).</param>
/// <param name="Controllability">For the edited-caption method: the rate at which the output shows the edited colour.</param>
public sealed record MethodScores(string Method, string Description, QualitySummary Quality, ConsistencySummary? Consistency, ConsistencySummary? Controllability);

/// <summary>Everything one evaluation measured.</summary>
public sealed record InpaintingEvaluationResult(InpaintingEvalOptions Options, int Images, long TrainingStep, IReadOnlyList<MethodScores> Methods,
    string? ConsistencyNote, IReadOnlyList<SheetCell> Sheet);

/// <summary>
/// Inpaints the test split with a trained model under several captions and scores each variant:
/// <list type="bullet">
/// <item><c>mmfl</c>: the image's own caption (its first);</item>
/// <item><c>mmfl-shuffled</c>: the caption of another test image of another class;</item>
/// <item><c>mmfl-empty</c>: no words at all;</item>
/// <item><c>mmfl-edited</c> (SynthBirds): the own caption with one colour of a part in the hole changed.</item>
/// </list>
/// Image quality is measured against the ground truth (<see cref="ImageQuality"/>). Text
/// consistency (<see cref="ColourJudge"/>) is always judged against the true caption's colours,
/// so for the shuffled and empty captions it shows how often the model guesses right without the
/// right text; for the edited caption, controllability is judged against the edited colour.
/// Holes are drawn from (seed, image index), the same for every method.
/// </summary>
public static class InpaintingEvaluation
{
    public const string TrueCaption = "mmfl", Shuffled = "mmfl-shuffled", Empty = "mmfl-empty", Edited = "mmfl-edited";
    private const int SheetImages = 8;

    public static InpaintingEvaluationResult Run(InpaintingEvalOptions options, IProgress<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        if (options.Mask == MaskKind.Object)
            throw new UserInputException("--mask object: not supported by eval; use centre, box or free-form.");
        var device = TorchRuntime.ResolveDevice(options.Device);
        using var model = MmflFolder.Load(options.Model, device);
        int size = model.Config.Preset.ImageSize;
        var test = DatasetLoader.Open(options.Data, Split.Test, options.DataKind);
        int count = options.Limit > 0 ? Math.Min(options.Limit, test.Count) : test.Count;
        if (count == 0)
            throw new UserInputException($"{options.Data}: the test split has no images.");
        bool hasParts = Directory.Exists(Path.Combine(options.Data, "parts")) && Directory.Exists(Path.Combine(options.Data, "attributes"));
        var encoder = new CaptionEncoder(model.Damsm.Vocabulary);

        var quality = new Dictionary<string, QualityAccumulator>();
        var consistency = new Dictionary<string, ConsistencyAccumulator>();
        var controllability = new ConsistencyAccumulator();
        var sheet = new List<SheetCell>();
        foreach (var method in new[] { TrueCaption, Shuffled, Empty, Edited })
        {
            quality[method] = new QualityAccumulator();
            consistency[method] = new ConsistencyAccumulator();
        }

        progress?.Report(new JobProgress("eval", 0, count));
        for (int start = 0; start < count; start += options.BatchSize)
        {
            cancel.ThrowIfCancellationRequested();
            var cases = Enumerable.Range(start, Math.Min(options.BatchSize, count - start))
                .Select(i => MakeCase(test, i, count, size, options, hasParts))
                .ToArray();
            var outputs = new Dictionary<string, RgbImage[]>
            {
                [TrueCaption] = Inpaint(model, encoder, cases, c => c.Caption, device),
                [Shuffled] = Inpaint(model, encoder, cases, c => c.ShuffledCaption, device),
                [Empty] = Inpaint(model, encoder, cases, _ => "", device),
                [Edited] = Inpaint(model, encoder, cases, c => c.Edit?.Caption.Text ?? c.Caption, device),
            };
            for (int k = 0; k < cases.Length; k++)
            {
                var c = cases[k];
                foreach (var (method, images) in outputs)
                {
                    quality[method].Add(ImageQuality.Measure(c.Image, images[k], c.Mask));
                    if (c.Truth is { } truth)
                        consistency[method].Add(ColourJudge.Judge(images[k], truth.Parts, c.Mask, truth.Captions[0]));
                }
                if (c.Edit is { } edit)
                    controllability.Add(ColourJudge.Judge(outputs[Edited][k], c.Truth!.Parts, c.Mask, edit.Caption).Where(j => j.Part == edit.Part));
                if (sheet.Count < SheetImages)
                    sheet.Add(SheetCellOf(c, outputs, k));
            }
            progress?.Report(new JobProgress("eval", start + cases.Length, count));
        }

        var descriptions = new Dictionary<string, string>
        {
            [TrueCaption] = "MMFL, true caption",
            [Shuffled] = "MMFL, another image's caption",
            [Empty] = "MMFL, empty caption",
            [Edited] = "MMFL, one colour of the caption changed",
        };
        var scores = descriptions.Select(d => new MethodScores(d.Key, d.Value, quality[d.Key].Compute(),
            hasParts ? consistency[d.Key].Compute() : null,
            hasParts && d.Key == Edited ? controllability.Compute() : null)).ToArray();
        var note = hasParts ? null : $"{options.Data} has no SynthBirds part maps and attributes: text consistency is not measured.";
        return new InpaintingEvaluationResult(options, count, TrainingStepOf(options.Model), scores, note, sheet);
    }

    /// <summary>One test image with its hole and the captions each method is given.</summary>
    private sealed record EvalCase(int Index, RgbImage Image, Mask Mask, string Caption, string ShuffledCaption, SynthBirdsTruth? Truth, EditedCaption? Edit);

    private static EvalCase MakeCase(CaptionedDataset test, int index, int count, int size, InpaintingEvalOptions options, bool hasParts)
    {
        var entry = test.Entries[index];
        var random = new Random(unchecked(options.Seed * 1_000_003 + index));
        var image = test.LoadImage(entry, size);
        var mask = MaskGenerator.Create(options.Mask, size, random);
        var truth = hasParts ? SynthBirdsTruth.Load(options.Data, entry.Key) : null;
        var caption = truth?.Captions.FirstOrDefault()?.Text ?? entry.Captions.FirstOrDefault() ?? "";
        var edit = truth is { Captions.Count: > 0 } && truth.Parts.Width == size
            ? CaptionEdits.ChangeOneColour(truth.Captions[0], truth.Parts, mask, random)
            : null;
        return new EvalCase(index, image, mask, caption, ShuffledCaptionFor(test, index, count), truth, edit);
    }

    /// <summary>The first caption of the nearest later test image (cyclically) of another class.</summary>
    private static string ShuffledCaptionFor(CaptionedDataset test, int index, int count)
    {
        var own = test.Entries[index];
        for (int step = count / 2, tried = 0; tried < count; tried++, step++)
        {
            var other = test.Entries[(index + step) % count];
            if ((own.ClassId == 0 || other.ClassId != own.ClassId) && other.Key != own.Key && other.Captions.Count > 0)
                return other.Captions[0];
        }
        return "";
    }

    /// <summary>Inpaints a batch with zero noise; known pixels are copied from the input byte for byte.</summary>
    private static RgbImage[] Inpaint(MmflModel model, CaptionEncoder encoder, IReadOnlyList<EvalCase> cases, Func<EvalCase, string> captionOf, Device device)
    {
        using var scope = StepScope.Open();
        using var noGrad = no_grad();
        var encoded = cases.Select(c => encoder.Encode(captionOf(c))).ToArray();
        var batch = new MmflBatch(
            stack(cases.Select(c => TensorImages.ToTensor(c.Image))).to(device),
            stack(cases.Select(c => TensorImages.ToTensor(c.Mask))).to(device),
            stack(encoded.Select(e => tensor(e.Ids))).to(device),
            tensor(encoded.Select(e => (long)e.Length).ToArray()).to(device),
            zeros(cases.Count, dtype: ScalarType.Int64).to(device));
        var text = MmflTrainingStep.TextFeaturesOf(model.Damsm, batch, model.Config.UsesText);
        var output = MmflTrainingStep.Generate(model.Generator, text, batch, GeneratorNoise.Zero(model.Config.Preset, cases.Count, device));
        return cases.Select((c, i) => KeepKnownPixels(c.Image, TensorImages.ToImage(output.CompositedFinal[i]), c.Mask)).ToArray();
    }

    private static RgbImage KeepKnownPixels(RgbImage input, RgbImage result, Mask mask)
    {
        var kept = input.Clone();
        for (int i = 0; i < mask.Hole.Length; i++)
            if (mask.Hole[i])
                for (int c = 0; c < 3; c++)
                    kept.Pixels[3 * i + c] = result.Pixels[3 * i + c];
        return kept;
    }

    private static SheetCell SheetCellOf(EvalCase c, Dictionary<string, RgbImage[]> outputs, int k)
    {
        var masked = c.Image.Clone();
        for (int i = 0; i < c.Mask.Hole.Length; i++)
            if (c.Mask.Hole[i])
                masked.Pixels[3 * i] = masked.Pixels[3 * i + 1] = masked.Pixels[3 * i + 2] = 128;
        var caption = $"true: {c.Caption} • shuffled: {c.ShuffledCaption}";
        if (c.Edit is { } edit)
            caption += $" • edited: {edit.Caption.Text}";
        return new SheetCell(
        [
            new SheetImage(masked, "input"),
            new SheetImage(outputs[TrueCaption][k], "true"),
            new SheetImage(outputs[Shuffled][k], "shuffled"),
            new SheetImage(outputs[Empty][k], "empty"),
            new SheetImage(outputs[Edited][k], "edited"),
            new SheetImage(c.Image, "truth"),
        ], caption);
    }

    /// <summary>The step of the model's latest checkpoint (0 when it has none).</summary>
    private static long TrainingStepOf(string modelFolder) =>
        new CheckpointStore(modelFolder).Latest() is { } latest ? CheckpointStore.ReadStep(latest) : 0;
}
