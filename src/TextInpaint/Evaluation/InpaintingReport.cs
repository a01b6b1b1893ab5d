using System.Globalization;
using System.Text;
using TextInpaint.Evaluation.Metrics;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;

namespace TextInpaint.Evaluation;

/// <summary>The files an evaluation writes: a Markdown table, a CSV and a comparison sheet.</summary>
public sealed record InpaintingReportFiles(string Markdown, string Csv, string Sheet, string MarkdownText);

/// <summary>Writes an <see cref="InpaintingEvaluationResult"/> as eval.md, eval.csv and eval-sheet.png.</summary>
public static class InpaintingReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static InpaintingReportFiles Write(InpaintingEvaluationResult result)
    {
        var folder = result.Options.Output ?? Path.Combine(result.Options.Model, "eval");
        Directory.CreateDirectory(folder);
        var markdown = Markdown(result);
        var files = new InpaintingReportFiles(Path.Combine(folder, "eval.md"), Path.Combine(folder, "eval.csv"), Path.Combine(folder, "eval-sheet.png"), markdown);
        AtomicFile.WriteAllText(files.Markdown, markdown);
        AtomicFile.WriteAllText(files.Csv, Csv(result));
        ContactSheet.Save(result.Sheet, new ContactSheetOptions(Columns: 1, ImageHeight: 96, MaxCaptionLines: 6,
            Title: $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(result.Options.Model))} at step {result.TrainingStep}: input | true | shuffled | empty | edited caption | truth"), files.Sheet);
        return files;
    }

    public static string Markdown(InpaintingEvaluationResult result)
    {
        var o = result.Options;
        var text = new StringBuilder();
        text.AppendLine("# Inpainting evaluation");
        text.AppendLine();
        text.AppendLine(C, $"Model `{o.Model}` (training step {result.TrainingStep}), data `{o.Data}` (test split, {result.Images} images), {MaskName(o)} holes, seed {o.Seed}.");
        text.AppendLine();
        text.AppendLine("| method | PSNR | SSIM | L1 | hole PSNR | hole SSIM | hole L1 | TDANet gray rel. L1 | text consistency | controllability |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in result.Methods)
        {
            var q = m.Quality;
            text.AppendLine(C, $"| {m.Method} ({m.Description}) | {q.Psnr:F2} | {q.Ssim:F4} | {q.L1:F4} | {q.HolePsnr:F2} | {q.HoleSsim:F4} | {q.HoleL1:F4} | {q.GrayRelativeL1:F4} | {Rate(m.Consistency)} | {Rate(m.Controllability)} |");
        }
        text.AppendLine();
        text.AppendLine("PSNR (data range 1), SSIM (11x11 Gaussian window, σ 1.5, per channel) and L1 (pixels in [0, 1]) on the whole image and on the hole; TDANet's relative L1 on grayscale.");
        if (result.ConsistencyNote is { } note)
            text.AppendLine(C, $"\n{note}");
        else
            text.AppendLine("Text consistency: the share of colours that the true caption states for parts mostly in the hole which the output shows (colour judgments read off the part maps); controllability: the same for the one colour the edited caption changed, judged against the edited colour. Chance is 0.100 (10 colours).");
        return text.ToString();
    }

    private static string Csv(InpaintingEvaluationResult result)
    {
        var text = new StringBuilder();
        text.AppendLine("method,mask,images,psnr,ssim,l1,hole_psnr,hole_ssim,hole_l1,gray_psnr,gray_ssim,gray_relative_l1,consistency,consistency_judgments,controllability,controllability_judgments");
        foreach (var m in result.Methods)
        {
            var q = m.Quality;
            text.AppendLine(C, $"{m.Method},{MaskName(result.Options)},{q.Images},{q.Psnr:R},{q.Ssim:R},{q.L1:R},{q.HolePsnr:R},{q.HoleSsim:R},{q.HoleL1:R},{q.GrayPsnr:R},{q.GraySsim:R},{q.GrayRelativeL1:R},{m.Consistency?.Rate.ToString("R", C)},{m.Consistency?.Judgments},{m.Controllability?.Rate.ToString("R", C)},{m.Controllability?.Judgments}");
        }
        return text.ToString();
    }

    private static string MaskName(InpaintingEvalOptions options) => Data.Masks.MaskKinds.NameOf(options.Mask);

    private static string Rate(ConsistencySummary? summary) =>
        summary is null || summary.Judgments == 0 ? "–" : string.Create(C, $"{summary.Rate:F3} ({summary.Judgments})");
}
