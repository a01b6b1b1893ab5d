using System.Diagnostics;
using System.Text.Json;
using TextInpaint.Data.Pickle;
using TextInpaint.Imaging;

namespace TextInpaint.Data.SynthBirds;

/// <summary>
/// Writes a SynthBirds data set in the AttnGAN layout (images/, text/, train/ and test/ file
/// lists and class ids), with the ground truth beside it (parts/, attributes/), a preview sheet,
/// and synthbirds.json last, which marks the data set complete. The same options always give
/// the same bytes.
/// </summary>
public static class SynthBirdsWriter
{
    public const int MinCount = 2, MaxCount = 1_000_000;
    public const string PreviewFileName = "preview.png";

    /// <summary>
    /// Marks a folder as being written by this writer until synthbirds.json marks it complete: a
    /// run stopped part-way (Ctrl-C, kill, full disk) is started again by the same command, which
    /// would otherwise refuse a folder holding another data set's entries.
    /// </summary>
    public const string InProgressMarker = ".synthbirds-in-progress";

    /// <summary>The entries this writer owns in a data set folder (removed first when overwriting).</summary>
    private static readonly string[] OwnedEntries = [DatasetLayout.ImagesFolder, DatasetLayout.TextFolder, DatasetLayout.PartsFolder,
        DatasetLayout.AttributesFolder, DatasetLayout.SplitFolder(Split.Train), DatasetLayout.SplitFolder(Split.Test), PreviewFileName];

    public static SynthBirdsResult Write(SynthBirdsOptions options, IProgress<JobProgress>? progress, CancellationToken ct)
    {
        Validate(options);
        var clock = Stopwatch.StartNew();
        var root = Path.GetFullPath(options.OutputFolder);
        var split = SplitIndices(options);

        if (SynthBirdsManifest.TryLoad(root) is { } existing
            && existing.FormatVersion == SynthBirdsManifest.CurrentFormatVersion
            && existing.Count == options.Count && existing.Size == options.Size && existing.Seed == options.Seed)
        {
            var preview = WritePreview(root, options.Size);
            return new SynthBirdsResult(root, existing.Count, existing.TrainCount, existing.TestCount, preview, AlreadyComplete: true, clock.Elapsed);
        }
        var marker = Path.Combine(root, InProgressMarker);
        PrepareFolder(root, options.Overwrite, marker);

        var classIds = new int[options.Count];
        int done = 0;
        progress?.Report(new JobProgress("rendering", 0, options.Count));
        // Each image is rendered from (seed, index) alone, so the order of work does not change the
        // output. Every file is flushed to disk before it replaces its target, and those waits on
        // the disk dominate at small sizes: more workers than cores keep the cores busy meanwhile.
        var parallel = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = 4 * Environment.ProcessorCount };
        Parallel.For(0, options.Count, parallel, index =>
        {
            var bird = SynthBirdsGenerator.Generate(options.Seed, index, options.Size);
            WriteImage(root, bird);
            classIds[index] = bird.Species.ClassId;
            int finished = Interlocked.Increment(ref done);
            if (progress is not null && (finished % 100 == 0 || finished == options.Count))
                progress.Report(new JobProgress("rendering", finished, options.Count,
                    new Dictionary<string, double> { ["images/s"] = finished / Math.Max(1e-9, clock.Elapsed.TotalSeconds) }));
        });
        ct.ThrowIfCancellationRequested();

        foreach (var (name, indices) in new[] { (DatasetLayout.SplitFolder(Split.Train), split.Train), (DatasetLayout.SplitFolder(Split.Test), split.Test) })
        {
            PickleWriter.WriteStrings(Path.Combine(root, name, DatasetLayout.KeyListPickle), indices.Select(SynthBirdsGenerator.KeyOf));
            PickleWriter.WriteInts(Path.Combine(root, name, "class_info.pickle"), indices.Select(i => classIds[i]));
        }
        var previewPath = WritePreview(root, options.Size);
        ct.ThrowIfCancellationRequested();

        var manifest = new SynthBirdsManifest(
            SynthBirdsManifest.CurrentFormatVersion, options.Count, options.Size, options.Seed, options.TestFraction,
            split.Train.Count, split.Test.Count, BirdSpeciesCatalog.Count, SynthBirdsGenerator.CaptionsPerImage,
            BirdPalette.Colors.Select(c => new PaletteEntry(BirdPalette.Name(c), BirdPalette.Rgb(c).R, BirdPalette.Rgb(c).G, BirdPalette.Rgb(c).B)).ToList(),
            Enum.GetValues<BirdPart>().Select(p => new PartEntry((int)p, p.ToString())).ToList());
        AtomicFile.WriteAllText(Path.Combine(root, SynthBirdsManifest.FileName), JsonSerializer.Serialize(manifest, SynthBirdsManifest.Json) + "\n");
        File.Delete(marker);
        return new SynthBirdsResult(root, options.Count, split.Train.Count, split.Test.Count, previewPath, AlreadyComplete: false, clock.Elapsed);
    }

    /// <summary>
    /// The deterministic train/test split: round(Count x TestFraction) images (at least one of
    /// each split when Count >= 2 and TestFraction > 0), chosen by a shuffle seeded from Seed.
    /// </summary>
    public static (IReadOnlyList<int> Train, IReadOnlyList<int> Test) SplitIndices(SynthBirdsOptions options)
    {
        int testCount = options.TestFraction <= 0 || options.Count < 2
            ? 0
            : Math.Clamp((int)Math.Round(options.Count * options.TestFraction), 1, options.Count - 1);
        var order = Enumerable.Range(0, options.Count).ToArray();
        new Random(SynthBirdsGenerator.StreamSeed(options.Seed, -1, stream: 2)).Shuffle(order);
        var test = order.Take(testCount).Order().ToList();
        var testSet = test.ToHashSet();
        var train = Enumerable.Range(0, options.Count).Where(i => !testSet.Contains(i)).ToList();
        return (train, test);
    }

    private static void Validate(SynthBirdsOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.OutputFolder))
            throw new UserInputException("out: an output folder is needed.");
        // Two at least: one for each split, which every command that reads a data set needs.
        if (options.Count is < MinCount or > MaxCount)
            throw new UserInputException($"count: must be between {MinCount} and {MaxCount:N0} (an image for the train split and one for the test "
                + $"split), got {options.Count}.");
        if (options.Size < 16 || options.Size % 16 != 0)
            throw new UserInputException($"size: must be a positive multiple of 16 (64, 128, 256...), got {options.Size}.");
        if (options.TestFraction is < 0 or >= 1 || double.IsNaN(options.TestFraction))
            throw new UserInputException($"test fraction: must be at least 0 and below 1, got {options.TestFraction}.");
    }

    /// <summary>
    /// Claims the folder under the output-folder rule (<see cref="OutputFolder"/>; a data set that
    /// an earlier build left part-way, with its in-progress marker, counts as this job's own),
    /// clears an old data set, marks the folder as in progress, then makes the entry folders.
    /// </summary>
    private static void PrepareFolder(string root, bool overwrite, string marker)
    {
        var output = OutputFolder.Claim(root, "synth", overwrite, madeBeforeRecords: folder => File.Exists(Path.Combine(folder, InProgressMarker)));
        output.Record([SynthBirdsManifest.FileName, InProgressMarker, .. OwnedEntries]);
        try
        {
            // The manifest goes first, so an interrupted clean-up never leaves a folder that looks complete.
            File.Delete(Path.Combine(root, SynthBirdsManifest.FileName));
            foreach (var entry in OwnedEntries.Select(name => Path.Combine(root, name)))
            {
                if (Directory.Exists(entry))
                    Directory.Delete(entry, recursive: true);
                else
                    File.Delete(entry);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{root}: the old data set cannot be removed ({e.Message}).", e);
        }
        try
        {
            AtomicFile.WriteAllText(marker, "a SynthBirds data set is being written here\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{root}: cannot be written ({e.Message}).", e);
        }
        foreach (var folder in OwnedEntries.Where(name => !name.Contains('.')))
        {
            try
            {
                Directory.CreateDirectory(Path.Combine(root, folder));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"{root}: cannot create the folder {folder} ({e.Message}).", e);
            }
        }
    }

    private static void WriteImage(string root, SynthBird bird)
    {
        ImageFiles.SavePng(bird.Rendered.Image, Path.Combine(root, DatasetLayout.ImagesFolder, bird.Key + ".png"));
        ImageFiles.SavePng(SynthBirdsTruth.ToImage(bird.Rendered.Parts), DatasetLayout.PartsFile(root, bird.Key));
        AtomicFile.WriteAllText(Path.Combine(root, DatasetLayout.TextFolder, bird.Key + ".txt"), string.Concat(bird.Captions.Select(c => c.Text + "\n")));
        var attributes = new SynthBirdsAttributesFile(bird.Key, bird.Species.ClassId, bird.Species.Name, bird.Rendered.FacingLeft, bird.Attributes,
            bird.Captions);
        AtomicFile.WriteAllText(DatasetLayout.AttributesFile(root, bird.Key), JsonSerializer.Serialize(attributes, SynthBirdsManifest.Json) + "\n");
    }

    /// <summary>Writes preview.png from the files on disk: the first 16 images enlarged, their part maps and two captions each.</summary>
    private static string WritePreview(string root, int size)
    {
        var cells = new List<SheetCell>();
        for (int index = 0; index < 16; index++)
        {
            var key = SynthBirdsGenerator.KeyOf(index);
            var imagePath = Path.Combine(root, DatasetLayout.ImagesFolder, key + ".png");
            if (!File.Exists(imagePath))
                break;
            var truth = SynthBirdsTruth.Load(root, key);
            var captions = File.ReadLines(Path.Combine(root, DatasetLayout.TextFolder, key + ".txt")).Take(2);
            cells.Add(new SheetCell(
            [
                new SheetImage(ImageFiles.Load(imagePath), $"{key} class {truth.ClassId}", Math.Max(128, size)),
                new SheetImage(SynthBirdsPreview.ColourParts(truth.Parts), "parts", Math.Max(64, size / 2)),
            ], string.Join(" / ", captions)));
        }
        var path = Path.Combine(root, PreviewFileName);
        ContactSheet.Save(cells, new ContactSheetOptions(Columns: 4, ImageHeight: Math.Max(128, size), Smooth: false,
            Title: $"SynthBirds {size}x{size}: first {cells.Count} images, their part maps and two captions each"), path);
        return path;
    }
}
