using System.CommandLine;
using TextInpaint.Inference;

namespace TextInpaint.Cli.Commands;

/// <summary>`textinpaint inpaint`: fill the hole of one image (or of every row of a CSV manifest) as a sentence says.</summary>
public static class InpaintCommand
{
    public static Command Create()
    {
        var image = new Option<string?>("--image") { Description = "The image (PNG, JPEG or WebP, any size; alpha is dropped, grey is made RGB)." };
        var mask = new Option<string?>("--mask") { Description = "Mask image: white = hole, black = keep (another size is resized, with a warning)." };
        var box = new Option<string?>("--box") { Description = "The hole as a rectangle x,y,width,height in pixels (instead of --mask)." };
        var text = new Option<string>("--text")
        {
            Description = "What the hole should show, e.g. \"this bird has a red crown and grey wings\".",
            DefaultValueFactory = _ => "",
        };
        var output = new Option<string?>("--out") { Description = "Where to write the result (.png, .jpg or .webp)." };
        var manifest = new Option<string?>("--manifest")
        {
            Description = "CSV with the columns image, mask, caption, output (mask: a file or \"x,y,w,h\"); every row is inpainted.",
        };
        var model = new Option<string>("--model")
        {
            Description = $"Model folder (default: the shipped {DefaultModel.RelativePath}).",
            DefaultValueFactory = _ => DefaultModel.Folder(),
        };
        var seed = new Option<int?>("--seed") { Description = "Draw the generator's noise from this seed (default: zero noise, the same result every time)." };
        var explain = new Option<bool>("--explain") { Description = "Also write OUT.explain.png: each word's demand weight and where it was placed." };
        var threads = CommonOptions.Threads();
        var device = CommonOptions.Device();

        var command = new Command("inpaint",
            "Fill the hole of an image as a sentence says. The model works on a square around the hole at its own size; only the hole's pixels of "
                + "the original are replaced. Masks: white = hole, black = keep.")
        {
            image, mask, box, text, output, manifest, model, seed, explain, threads, device,
        };
        command.SetAction(async (parse, ct) =>
        {
            var console = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var manifestPath = parse.GetValue(manifest);
            if (manifestPath is null)
            {
                if (parse.GetValue(image) is null || parse.GetValue(output) is null)
                    throw new UserInputException("inpaint needs --image and --out (or --manifest FILE.csv for a batch).");
                if ((parse.GetValue(mask) is null) == (parse.GetValue(box) is null))
                    throw new UserInputException("give the hole with --mask FILE (white = hole) or with --box x,y,width,height.");
            }
            else if (parse.GetValue(image) is not null || parse.GetValue(mask) is not null
                || parse.GetValue(box) is not null || parse.GetValue(output) is not null)
                throw new UserInputException("--manifest takes the images, holes and outputs from its rows: leave out --image, --mask, --box and --out.");

            CommonOptions.Apply(parse, threads);
            var modelFolder = parse.GetValue(model)!;
            if (!Directory.Exists(modelFolder))
                throw new UserInputException($"{modelFolder}: no such model folder (give one with --model, or train one with `textinpaint train`).");
            using var inpainter = Inpainter.Load(modelFolder, parse.GetValue(device)!);

            if (manifestPath is null)
            {
                var outPath = parse.GetValue(output)!;
                var job = new InpaintFileJob(parse.GetValue(image)!, parse.GetValue(mask), parse.GetValue(box) is { } b ? HoleBox.Parse(b) : null,
                    parse.GetValue(text)!, outPath, parse.GetValue(explain) ? InpaintFileJob.ExplanationPathFor(outPath) : null, parse.GetValue(seed));
                var outcome = job.Run(inpainter);
                foreach (var warning in outcome.Warnings)
                    error.WriteLine($"warning: {warning}");
                if (outcome.WordDemand is { } demand)
                    console.WriteLine($"{job.Explanation}: {demand}");
                console.WriteLine($"written: {job.Output}" + (job.Explanation is { } e && File.Exists(e) ? $", {e}" : ""));
                return 0;
            }

            var (jobs, rejected) = InpaintManifest.Read(manifestPath, parse.GetValue(explain));
            var results = await ConsoleProgress.RunAsync(progress => Task.Run(() => InpaintManifest.Run(inpainter, jobs, rejected, progress, ct), ct));
            foreach (var row in results.Where(r => r.Succeeded))
            {
                foreach (var warning in row.Messages)
                    error.WriteLine($"warning: {manifestPath}:{row.Line}: {warning}");
                if (row.WordDemand is { } demand)
                    console.WriteLine($"{manifestPath}:{row.Line}: {demand}");
            }
            var failed = results.Where(r => !r.Succeeded).ToList();
            console.WriteLine($"{results.Count - failed.Count} of {results.Count} rows inpainted.");
            if (failed.Count == 0)
                return 0;
            error.WriteLine(failed.Count == 1 ? "1 row failed:" : $"{failed.Count} rows failed:");
            foreach (var row in failed)
                error.WriteLine($"  {manifestPath}:{row.Line}: {string.Join(" ", row.Messages)}");
            return CommandLine.InputError;
        });
        return command;
    }
}
