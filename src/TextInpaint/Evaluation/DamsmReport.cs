using System.Globalization;
using System.Text;
using TextInpaint.Data;
using TextInpaint.Data.Batching;
using TextInpaint.Runtime;
using TextInpaint.Storage;
using TextInpaint.Text;

namespace TextInpaint.Evaluation;

/// <summary>
/// The DAMSM evaluation a user runs: R-precision (mean ± std over draws, and the oracle ceiling
/// where the data set knows which captions are true of which image), retrieval accuracy, and a
/// word-attention figure, written under &lt;model&gt;/eval/ or --out.
/// </summary>
public static class DamsmReport
{
    public static DamsmReportResult Run(DamsmReportOptions options, IProgress<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        var output = OutputFolder.Claim(options.OutputFolder, "eval-damsm", options.Overwrite);
        var device = TorchRuntime.ResolveDevice(options.Device);
        using var encoders = DamsmFolder.Load(options.Model, device);
        var test = DatasetLoader.Open(options.Data, Split.Test, options.DataKind);
        var samples = new CaptionedImageDataset(test, new CaptionEncoder(encoders.Vocabulary),
            new CaptionedImageOptions(encoders.Config.ImageSize, Seed: options.Seed) { Augmentation = AugmentationOptions.None });
        var truth = CaptionTruth.For(test, samples);
        var evaluation = DamsmEvaluator.Evaluate(encoders, samples, device, options.Draws, options.Seed,
            captionIsTrueOf: truth, progress: progress, cancel: cancel);

        const string FigureFile = "word-attention.png", MarkdownFile = "damsm-eval.md";
        var markdown = Describe(evaluation, test, options, truth is not null);
        output.Publish(folder =>
        {
            WordAttentionFigure.Save(encoders, samples, Enumerable.Range(0, (int)Math.Min(6, samples.Count)).ToList(), device,
                Path.Combine(folder, FigureFile));
            AtomicFile.WriteAllText(Path.Combine(folder, MarkdownFile), markdown);
        });
        return new DamsmReportResult(evaluation, markdown, Path.Combine(output.Path, MarkdownFile), Path.Combine(output.Path, FigureFile));
    }

    private static string Describe(DamsmEvaluation e, CaptionedDataset test, DamsmReportOptions options, bool hasOracle)
    {
        var r = e.RPrecision;
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"# DAMSM evaluation");
        text.AppendLine();
        text.AppendLine(c, $"Model `{options.Model}`, data `{options.Data}` ({test.Kind}, test split, {e.Images} images), seed {options.Seed}.");
        text.AppendLine();
        text.AppendLine("| measure | value |");
        text.AppendLine("|---|---|");
        text.AppendLine(c, $"| R-precision (top-1 of {r.CandidatesUsed} candidates, {r.Draws} draws) | {r.Mean:F4} ± {r.StandardDeviation:F4} |");
        if (hasOracle && r.OracleMean is { } oracle)
        {
            text.AppendLine(c, $"| oracle ceiling (true distractors tie) | {oracle:F4} ± {r.OracleStandardDeviation:F4} |");
            text.AppendLine(c, $"| R-precision / ceiling | {r.Mean / oracle:F3} |");
        }
        var q = e.Retrieval;
        text.AppendLine(c, $"| text → image top-1 / top-5 (all {q.Count}) | {q.TextToImageTop1:F4} / {q.TextToImageTop5:F4} |");
        text.AppendLine(c, $"| image → text top-1 / top-5 (all {q.Count}) | {q.ImageToTextTop1:F4} / {q.ImageToTextTop5:F4} |");
        return text.ToString();
    }
}
