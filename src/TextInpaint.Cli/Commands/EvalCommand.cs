using System.CommandLine;
using TextInpaint.Data.Masks;
using TextInpaint.Evaluation;

namespace TextInpaint.Cli.Commands;

/// <summary>`textinpaint eval`: image quality and text consistency of a trained model on a test split.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model folder written by train.", DefaultValueFactory = _ => "runs/mmfl64" };
        var data = new Option<string>("--data") { Description = "Data set folder; its test split is used.", DefaultValueFactory = _ => "data/synthbirds64" };
        var kind = CommonOptions.DataKind();
        var output = new Option<string?>("--out")
        {
            Description = "Folder for eval.md, eval.csv, and per mask kind eval-sheet-MASK.png and eval-area-bins-MASK.png (default: MODEL/eval).",
        };
        var mask = new Option<string[]>("--mask")
        {
            Description = "Holes, one table each: centre, box, free-form, object, background (a box off the bird) or mixed; several may be given "
                + "(--mask centre box free-form).",
            DefaultValueFactory = _ => ["centre"],
            AllowMultipleArgumentsPerToken = true,
        };
        var limit = new Option<int>("--limit") { Description = "Test images to use (0: all).", DefaultValueFactory = _ => 0 }.Within(0, int.MaxValue);
        var seed = new Option<int>("--seed") { Description = "Seed for holes and caption edits.", DefaultValueFactory = _ => 1 };
        var threads = CommonOptions.Threads();
        var methods = new Option<string[]>("--methods")
        {
            Description = $"Methods to run (default: all): {string.Join(", ", EvalMethods.All)}.",
            AllowMultipleArgumentsPerToken = true,
        };
        var compare = new Option<string[]>("--compare")
        {
            Description = "Other trained models to run with the true caption, as NAME=FOLDER (e.g. no-text=runs/mmfl64-no-text); repeatable.",
            AllowMultipleArgumentsPerToken = true,
        };
        var device = CommonOptions.Device();
        var overwrite = CommonOptions.Overwrite();
        var noFeatures = new Option<bool>("--no-features")
        {
            Description = "Leave out FID and the feature distance (the ResNet-18 reads every output at 224x224: most of a small evaluation's time).",
        };
        var size = new Option<int?>("--size")
        {
            Description = "Side the test images are evaluated at (default: a SynthBirds data set's own, otherwise the model's); every model fills "
                + "through the window a fill cuts, as inpaint and serve do.",
        }.Within(8, 4096);

        var command = new Command("eval",
            "Inpaint the test split with true, shuffled, empty and edited captions, other trained models and the classical baselines; write PSNR, "
                + "SSIM, L1 (image and hole, per hole-area bin) and, on SynthBirds, text consistency and controllability.")
        {
            model, data, kind, output, overwrite, mask, size, limit, seed, methods, compare, noFeatures, threads, device,
        };
        command.SetAction(async (parse, ct) =>
        {
            CommonOptions.Apply(parse, threads);
            var options = new InpaintingEvalOptions(parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(output),
                parse.GetValue(kind)!, Limit: parse.GetValue(limit), Seed: parse.GetValue(seed),
                Device: parse.GetValue(device)!, Methods: parse.GetValue(methods),
                Compare: (parse.GetValue(compare) ?? []).Select(ComparedModel.Parse).ToArray(), Size: parse.GetValue(size),
                    Overwrite: parse.GetValue(overwrite), Features: !parse.GetValue(noFeatures));
            var masks = parse.GetValue(mask)!.SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(m => MaskKinds.Parse(m)).ToArray();
            // The report is rewritten after each mask kind: stopping during a later kind keeps the tables of the earlier ones.
            InpaintingReportFiles? files = null;
            await ConsoleProgress.RunAsync(progress =>
                Task.Run(() => InpaintingEvaluation.Run(options, masks, progress, ct, (output, done) => files = InpaintingReport.Write(output, done)), ct));
            var console = parse.InvocationConfiguration.Output;
            console.WriteLine(files!.MarkdownText);
            console.WriteLine($"written: {string.Join(", ", [files.Markdown, files.Csv, .. files.Sheets, .. files.AreaPlots])}");
            return 0;
        });
        return command;
    }
}
