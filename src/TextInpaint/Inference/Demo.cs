using System.Net;
using System.Text;
using TextInpaint.Data.Masks;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;
using TextInpaint.Storage;

namespace TextInpaint.Inference;

/// <summary>
/// `textinpaint demo`: renders new SynthBirds (at the page's size), hides the centre of each, and inpaints it
/// twice with the shipped model, once with its own caption and once with that caption after one
/// colour of a hidden part was changed ("red crown" → "blue crown"). The colours of the results
/// are judged as `eval` judges them (<see cref="ColourJudge"/>): text consistency against the own
/// caption, controllability against the changed colour.
/// </summary>
public static class Demo
{
    private const string SheetFile = "sheet.png", PageFile = "index.html";

    public static DemoResult Run(DemoOptions options, IProgress<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        if (options.Birds <= 0)
            throw new UserInputException($"--birds {options.Birds}: give a positive number of birds.");
        if (options.Size < 16 || options.Size % 16 != 0)
            throw new UserInputException($"--size {options.Size}: give a positive multiple of 16 (64, 128, 256, ...).");
        var output = OutputFolder.Claim(options.Output, "demo", options.Overwrite);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var inpainter = Inpainter.Load(options.Model, options.Device);
        int size = options.Size;
        var hole = MaskGenerator.Centre(size);
        var consistency = new ConsistencyAccumulator();
        var controllability = new ConsistencyAccumulator();
        var cases = new List<DemoCase>();

        progress?.Report(new JobProgress("demo", 0, options.Birds));
        for (int index = 0, judged = 0; judged < options.Birds; index++)
        {
            cancel.ThrowIfCancellationRequested();
            var bird = SynthBirdsGenerator.Generate(options.Seed, index, size);
            var random = new Random(options.Seed + index);
            // The first caption that states the colour of a part the hole hides: that is what the demo is about.
            var caption = bird.Captions.FirstOrDefault(c => ColourJudge.JudgeableMentions(c, bird.Rendered.Parts, hole).Count > 0);
            if (caption is null || CaptionEdits.ChangeOneColour(caption, bird.Rendered.Parts, hole, random) is not { } edit)
                continue;
            var trueResult = inpainter.Inpaint(bird.Rendered.Image, hole, caption.Text).Image;
            var editedResult = inpainter.Inpaint(bird.Rendered.Image, hole, edit.Caption.Text).Image;
            var agreement = ColourJudge.Judge(trueResult, bird.Rendered.Parts, hole, caption);
            var following = ColourJudge.Judge(editedResult, bird.Rendered.Parts, hole, edit.Caption).Where(j => j.Part == edit.Part).ToArray();
            consistency.Add(agreement);
            controllability.Add(following);
            if (cases.Count < options.Shown)
                cases.Add(new DemoCase(bird.Key, bird.Rendered.Image, hole, caption.Text, edit, trueResult, editedResult, agreement, following));
            judged++;
            progress?.Report(new JobProgress("demo", judged, options.Birds));
        }

        var (consistencySummary, controllabilitySummary) = (consistency.Compute(), controllability.Compute());
        output.Publish(folder =>
        {
            ContactSheet.Save(cases.Select(SheetCellOf).ToList(), new ContactSheetOptions(Columns: 3, ImageHeight: 128,
                Title: "centre hidden; filled with the bird's own caption, then with one colour changed"), Path.Combine(folder, SheetFile));
            WritePage(folder, options, cases, consistencySummary, controllabilitySummary, MmflFolder.TrainedOn(options.Model) ?? "an unrecorded data set");
        });
        return new DemoResult(cases, consistencySummary, controllabilitySummary, Path.Combine(options.Output, SheetFile),
            Path.Combine(options.Output, PageFile), clock.Elapsed);
    }

    private static SheetCell SheetCellOf(DemoCase c) => new(
    [
        new SheetImage(MaskOps.GreyOut(c.Truth, c.Hole), "input"),
        new SheetImage(c.TrueResult, "own caption"),
        new SheetImage(c.EditedResult, $"{c.Edit.Part.ToString().ToLowerInvariant()} → {BirdPalette.Name(c.Edit.Edited)}"),
        new SheetImage(c.Truth, "truth"),
    ], $"{c.Caption} | edited: {c.Edit.Caption.Text}");

    private static void WritePage(string folder, DemoOptions options, IReadOnlyList<DemoCase> cases, ConsistencySummary consistency,
        ConsistencySummary controllability, string trainedOn)
    {
        var images = Path.Combine(folder, "images");
        Directory.CreateDirectory(images);
        var html = new StringBuilder();
        string E(string text) => WebUtility.HtmlEncode(text);
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>TextInpaint demo</title><style>");
        html.AppendLine("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{padding:6px 10px;border-bottom:1px "
            + "solid #ddd;vertical-align:middle;text-align:left}");
        html.AppendLine("img{width:128px;height:128px;image-rendering:pixelated}.ok{color:#17702a}.miss{color:#b3261e}</style></head><body>");
        html.AppendLine("<h1>TextInpaint demo</h1>");
        html.AppendLine($"<p>Model <code>{E(options.Model)}</code> (trained on <code>{E(trainedOn)}</code>). {options.Birds} new SynthBirds at "
            + $"{options.Size}x{options.Size}, the centre of each hidden; ");
        html.AppendLine("each is filled with its own caption and with the same caption after one colour of a hidden part was changed.</p>");
        html.AppendLine("<ul>");
        html.AppendLine($"<li>Text consistency: the fill shows the colour the caption states for {consistency.Agreements} of "
            + $"{consistency.Judgments} hidden parts ({consistency.Rate:P1}).</li>");
        html.AppendLine($"<li>Controllability: the fill shows the changed colour for {controllability.Agreements} of {controllability.Judgments} "
            + $"edits ({controllability.Rate:P1}). Chance is 10%.</li>");
        html.AppendLine("</ul><table><tr><th>input</th><th>own caption</th><th>edited caption</th><th>truth</th><th>captions</th></tr>");
        foreach (var c in cases)
        {
            string Save(RgbImage image, string name)
            {
                var file = $"{c.Key}-{name}.png";
                ImageFiles.SavePng(image, Path.Combine(images, file));
                return $"<img src=\"images/{file}\" alt=\"{name}\">";
            }
            string Verdict(IReadOnlyList<ColourJudgment> judgments) => string.Join(", ", judgments.Select(j =>
                $"<span class=\"{(j.Agrees ? "ok" : "miss")}\">{j.Part.ToString().ToLowerInvariant()}: asked {BirdPalette.Name(j.Stated)}, shows "
                    + $"{BirdPalette.Name(j.Seen)}</span>"));
            html.AppendLine($"<tr><td>{Save(MaskOps.GreyOut(c.Truth, c.Hole), "input")}</td><td>{Save(c.TrueResult, "own")}</td>"
                + $"<td>{Save(c.EditedResult, "edited")}</td><td>{Save(c.Truth, "truth")}</td>");
            html.AppendLine($"<td>own: {E(c.Caption)}<br>{Verdict(c.Consistency)}<br>edited: "
                + $"{E(c.Edit.Caption.Text)}<br>{Verdict(c.Controllability)}</td></tr>");
        }
        html.AppendLine("</table></body></html>");
        AtomicFile.WriteAllText(Path.Combine(folder, PageFile), html.ToString());
    }
}
