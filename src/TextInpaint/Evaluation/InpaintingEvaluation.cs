using System.Globalization;
using TextInpaint.Baselines;
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
/// <param name="Methods">The methods to run (see <see cref="InpaintingEvaluation.AllMethods"/>); null or empty: all.</param>
/// <param name="Compare">Other trained models (ablations, the image-only `--no-text` model), each run with the true caption under its name.</param>
public sealed record InpaintingEvalOptions(
    string Model,
    string Data,
    string? Output = null,
    string DataKind = DatasetLoader.Auto,
    MaskKind Mask = MaskKind.Centre,
    int Limit = 0,
    int BatchSize = 32,
    int Seed = 1,
    string Device = "cpu",
    IReadOnlyList<string>? Methods = null,
    IReadOnlyList<ComparedModel>? Compare = null);

/// <summary>Another model folder to evaluate beside the main one, under a name of its own ("no-text").</summary>
public sealed record ComparedModel(string Name, string Folder)
{
    /// <summary>Parses "name=folder".</summary>
    public static ComparedModel Parse(string text)
    {
        int split = text.IndexOf('=');
        if (split <= 0 || split == text.Length - 1)
            throw new UserInputException($"--compare '{text}': expected NAME=MODEL_FOLDER, e.g. no-text=runs/mmfl64-no-text.");
        return new ComparedModel(text[..split].Trim(), text[(split + 1)..].Trim());
    }
}

/// <summary>One method's figures: image quality (overall and per hole-area bin), and on SynthBirds the text consistency.</summary>
/// <param name="PerArea">Quality per <see cref="AreaBins"/> bin that has images.</param>
/// <param name="RPrecision">R-precision of the outputs against their true captions with the model's DAMSM encoders (AttnGAN's protocol: 99 captions of other classes, 10 draws).</param>
/// <param name="Consistency">Agreement of the output's part colours with the true caption (null without part maps).</param>
/// <param name="Controllability">For the edited-caption method: the rate at which the output shows the edited colour.</param>
public sealed record MethodScores(string Method, string Description, QualitySummary Quality, IReadOnlyDictionary<string, QualitySummary> PerArea,
    RPrecisionResult? RPrecision, ConsistencySummary? Consistency, ConsistencySummary? Controllability);

/// <summary>Everything one evaluation measured.</summary>
public sealed record InpaintingEvaluationResult(InpaintingEvalOptions Options, int Images, long TrainingStep, IReadOnlyList<MethodScores> Methods,
    string? Note, IReadOnlyList<SheetCell> Sheet);

/// <summary>
/// Inpaints the test split with a trained model under several captions, with other trained models
/// and with classical methods, and scores each:
/// <list type="bullet">
/// <item><c>mmfl</c>: the image's own caption (its first);</item>
/// <item><c>mmfl-shuffled</c>: the caption of another test image of another class;</item>
/// <item><c>mmfl-empty</c>: no words at all;</item>
/// <item><c>mmfl-edited</c> (SynthBirds): the own caption with one colour of a part in the hole changed;</item>
/// <item>each compared model (<see cref="InpaintingEvalOptions.Compare"/>) with the own caption;</item>
/// <item><c>telea</c> and <c>patchmatch</c>: the classical methods of <see cref="Baselines"/>, which read no text.</item>
/// </list>
/// Image quality is measured against the ground truth (<see cref="ImageQuality"/>), overall and per
/// hole-area bin. Text consistency (<see cref="ColourJudge"/>) is always judged against the true
/// caption's colours, so for the shuffled and empty captions and the text-free methods it shows how
/// often the hidden colour is guessed without the right text; for the edited caption,
/// controllability is judged against the edited colour. Holes are drawn from (seed, image index),
/// the same for every method.
/// </summary>
public static class InpaintingEvaluation
{
    public const string TrueCaption = "mmfl", Shuffled = "mmfl-shuffled", Empty = "mmfl-empty", Edited = "mmfl-edited";
    public const string Telea = "telea", PatchMatch = "patchmatch";

    /// <summary>The methods of the main model and the classical ones, in table order.</summary>
    public static IReadOnlyList<string> AllMethods { get; } = [TrueCaption, Shuffled, Empty, Edited, Telea, PatchMatch];

    private const int SheetImages = 8;

    /// <summary>Evaluates with the holes of <see cref="InpaintingEvalOptions.Mask"/>.</summary>
    public static InpaintingEvaluationResult Run(InpaintingEvalOptions options, IProgress<JobProgress>? progress = null, CancellationToken cancel = default) =>
        Run(options, [options.Mask], progress, cancel)[0];

    /// <summary>
    /// Evaluates once per mask kind of <paramref name="masks"/> (which replaces
    /// <see cref="InpaintingEvalOptions.Mask"/>), in the order given, repeats dropped: one result per
    /// kind, for a report with a table per kind (<see cref="InpaintingReport.Write"/>). The models
    /// are loaded once; <paramref name="kindDone"/> gets the results so far after each kind, so that a
    /// report can be written before a later kind is cancelled.
    /// </summary>
    public static IReadOnlyList<InpaintingEvaluationResult> Run(InpaintingEvalOptions options, IReadOnlyList<MaskKind> masks,
        IProgress<JobProgress>? progress = null, CancellationToken cancel = default, Action<IReadOnlyList<InpaintingEvaluationResult>>? kindDone = null)
    {
        if (masks.Count == 0)
            throw new UserInputException("--mask: no mask kind given; eval takes centre, box, free-form or mixed.");
        if (masks.Contains(MaskKind.Object))
            throw new UserInputException("--mask object: not supported by eval; use centre, box, free-form or mixed.");
        var methods = SelectedMethods(options);
        var device = TorchRuntime.ResolveDevice(options.Device);
        using var model = MmflFolder.Load(options.Model, device);
        var compared = new List<(ComparedModel Spec, MmflModel Model)>();
        try
        {
            foreach (var spec in options.Compare ?? [])
            {
                var other = MmflFolder.Load(spec.Folder, device);
                compared.Add((spec, other));
                if (other.Config.Preset.ImageSize != model.Config.Preset.ImageSize)
                    throw new UserInputException($"{spec.Folder}: works on {other.Config.Preset.ImageSize}x{other.Config.Preset.ImageSize} images, the main model on {model.Config.Preset.ImageSize}x{model.Config.Preset.ImageSize}.");
            }
            var results = new List<InpaintingEvaluationResult>();
            foreach (var mask in masks.Distinct())
            {
                results.Add(Run(options with { Mask = mask }, methods, model, compared, device, progress, cancel));
                kindDone?.Invoke(results);
            }
            return results;
        }
        finally
        {
            foreach (var (_, other) in compared)
                other.Dispose();
        }
    }

    private static IReadOnlyList<string> SelectedMethods(InpaintingEvalOptions options)
    {
        if (options.Methods is not { Count: > 0 } chosen)
            return AllMethods;
        foreach (var method in chosen.Where(m => !AllMethods.Contains(m)))
            throw new UserInputException($"--methods {method}: unknown; the methods are {string.Join(", ", AllMethods)} (other trained models go in --compare NAME=FOLDER).");
        return AllMethods.Where(chosen.Contains).ToArray();
    }

    private static InpaintingEvaluationResult Run(InpaintingEvalOptions options, IReadOnlyList<string> methods, MmflModel model,
        IReadOnlyList<(ComparedModel Spec, MmflModel Model)> compared, Device device, IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        int size = model.Config.Preset.ImageSize;
        var test = DatasetLoader.Open(options.Data, Split.Test, options.DataKind);
        int count = options.Limit > 0 ? Math.Min(options.Limit, test.Count) : test.Count;
        if (count == 0)
            throw new UserInputException($"{options.Data}: the test split has no images.");
        var notes = new List<string>();
        bool hasParts = Directory.Exists(Path.Combine(options.Data, "parts")) && Directory.Exists(Path.Combine(options.Data, "attributes"));
        if (!hasParts)
            notes.Add($"{options.Data} has no SynthBirds part maps and attributes: text consistency is not measured.");
        else if (SynthBirdsTruth.Load(options.Data, test.Entries[0].Key).Parts is { } parts && (parts.Width != size || parts.Height != size))
        {
            hasParts = false;
            notes.Add($"{options.Data}: its part maps are {parts.Width}x{parts.Height} and the model works at {size}x{size}: text consistency is not measured (render SynthBirds at the model's size).");
        }
        if (UnknownWordShare(test, count, model.Damsm.Vocabulary) is var unknown and > 0.05)
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{unknown:P0} of the words of the test captions are not in the model's vocabulary (read as unknown): the model was trained on other captions."));
        var encoder = new CaptionEncoder(model.Damsm.Vocabulary);
        foreach (var (spec, other) in compared)
            if (!other.Damsm.Vocabulary.Words.SequenceEqual(model.Damsm.Vocabulary.Words))
                throw new UserInputException($"{spec.Folder}: its vocabulary differs from the main model's; compare models trained with the same DAMSM encoders.");

        // Every method in table order, with how it inpaints a batch.
        var runners = new List<(string Name, string Description, Func<EvalCase[], RgbImage[]> Inpaint)>();
        foreach (var method in methods.Where(m => m is TrueCaption or Shuffled or Empty or Edited))
            runners.Add((method, Describe(method), cases => Inpaint(model, encoder, cases, CaptionSelector(method))));
        foreach (var (spec, other) in compared)
            runners.Add((spec.Name, $"{(other.Config.UsesText ? "true caption" : "no text")}, {spec.Folder}, training step {TrainingStepOf(spec.Folder)}", cases => Inpaint(other, encoder, cases, c => c.Caption)));
        foreach (var method in methods.Where(m => m is Telea or PatchMatch))
        {
            IImageInpainter classical = method == Telea ? new TeleaInpainter() : new PatchMatchInpainter();
            runners.Add((method, Describe(method), cases => InpaintClassically(classical, cases)));
        }

        var quality = runners.ToDictionary(r => r.Name, _ => new QualityAccumulator());
        var perArea = runners.ToDictionary(r => r.Name, _ => AreaBins.Names.Select(_ => new QualityAccumulator()).ToArray());
        var consistency = runners.ToDictionary(r => r.Name, _ => new ConsistencyAccumulator());
        var controllability = new ConsistencyAccumulator();
        var sheet = new List<SheetCell>();
        var imageFeatures = runners.ToDictionary(r => r.Name, _ => new List<float[]>());
        var sentenceFeatures = new List<float[]>();
        var classIds = new List<long>();

        var stage = $"eval, {MaskKinds.NameOf(options.Mask)} holes";
        progress?.Report(new JobProgress(stage, 0, count));
        for (int start = 0; start < count; start += options.BatchSize)
        {
            cancel.ThrowIfCancellationRequested();
            var cases = Enumerable.Range(start, Math.Min(options.BatchSize, count - start))
                .Select(i => MakeCase(test, i, count, size, options, hasParts))
                .ToArray();
            var outputs = runners.Select(r => (r.Name, Images: r.Inpaint(cases))).ToArray();
            sentenceFeatures.AddRange(SentenceFeatures(model, encoder, cases.Select(c => c.Caption), device));
            classIds.AddRange(cases.Select(c => (long)test.Entries[c.Index].ClassId));
            foreach (var (method, images) in outputs)
                imageFeatures[method].AddRange(GlobalImageFeatures(model, images, device));
            for (int k = 0; k < cases.Length; k++)
            {
                var c = cases[k];
                int bin = AreaBins.Of(c.Mask.HoleFraction);
                foreach (var (method, images) in outputs)
                {
                    var measured = ImageQuality.Measure(c.Image, images[k], c.Mask);
                    quality[method].Add(measured);
                    perArea[method][bin].Add(measured);
                    if (c.Truth is { } truth)
                        consistency[method].Add(ColourJudge.Judge(images[k], truth.Parts, c.Mask, truth.Captions[0]));
                    if (method == Edited && c.Edit is { } edit)
                        controllability.Add(ColourJudge.Judge(images[k], c.Truth!.Parts, c.Mask, edit.Caption).Where(j => j.Part == edit.Part));
                }
                if (sheet.Count < SheetImages)
                    sheet.Add(SheetCellOf(c, outputs, k));
            }
            progress?.Report(new JobProgress(stage, start + cases.Length, count));
        }

        var scores = runners.Select(r => new MethodScores(r.Name, r.Description, quality[r.Name].Compute(),
            AreaBins.Names.Select((name, bin) => (name, bin)).Where(b => perArea[r.Name][b.bin].Count > 0)
                .ToDictionary(b => b.name, b => perArea[r.Name][b.bin].Compute()),
            RPrecisionOf(imageFeatures[r.Name], sentenceFeatures, classIds, options.Seed),
            hasParts ? consistency[r.Name].Compute() : null,
            hasParts && r.Name == Edited ? controllability.Compute() : null)).ToArray();
        return new InpaintingEvaluationResult(options, count, TrainingStepOf(options.Model), scores, notes.Count > 0 ? string.Join(" ", notes) : null, sheet);
    }

    /// <summary>The share of the words of the first captions of the test images that the vocabulary lacks.</summary>
    private static double UnknownWordShare(CaptionedDataset test, int count, Vocabulary vocabulary)
    {
        var words = test.Entries.Take(count).SelectMany(e => e.Captions.Take(1)).SelectMany(Tokenizer.Tokenize).ToList();
        return words.Count == 0 ? 0 : words.Count(w => !vocabulary.Contains(w)) / (double)words.Count;
    }

    private static string Describe(string method) => method switch
    {
        TrueCaption => "MMFL, true caption",
        Shuffled => "MMFL, another image's caption",
        Empty => "MMFL, empty caption",
        Edited => "MMFL, one colour of the caption changed",
        Telea => "fast marching, Telea 2004",
        PatchMatch => "PatchMatch, Barnes 2009",
        _ => method,
    };

    private static Func<EvalCase, string> CaptionSelector(string method) => method switch
    {
        Shuffled => c => c.ShuffledCaption,
        Empty => _ => "",
        Edited => c => c.Edit?.Caption.Text ?? c.Caption,
        _ => c => c.Caption,
    };

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
    private static RgbImage[] Inpaint(MmflModel model, CaptionEncoder encoder, IReadOnlyList<EvalCase> cases, Func<EvalCase, string> captionOf)
    {
        using var scope = StepScope.Open();
        var output = model.Inpaint(cases.Select(c => c.Image).ToArray(), cases.Select(c => c.Mask).ToArray(),
            cases.Select(c => encoder.Encode(captionOf(c))).ToArray());
        return cases.Select((c, i) => MaskOps.PasteHole(c.Image, c.Mask, TensorImages.ToImage(output.CompositedFinal[i]))).ToArray();
    }

    /// <summary>The DAMSM sentence features of captions, as rows.</summary>
    private static IEnumerable<float[]> SentenceFeatures(MmflModel model, CaptionEncoder encoder, IEnumerable<string> captions, Device device)
    {
        using var scope = StepScope.Open();
        using var noGrad = no_grad();
        var encoded = captions.Select(encoder.Encode).ToArray();
        var text = model.Damsm.Text.forward(stack(encoded.Select(e => tensor(e.Ids))).to(device), tensor(encoded.Select(e => (long)e.Length).ToArray()).to(device));
        return Rows(text.Sentence);
    }

    /// <summary>The DAMSM global image features of images, as rows (images resized to the encoder's size when needed).</summary>
    private static IEnumerable<float[]> GlobalImageFeatures(MmflModel model, IReadOnlyList<RgbImage> images, Device device)
    {
        using var scope = StepScope.Open();
        using var noGrad = no_grad();
        int size = model.Damsm.Config.ImageSize;
        var batch = stack(images.Select(i => TensorImages.ToTensor(i.Width == size && i.Height == size ? i : ImageOps.Resize(i, size, size)))).to(device);
        return Rows(model.Damsm.Image.forward(batch).Global);
    }

    private static float[][] Rows(Tensor matrix)
    {
        var cpu = matrix.cpu().contiguous();
        int columns = (int)cpu.shape[1];
        var values = cpu.data<float>().ToArray();
        return Enumerable.Range(0, (int)cpu.shape[0]).Select(r => values.AsSpan(r * columns, columns).ToArray()).ToArray();
    }

    /// <summary>R-precision with 100 candidates (fewer on a small split), or null when there are too few images of other classes.</summary>
    private static RPrecisionResult? RPrecisionOf(List<float[]> images, List<float[]> sentences, List<long> classIds, int seed)
    {
        if (images.Count < 2 || classIds.Distinct().Count() < 2 && classIds[0] != 0)
            return null;
        using var scope = StepScope.Open();
        int columns = images[0].Length;
        var imageMatrix = tensor(images.SelectMany(r => r).ToArray(), [images.Count, columns]);
        var sentenceMatrix = tensor(sentences.SelectMany(r => r).ToArray(), [sentences.Count, columns]);
        return RetrievalMetrics.RPrecision(imageMatrix, sentenceMatrix, classIds, seed, candidates: Math.Min(100, images.Count), draws: 10);
    }

    /// <summary>A classical method on each image of a batch (in parallel; each image is independent). The hole is grey in its input.</summary>
    private static RgbImage[] InpaintClassically(IImageInpainter method, IReadOnlyList<EvalCase> cases)
    {
        var results = new RgbImage[cases.Count];
        Parallel.For(0, cases.Count, i => results[i] = method.Inpaint(MaskOps.GreyOut(cases[i].Image, cases[i].Mask), cases[i].Mask));
        return results;
    }

    private static SheetCell SheetCellOf(EvalCase c, IReadOnlyList<(string Name, RgbImage[] Images)> outputs, int k)
    {
        var caption = $"true: {c.Caption}\nshuffled: {c.ShuffledCaption}";
        if (c.Edit is { } edit)
            caption += $"\nedited: {edit.Caption.Text}";
        var images = new List<SheetImage> { new(MaskOps.GreyOut(c.Image, c.Mask), "input") };
        images.AddRange(outputs.Select(o => new SheetImage(o.Images[k], o.Name)));
        images.Add(new SheetImage(c.Image, "truth"));
        return new SheetCell(images, caption);
    }

    /// <summary>
    /// The step of the model's latest checkpoint, or for a folder shipped without checkpoints the
    /// last step of its training log (0 when it has neither).
    /// </summary>
    private static long TrainingStepOf(string modelFolder)
    {
        if (new CheckpointStore(modelFolder).Latest() is { } latest)
            return CheckpointStore.ReadStep(latest);
        var log = Path.Combine(modelFolder, "metrics.csv");
        return File.Exists(log) ? new MetricsLog(log).Rows.Select(r => r.Step).DefaultIfEmpty(0).Max() : 0;
    }
}
