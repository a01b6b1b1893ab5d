using TextInpaint.Data.Masks;
using TextInpaint.Evaluation.Metrics;
using TextInpaint.Imaging;
using TextInpaint.Models;
using TextInpaint.Runtime;
using TextInpaint.Storage;

namespace TextInpaint.Evaluation;

/// <summary>
/// Inpaints the test split with a trained model under several captions, with other trained models
/// and with classical methods (<see cref="EvalMethods"/>), on the cases <see cref="EvalCases"/>
/// builds, and scores each method with its own <see cref="MethodAccumulator"/>. Image quality is
/// measured against the ground truth (<see cref="Metrics.ImageQuality"/>), overall and per
/// hole-area bin, and on the features of the ImageNet ResNet-18 (<see cref="FeatureScorer"/>: FID
/// (ResNet-18) and the feature distance of the outputs against the truths). Text consistency
/// (<see cref="TextConsistency.ColourJudge"/>) is always judged against the true caption's colours,
/// so for the shuffled and empty captions and the text-free methods it shows how often the hidden
/// colour is guessed without the right text; for the edited caption, controllability is judged
/// against the edited colour. Holes are drawn from (seed, image index), the same for every method.
/// The evaluation protocol is written down in docs/evaluation.md.
/// </summary>
public static class InpaintingEvaluation
{
    private const int SheetImages = 8;

    /// <summary>Evaluates with the holes of <see cref="InpaintingEvalOptions.Mask"/>.</summary>
    public static InpaintingEvaluationResult Run(InpaintingEvalOptions options, IProgress<JobProgress>? progress = null, CancellationToken cancel = default) =>
        Run(options, [options.Mask], progress, cancel)[0];

    /// <summary>
    /// Evaluates once per mask kind of <paramref name="masks"/> (which replaces
    /// <see cref="InpaintingEvalOptions.Mask"/>), in the order given, repeats dropped: one result per
    /// kind, for a report with a table per kind (<see cref="InpaintingReport.Write"/>). The models
    /// are loaded once; <paramref name="kindDone"/> gets the output folder, claimed before any work, and
    /// the results so far after each kind, so that a report can be written before a later kind is cancelled.
    /// </summary>
    public static IReadOnlyList<InpaintingEvaluationResult> Run(InpaintingEvalOptions options, IReadOnlyList<MaskKind> masks,
        IProgress<JobProgress>? progress = null, CancellationToken cancel = default,
        Action<OutputFolder, IReadOnlyList<InpaintingEvaluationResult>>? kindDone = null)
    {
        if (masks.Count == 0)
            throw new UserInputException("--mask: no mask kind given; eval takes centre, box, free-form or mixed.");
        if (options.Limit < 0)
            throw new UserInputException($"--limit {options.Limit}: give 0 (all test images) or a positive number.");
        var methods = EvalMethods.Selected(options);
        var output = OutputFolder.Claim(InpaintingReport.FolderOf(options), InpaintingReport.JobName, options.Overwrite);
        var device = TorchRuntime.ResolveDevice(options.Device);
        using var model = ModelFolder.Load(options.Model, device);
        using var featureScorer = options.Features ? FeatureScorer.Load(device) : null;
        var compared = new List<(ComparedModel Spec, IWindowModel Model)>();
        try
        {
            foreach (var spec in options.Compare ?? [])
            {
                compared.Add((spec, ModelFolder.Load(spec.Folder, device)));
            }
            // Every kind's cases are set up first, so that a kind the data cannot give is refused before any is evaluated.
            var cases = masks.Distinct()
                .Select(mask => new EvalCases(options with { Mask = mask }, model.WindowSize, model.Mmfl.Damsm.Vocabulary)).ToList();
            var results = new List<InpaintingEvaluationResult>();
            foreach (var kind in cases)
            {
                results.Add(Run(kind, methods, model, compared, featureScorer, progress, cancel));
                kindDone?.Invoke(output, results);
            }
            return results;
        }
        finally
        {
            foreach (var (_, other) in compared)
                other.Dispose();
        }
    }

    private static InpaintingEvaluationResult Run(EvalCases cases, IReadOnlyList<string> methodNames, IWindowModel model,
        IReadOnlyList<(ComparedModel Spec, IWindowModel Model)> compared, FeatureScorer? featureScorer, IProgress<JobProgress>? progress,
        CancellationToken cancel)
    {
        var options = cases.Options;
        foreach (var (spec, other) in compared)
            if (!other.Mmfl.Damsm.Vocabulary.Words.SequenceEqual(model.Mmfl.Damsm.Vocabulary.Words))
                throw new UserInputException($"{spec.Folder}: its vocabulary differs from the main model's; compare models trained with the same "
                    + $"DAMSM encoders.");
        var methods = EvalMethods.Create(methodNames, model, compared).Select(m => new MethodAccumulator(m, cases.HasParts)).ToArray();
        var retrieval = new OutputRetrieval(model.Mmfl, options.Seed);
        var sheet = new List<SheetCell>();

        int count = cases.Count;
        var stage = $"eval, {MaskKinds.NameOf(options.Mask)} holes";
        progress?.Report(new JobProgress(stage, 0, count));
        for (int start = 0; start < count; start += options.BatchSize)
        {
            cancel.ThrowIfCancellationRequested();
            var batch = cases.Batch(start, options.BatchSize);
            var filled = methods.Select(m => m.Method.Inpaint(batch)).ToArray();
            var outputs = methods.Select((m, i) => (m.Method.Name, filled[i].Images)).ToArray();
            retrieval.AddCases(batch);
            var features = featureScorer?.Score(batch.Select(c => c.Image).ToArray(), outputs.Select(o => o.Images).ToArray());
            // Scoring is pure and per output: in parallel, each truth's side once for all methods;
            // the scores are then added in case order, so the figures do not depend on scheduling.
            var references = new ImageQuality.Reference[batch.Length];
            Parallel.For(0, batch.Length, k => references[k] = new ImageQuality.Reference(batch[k].Image, batch[k].Mask));
            var outputScores = new OutputScore[methods.Length, batch.Length];
            Parallel.For(0, methods.Length * batch.Length, j =>
            {
                int m = j / batch.Length, k = j % batch.Length;
                outputScores[m, k] = methods[m].Score(batch[k], references[k], outputs[m].Images[k], features?[m][k]);
            });
            for (int m = 0; m < methods.Length; m++)
            {
                methods[m].AddImageFeatures(retrieval.GlobalImageFeatures(outputs[m].Images));
                for (int k = 0; k < batch.Length; k++)
                    methods[m].Add(outputScores[m, k]);
                if (filled[m].Demand is { } demand)
                    for (int k = 0; k < batch.Length; k++)
                        methods[m].AddDemand(batch[k], demand[k]);
            }
            for (int k = 0; k < batch.Length && sheet.Count < SheetImages; k++)
                sheet.Add(SheetCellOf(batch[k], outputs, k));
            progress?.Report(new JobProgress(stage, start + batch.Length, count));
        }

        var scores = methods.Select(m => m.Compute(retrieval)).ToArray();
        return new InpaintingEvaluationResult(options, count, ModelFolder.TrainingStep(options.Model), scores,
            cases.Notes.Count > 0 ? string.Join(" ", cases.Notes) : null, sheet);
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
}
