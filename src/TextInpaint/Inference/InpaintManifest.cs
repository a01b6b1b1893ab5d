using System.Text;

namespace TextInpaint.Inference;

/// <summary>
/// A batch of images to inpaint, listed in a CSV file with the columns <c>image</c>, <c>mask</c>,
/// <c>caption</c> and <c>output</c> (a header row with these names is optional; fields with commas
/// or quotes are quoted as in RFC 4180). The mask column holds a mask file (white = hole) or a box
/// "x,y,w,h". Relative paths are relative to the manifest's folder.
/// </summary>
public static class InpaintManifest
{
    private static readonly string[] Columns = ["image", "mask", "caption", "output"];

    /// <summary>
    /// Reads the manifest into jobs; a malformed row becomes a failed result instead of a job, so
    /// that the other rows still run.
    /// </summary>
    public static (IReadOnlyList<(int Line, InpaintFileJob Job)> Jobs, IReadOnlyList<ManifestRowResult> Rejected) Read(string path, bool explain = false)
    {
        var lines = UserFiles.ReadAllLines(path, "manifest file");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string Resolve(string file) => Path.IsPathRooted(file) ? file : Path.Combine(folder, file);

        var jobs = new List<(int, InpaintFileJob)>();
        var rejected = new List<ManifestRowResult>();
        for (int i = 0; i < lines.Length; i++)
        {
            int line = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var fields = SplitCsv(lines[i]);
            if (fields is null)
            {
                rejected.Add(new ManifestRowResult(line, "", false,
                    ["a quoted field is not closed on this line (every row, captions included, is one line)."]));
                continue;
            }
            if (jobs.Count == 0 && rejected.Count == 0 && fields.Select(f => f.Trim().ToLowerInvariant()).SequenceEqual(Columns))
                continue;
            if (fields.Count != Columns.Length)
            {
                rejected.Add(new ManifestRowResult(line, "", false, [$"expected 4 fields (image, mask, caption, output), found {fields.Count}."]));
                continue;
            }
            var (image, mask, caption, output) = (fields[0].Trim(), fields[1].Trim(), fields[2], fields[3].Trim());
            if (image.Length == 0 || mask.Length == 0 || output.Length == 0)
            {
                rejected.Add(new ManifestRowResult(line, output, false, ["the image, mask and output fields must not be empty."]));
                continue;
            }
            HoleBox? box = null;
            if (LooksLikeBox(mask))
            {
                try
                {
                    box = HoleBox.Parse(mask, "box");
                }
                catch (UserInputException e)
                {
                    rejected.Add(new ManifestRowResult(line, output, false, [e.Message]));
                    continue;
                }
            }
            var outputPath = Resolve(output);
            var explanation = explain ? InpaintFileJob.ExplanationPathFor(outputPath) : null;
            jobs.Add((line, new InpaintFileJob(Resolve(image), box is null ? Resolve(mask) : null, box, caption.Trim(), outputPath, explanation)));
        }
        if (jobs.Count == 0 && rejected.Count == 0)
            throw new UserInputException($"{path}: no rows to inpaint (a row is image,mask,caption,output).");
        // One rule for the whole manifest, before any row runs: no row writes the manifest, another
        // row's input or another row's output.
        UserFiles.CheckOutputs(jobs.SelectMany(j => j.Item2.Outputs), jobs.SelectMany(j => j.Item2.Inputs).Append(path));
        return (jobs, rejected);
    }

    /// <summary>Runs every job, going on past failures; the results are in line order.</summary>
    public static IReadOnlyList<ManifestRowResult> Run(Inpainter inpainter, IReadOnlyList<(int Line, InpaintFileJob Job)> jobs,
        IReadOnlyList<ManifestRowResult> rejected, IProgress<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        var results = new List<ManifestRowResult>(rejected);
        progress?.Report(new JobProgress("inpaint", 0, jobs.Count));
        for (int i = 0; i < jobs.Count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var (line, job) = jobs[i];
            try
            {
                var outcome = job.Run(inpainter);
                results.Add(new ManifestRowResult(line, job.Output, true, outcome.Warnings, outcome.WordDemand));
            }
            catch (UserInputException e)
            {
                results.Add(new ManifestRowResult(line, job.Output, false, [e.Message]));
            }
            progress?.Report(new JobProgress("inpaint", i + 1, jobs.Count));
        }
        return results.OrderBy(r => r.Line).ToArray();
    }

    private static bool LooksLikeBox(string field) => field.Count(c => c == ',') == 3 && field.All(c => char.IsDigit(c) || c is ',' or '-' or ' ');

    /// <summary>
    /// Splits one CSV line: commas separate fields, double quotes enclose a field, "" is a quote.
    /// Null when a quoted field is still open at the end of the line.
    /// </summary>
    internal static List<string>? SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted)
            return null;
        fields.Add(field.ToString());
        return fields;
    }
}
