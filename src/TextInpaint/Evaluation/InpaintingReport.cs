using TextInpaint.Storage;
using ScottPlot;
using System.Globalization;
using System.Text;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.Metrics;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;

namespace TextInpaint.Evaluation;

/// <summary>
/// Writes the <see cref="InpaintingEvaluationResult"/>s of one model (one per mask kind) as eval.md,
/// eval.csv, eval-sheet-MASK.png and eval-area-bins-MASK.png.
/// </summary>
public static class InpaintingReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The folder the report of an evaluation with these options goes to.</summary>
    public static string FolderOf(InpaintingEvalOptions options) => options.Output ?? Path.Combine(options.Model, RunLayout.EvalFolder);

    /// <summary>Writes the report into the folder of the first result's options, under the output-folder rule (<see cref="OutputFolder"/>).</summary>
    public static InpaintingReportFiles Write(params IReadOnlyList<InpaintingEvaluationResult> results)
    {
        if (results.Count == 0)
            throw new ArgumentException("nothing was evaluated", nameof(results));
        return Write(OutputFolder.Claim(FolderOf(results[0].Options), JobName, results[0].Options.Overwrite), results);
    }

    /// <summary>The job's name in an output folder's record.</summary>
    public const string JobName = "eval";

    /// <summary>
    /// Writes the report into <paramref name="output"/>, replacing as a unit what the last report
    /// written there left (an earlier run's, or this run's after an earlier mask kind).
    /// </summary>
    public static InpaintingReportFiles Write(OutputFolder output, IReadOnlyList<InpaintingEvaluationResult> results)
    {
        if (results.Count == 0)
            throw new ArgumentException("nothing was evaluated", nameof(results));
        var markdown = Markdown(results);
        InpaintingReportFiles FilesIn(string folder) => new(Path.Combine(folder, "eval.md"), Path.Combine(folder, "eval.csv"),
            results.Select(r => Path.Combine(folder, $"eval-sheet-{MaskName(r.Options)}.png")).ToArray(),
            results.Select(r => Path.Combine(folder, $"eval-area-bins-{MaskName(r.Options)}.png")).ToArray(), markdown);
        output.Publish(folder =>
        {
            var files = FilesIn(folder);
            AtomicFile.WriteAllText(files.Markdown, markdown);
            AtomicFile.WriteAllText(files.Csv, Csv(results));
            for (int i = 0; i < results.Count; i++)
            {
                var result = results[i];
                ContactSheet.Save(result.Sheet, new ContactSheetOptions(Columns: 1, ImageHeight: 96, MaxCaptionLines: 6,
                    Title: $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(result.Options.Model))} at step {result.TrainingStep}, "
                        + $"{MaskName(result.Options)} holes: input | {string.Join(" | ", result.Methods.Select(m => m.Method))} | truth"),
                    files.Sheets[i]);
                AreaPlot(result, files.AreaPlots[i]);
            }
        });
        return FilesIn(output.Path);
    }

    public static string Markdown(params IReadOnlyList<InpaintingEvaluationResult> results)
    {
        var o = results[0].Options;
        var text = new StringBuilder();
        text.AppendLine("# Inpainting evaluation");
        text.AppendLine();
        text.AppendLine(C, $"Model `{o.Model}` (training step {results[0].TrainingStep}), data `{o.Data}` (test split, "
            + $"{results[0].Images} images), seed {o.Seed}.");
        foreach (var result in results)
        {
            text.AppendLine();
            text.AppendLine(C, $"## {char.ToUpperInvariant(MaskName(result.Options)[0])}{MaskName(result.Options)[1..]} holes");
            text.AppendLine();
            text.AppendLine("| method | PSNR | SSIM | L1 | hole PSNR | hole SSIM | hole L1 | TDANet gray rel. L1 | FID (ResNet-18) "
                + "| feature distance (ResNet-18) | R-precision | text consistency | controllability |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var m in result.Methods)
            {
                var q = m.Quality;
                text.AppendLine(C, $"| {m.Method} ({m.Description}) | {q.Psnr:F2} | {q.Ssim:F4} | {q.L1:F4} | {q.HolePsnr:F2} | "
                    + $"{q.HoleSsim:F4} | {q.HoleL1:F4} | {q.GrayRelativeL1:F4} | {Frechet(m.Features)} | {Distance(m.Features)} | "
                    + $"{RPrecision(m.RPrecision)} | {Rate(m.Consistency)} "
                    + $"| {Rate(m.Controllability)} |");
            }
            var bins = AreaBinsOf(result);
            if (bins.Count > 1)
            {
                text.AppendLine();
                text.AppendLine("Hole PSNR / hole L1 per hole-area bin (images in the bin):");
                text.AppendLine();
                text.AppendLine("| method | " + string.Join(" | ", bins.Select(b => $"{b} ({result.Methods[0].PerArea[b].Images})")) + " |");
                text.AppendLine("|---|" + string.Concat(bins.Select(_ => "---:|")));
                foreach (var m in result.Methods)
                    text.AppendLine(C, $"| {m.Method} | {string.Join(" | ", bins.Select(b => $"{m.PerArea[b].HolePsnr:F2} / {m.PerArea[b].HoleL1:F4}"))} |");
                if (result.Methods.Any(m => m.Features is not null))
                {
                    text.AppendLine();
                    text.AppendLine("FID (ResNet-18) / feature distance (ResNet-18) per hole-area bin (FID over few images is biased upwards: "
                        + "compare methods within a bin, not bins):");
                    text.AppendLine();
                    text.AppendLine("| method | " + string.Join(" | ", bins.Select(b => $"{b} ({result.Methods[0].PerArea[b].Images})")) + " |");
                    text.AppendLine("|---|" + string.Concat(bins.Select(_ => "---:|")));
                    foreach (var m in result.Methods)
                        text.AppendLine(C,
                            $"| {m.Method} | {string.Join(" | ",
                                bins.Select(b => $"{Frechet(m.FeaturesPerArea?[b])} / {Distance(m.FeaturesPerArea?[b])}"))} |");
                }
            }
            AppendFidelity(text, result);
            AppendDemand(text, result);
            AppendRegions(text, result);
            AppendConsistencyPerPart(text, result);
            AppendConsistencyByHiddenShare(text, result);
        }
        text.AppendLine();
        text.AppendLine("PSNR (data range 1), SSIM (11x11 Gaussian window, σ 1.5, per channel) and L1 (pixels in [0, "
            + "1]) on the whole image and on the hole; TDANet's relative L1 on grayscale; FID (ResNet-18): the Fréchet "
            + "distance between the pooled features of the outputs and of the truths on the ImageNet ResNet-18 of the NuGet package "
            + "Microsoft.ML.DnnImageFeaturizer.ResNet18 at 224x224, not comparable with FID on Inception-v3; feature distance "
            + "(ResNet-18): per image, the squared difference of the unit-normalised channels of its four stages, averaged "
            + "over positions and stages with uniform weights (LPIPS's form without its learned weights, 0 to 4)"
            + (results.Any(r => r.Methods.Any(m => m.Features is not null)) ? "" : " (both left out: --no-features)")
            + "; R-precision of "
            + "the outputs against their true captions with the model's DAMSM encoders (99 captions of other "
            + "classes, mean ± std over 10 draws).");
        if (results.Any(r => r.Methods.Any(m => m.Consistency is not null)))
            text.AppendLine("Text consistency: the share of colours that the true caption states for parts mostly in the "
                + "hole which the output shows (colour judgments read off the part maps); controllability: the "
                + "same for the one colour the edited caption changed, judged against the edited colour. Chance "
                + "is 0.100 (10 colours).");
        foreach (var note in results.Select(r => r.Note).OfType<string>().Distinct())
            text.AppendLine(C, $"\n{note}");
        return text.ToString();
    }

    /// <summary>Hole PSNR on the parts the true caption names, on the bird's other parts and on the background.</summary>
    private static void AppendFidelity(StringBuilder text, InpaintingEvaluationResult result)
    {
        var rows = result.Methods.Where(m => m.Fidelity is not null).ToList();
        if (rows.Count == 0) return;
        text.AppendLine();
        text.AppendLine(C, $"In the hole, against the truth: edge strength (98th percentile of the luminance gradient; "
            + $"1: as sharp; over the holes whose truth has edges), colour spread inside each of the truth's "
            + $"regions (1: as flat; SynthBirds part maps), and the share of pixels more than {HoleFidelity.FarDistance} "
            + $"(RGB) from the truth's colour:");
        text.AppendLine();
        text.AppendLine("| method | edge strength (holes) | colour spread | far pixels |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var m in rows)
        {
            var f = m.Fidelity!;
            text.AppendLine(C, $"| {m.Method} | {Figure(f.EdgeRatio)} ({f.EdgeImages}) | {Figure(f.SpreadRatio)} | {f.FarShare:P1} |");
        }
    }

    private static string Figure(double value) => double.IsNaN(value) ? "–" : value.ToString("F2", C);

    private static void AppendDemand(StringBuilder text, InpaintingEvaluationResult result)
    {
        var rows = result.Methods.Where(m => m.Demand is not null).ToList();
        if (rows.Count == 0) return;
        text.AppendLine();
        text.AppendLine(C, $"Word demand (Word Demand Module, true caption): the chance that a colour word of a part the "
            + $"hole hides (≥ {DemandRanking.HiddenShare:P0} of its pixels) gets more demand than one of a part in view "
            + $"(≤ {DemandRanking.VisibleShare:P0}; 0.5 is chance), on the demand a fill shows (each word's, 0 to 1) and on "
            + $"each word's share of its caption's demand, and the mean normalised entropy of the demand over a caption "
            + $"(1: every word alike):");
        text.AppendLine();
        text.AppendLine("| method | hidden above in view (pairs) | as shares of the caption's demand | demand entropy (captions) |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var m in rows)
            text.AppendLine(C, $"| {m.Method} | {m.Demand!.Ranking:F3} ({m.Demand.Pairs}) | {m.Demand.ShareRanking:F3} | "
                + $"{m.Demand.Entropy:F3} ({m.Demand.Captions}) |");
    }

    private static void AppendRegions(StringBuilder text, InpaintingEvaluationResult result)
    {
        var rows = result.Methods.Where(m => m.Regions is { Count: > 0 }).ToArray();
        if (rows.Length == 0)
            return;
        var regions = Enum.GetValues<HoleRegion>().Where(r => rows[0].Regions!.ContainsKey(r)).ToArray();
        text.AppendLine();
        text.AppendLine("Hole PSNR by where the hole pixel lies, over the pooled error of every such pixel of the split (pixels in brackets):");
        text.AppendLine();
        text.AppendLine("| method | " + string.Join(" | ", regions.Select(r => $"{RegionName(r)} ({rows[0].Regions![r].Pixels})")) + " |");
        text.AppendLine("|---|" + string.Concat(regions.Select(_ => "---:|")));
        foreach (var m in rows)
        {
            var cells = regions.Select(r => m.Regions!.TryGetValue(r, out var p) ? p.Psnr.ToString("F2", C) : "–");
            text.AppendLine(C, $"| {m.Method} | {string.Join(" | ", cells)} |");
        }

        var split = RegionErrors.PartRegions.Where(k => rows[0].PartsByHiding!.ContainsKey(k)).ToArray();
        if (split.Length == 0)
            return;
        text.AppendLine();
        text.AppendLine("The bird's pixels by how much of their part the hole hid (fully: at least 90 % of its pixels, "
            + "as for text consistency; partly: the rest, where the fill can continue what shows):");
        text.AppendLine();
        text.AppendLine("| method | " + string.Join(" | ", split.Select(k => $"{RegionName(k.Region)}, {(k.FullyHidden ? "fully" : "partly")} "
            + $"hidden ({rows[0].PartsByHiding![k].Pixels})")) + " |");
        text.AppendLine("|---|" + string.Concat(split.Select(_ => "---:|")));
        foreach (var m in rows)
        {
            var cells = split.Select(k => m.PartsByHiding!.TryGetValue(k, out var p) ? p.Psnr.ToString("F2", C) : "–");
            text.AppendLine(C, $"| {m.Method} | {string.Join(" | ", cells)} |");
        }
    }

    private static string RegionName(HoleRegion region) => region switch
    {
        HoleRegion.NamedParts => "parts the caption names",
        HoleRegion.OtherParts => "other parts of the bird",
        _ => "background",
    };

    private static string? CsvRegion(MethodScores m, HoleRegion region) =>
        m.Regions is { } regions && regions.TryGetValue(region, out var p) ? p.Psnr.ToString("R", C) : null;

    private static string? CsvRegion(MethodScores m, (HoleRegion Region, bool FullyHidden) key) =>
        m.PartsByHiding is { } split && split.TryGetValue(key, out var p) ? p.Psnr.ToString("R", C) : null;

    /// <summary>Text consistency of each method per bird part, and the edited caption's controllability per part.</summary>
    private static void AppendConsistencyPerPart(StringBuilder text, InpaintingEvaluationResult result)
    {
        var rows = result.Methods.Where(m => m.Consistency is { Judgments: > 0 })
            .Select(m => (Name: m.Method, Summary: m.Consistency!, OwnCounts: false))
            .Concat(result.Methods.Where(m => m.Controllability is { Judgments: > 0 })
                .Select(m => (Name: $"{m.Method}, controllability", Summary: m.Controllability!, OwnCounts: true)))
            .ToArray();
        if (rows.Length == 0)
            return;
        var parts = rows.SelectMany(r => r.Summary.PerPart.Keys).Distinct().Order().ToArray();
        var trueCaption = rows[0].Summary.PerPart;
        text.AppendLine();
        text.AppendLine("Text consistency per part (in brackets: the first row's judgments of the part; the controllability row gives its own):");
        text.AppendLine();
        text.AppendLine("| method | " + string.Join(" | ", parts.Select(p => $"{PartName(p)} ({trueCaption.GetValueOrDefault(p).Judgments})")) + " |");
        text.AppendLine("|---|" + string.Concat(parts.Select(_ => "---:|")));
        foreach (var (name, summary, ownCounts) in rows)
            text.AppendLine(C, $"| {name} | {string.Join(" | ", parts.Select(p => Cell(summary.PerPart.GetValueOrDefault(p), ownCounts)))} |");
    }

    /// <summary>Text consistency and controllability where the hole hid the whole part, and where some of it showed.</summary>
    private static void AppendConsistencyByHiddenShare(StringBuilder text, InpaintingEvaluationResult result)
    {
        var rows = result.Methods.Where(m => m.Consistency is { Judgments: > 0 }).Select(m => (Name: m.Method, Summary: m.Consistency!))
            .Concat(result.Methods.Where(m => m.Controllability is { Judgments: > 0 })
                .Select(m => (Name: $"{m.Method}, controllability", Summary: m.Controllability!)))
            .ToArray();
        if (rows.Length == 0)
            return;
        text.AppendLine();
        text.AppendLine(C, $"Text consistency by how much of the part the hole hid (fully: at least {ColourJudgment.FullyHiddenShare:P0} "
            + $"of its pixels; partly: more than half but less; judgments in brackets):");
        text.AppendLine();
        text.AppendLine("| method | fully hidden | partly hidden |");
        text.AppendLine("|---|---:|---:|");
        foreach (var (name, summary) in rows)
            text.AppendLine(C, $"| {name} | {Count(summary.FullyHidden)} | {Count(summary.PartlyHidden)} |");
    }

    private static string Count(AgreementCount count) =>
        count.Judgments == 0 ? "–" : string.Create(C, $"{count.Rate:F3} ({count.Judgments})");

    private static string? CsvRate(AgreementCount? count) => count is { Judgments: > 0 } c ? c.Rate.ToString("R", C) : null;

    private static string Cell((int Judgments, int Agreements) part, bool withCount) =>
        part.Judgments == 0 ? "–"
        : withCount ? string.Create(C, $"{(double)part.Agreements / part.Judgments:F3} ({part.Judgments})")
        : ((double)part.Agreements / part.Judgments).ToString("F3", C);

    /// <summary>"WingPattern" → "wing pattern".</summary>
    private static string PartName(BirdPart part) =>
        string.Concat(part.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? " " + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    private static string Csv(IReadOnlyList<InpaintingEvaluationResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("method,mask,area,images,psnr,ssim,l1,hole_psnr,hole_ssim,hole_l1,gray_psnr,gray_ssim,"
            + "gray_relative_l1,r_precision,r_precision_std,consistency,consistency_judgments,controllability,"
            + "controllability_judgments,consistency_fully_hidden,consistency_fully_hidden_judgments,"
            + "consistency_partly_hidden,consistency_partly_hidden_judgments,controllability_fully_hidden,"
            + "controllability_fully_hidden_judgments,controllability_partly_hidden,controllability_partly_hidden_judgments,"
            + "hole_psnr_named_parts,hole_psnr_other_parts,hole_psnr_background,hole_psnr_named_parts_partly_hidden,"
            + "hole_psnr_named_parts_fully_hidden,hole_psnr_other_parts_partly_hidden,hole_psnr_other_parts_fully_hidden,"
            + "demand_ranking,demand_share_ranking,demand_ranking_pairs,demand_entropy,demand_entropy_captions,edge_ratio,"
            + "edge_images,spread_ratio,far_share,fid_resnet18,feature_distance_resnet18");
        foreach (var result in results)
        {
            var mask = MaskName(result.Options);
            foreach (var m in result.Methods)
            {
                var q = m.Quality;
                text.AppendLine(C, $"{m.Method},{mask},all,{q.Images},{q.Psnr:R},{q.Ssim:R},{q.L1:R},{q.HolePsnr:R},{q.HoleSsim:R},"
                    + $"{q.HoleL1:R},{q.GrayPsnr:R},{q.GraySsim:R},{q.GrayRelativeL1:R},{m.RPrecision?.Mean.ToString("R", C)},"
                    + $"{m.RPrecision?.StandardDeviation.ToString("R", C)},{m.Consistency?.Rate.ToString("R", C)},"
                    + $"{m.Consistency?.Judgments},{m.Controllability?.Rate.ToString("R", C)},{m.Controllability?.Judgments},"
                    + $"{CsvRate(m.Consistency?.FullyHidden)},{m.Consistency?.FullyHidden.Judgments},{CsvRate(m.Consistency?.PartlyHidden)},"
                    + $"{m.Consistency?.PartlyHidden.Judgments},{CsvRate(m.Controllability?.FullyHidden)},"
                    + $"{m.Controllability?.FullyHidden.Judgments},{CsvRate(m.Controllability?.PartlyHidden)},"
                    + $"{m.Controllability?.PartlyHidden.Judgments},{CsvRegion(m, HoleRegion.NamedParts)},"
                    + $"{CsvRegion(m, HoleRegion.OtherParts)},{CsvRegion(m, HoleRegion.Background)},"
                    + $"{string.Join(",", RegionErrors.PartRegions.Select(k => CsvRegion(m, k)))},"
                    + $"{m.Demand?.Ranking.ToString("R", C)},{m.Demand?.ShareRanking.ToString("R", C)},{m.Demand?.Pairs},{m.Demand?.Entropy.ToString("R", C)},"
                    + $"{m.Demand?.Captions},{m.Fidelity?.EdgeRatio.ToString("R", C)},{m.Fidelity?.EdgeImages},"
                    + $"{m.Fidelity?.SpreadRatio.ToString("R", C)},{m.Fidelity?.FarShare.ToString("R", C)},{CsvFeatures(m.Features)}");
                foreach (var (bin, b) in m.PerArea)
                    text.AppendLine(C, $"{m.Method},{mask},{bin},{b.Images},{b.Psnr:R},{b.Ssim:R},{b.L1:R},{b.HolePsnr:R},"
                        + $"{b.HoleSsim:R},{b.HoleL1:R},{b.GrayPsnr:R},{b.GraySsim:R},{b.GrayRelativeL1:R},,"
                        + $",,,,,,,,,,,,,,,,,,,,,,,,,,,,,{CsvFeatures(m.FeaturesPerArea?[bin])}");
            }
        }
        return text.ToString();
    }

    /// <summary>The hole-area bins that have images, in order.</summary>
    private static List<string> AreaBinsOf(InpaintingEvaluationResult result) =>
        AreaBins.Names.Where(b => result.Methods[0].PerArea.ContainsKey(b)).ToList();

    /// <summary>Hole PSNR and hole L1 of every method against the hole-area bin, as LaMa plots them.</summary>
    private static void AreaPlot(InpaintingEvaluationResult result, string path)
    {
        var bins = AreaBinsOf(result);
        var multiplot = new ScottPlot.Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(1, 2);
        var figures = new (string Title, Func<QualitySummary, double> Value)[] { ("hole PSNR (dB)", q => q.HolePsnr), ("hole L1", q => q.HoleL1) };
        for (int p = 0; p < figures.Length; p++)
        {
            var plot = multiplot.GetPlot(p);
            // Twenty colours: a table of eleven methods or more would repeat the default ten.
            plot.Add.Palette = new ScottPlot.Palettes.Category20();
            double[] xs = Enumerable.Range(0, bins.Count).Select(i => (double)i).ToArray();
            foreach (var m in result.Methods)
            {
                var line = plot.Add.ScatterLine(xs, bins.Select(b => figures[p].Value(m.PerArea[b])).ToArray());
                line.LegendText = m.Method;
                line.MarkerSize = 6;
            }
            plot.Axes.Bottom.SetTicks(xs, bins.ToArray());
            plot.XLabel($"share of the image in the hole ({MaskName(result.Options)} holes)");
            plot.Title(figures[p].Title);
            if (p == figures.Length - 1)
                plot.ShowLegend(ScottPlot.Edge.Right); // one legend, beside the last plot, so that it hides no line
            else
                plot.HideLegend();
        }
        const int width = 1300, height = 420;
        using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(width, height));
        multiplot.Render(surface.Canvas, new ScottPlot.PixelRect(0, width, height, 0));
        using var image = surface.Snapshot();
        using var png = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        AtomicFile.WriteAllBytes(path, png.ToArray());
    }

    private static string MaskName(InpaintingEvalOptions options) => Data.Masks.MaskKinds.NameOf(options.Mask);

    private static string Frechet(FeatureSummary? f) => f is null ? "–" : Figure(f.Frechet);

    private static string Distance(FeatureSummary? f) => f is null ? "–" : f.Distance.ToString("F4", C);

    private static string CsvFeatures(FeatureSummary? f) => f is null ? "," : $"{f.Frechet.ToString("R", C)},{f.Distance.ToString("R", C)}";

    private static string RPrecision(RPrecisionResult? r) =>
        r is null ? "–" : string.Create(C, $"{r.Mean:F3} ± {r.StandardDeviation:F3}");

    private static string Rate(ConsistencySummary? summary) =>
        summary is null || summary.Judgments == 0 ? "–" : string.Create(C, $"{summary.Rate:F3} ({summary.Judgments})");
}
