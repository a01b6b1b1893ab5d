using TextInpaint.Data.SynthBirds;

namespace TextInpaint.Tests.Data.SynthBirds;

public sealed class SynthBirdsWriterTests : IDisposable
{
    private readonly TempFolder temp = new();

    // A folder that does not exist yet, inside the test's own temporary folder.
    private string folder => temp.Combine("out");

    public void Dispose() => temp.Dispose();

    private string Sub(string name) => Path.Combine(folder, name);

    private static Dictionary<string, byte[]> ReadAll(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(root, path), File.ReadAllBytes);

    [Fact]
    public void The_same_options_give_identical_bytes_and_another_seed_different_images()
    {
        var first = SynthBirdsWriter.Write(new SynthBirdsOptions(Sub("a"), Count: 6, Seed: 3), null, CancellationToken.None);
        SynthBirdsWriter.Write(new SynthBirdsOptions(Sub("b"), Count: 6, Seed: 3), null, CancellationToken.None);
        SynthBirdsWriter.Write(new SynthBirdsOptions(Sub("c"), Count: 6, Seed: 4), null, CancellationToken.None);

        var a = ReadAll(Sub("a"));
        var b = ReadAll(Sub("b"));
        Assert.Equal(6 * 4 + 4 + 2 + 1, a.Count); // 4 files a bird, 2 per split, the preview, the manifest and the folder's record
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        Assert.All(a, pair => Assert.Equal(pair.Value, b[pair.Key]));
        Assert.False(first.AlreadyComplete);

        var c = ReadAll(Sub("c"));
        Assert.NotEqual(a["images/bird_000000.png"], c["images/bird_000000.png"]);
        Assert.NotEqual(a["text/bird_000000.txt"], c["text/bird_000000.txt"]);
    }

    [Fact]
    public void The_split_is_deterministic_and_both_parts_are_non_empty()
    {
        var options = new SynthBirdsOptions(Sub("x"), Count: 40, TestFraction: 0.15);
        var (train, test) = SynthBirdsWriter.SplitIndices(options);
        var (train2, test2) = SynthBirdsWriter.SplitIndices(options);
        Assert.Equal(train, train2);
        Assert.Equal(test, test2);
        Assert.Equal(6, test.Count);
        Assert.Equal(Enumerable.Range(0, 40), train.Concat(test).Order());
        Assert.NotEqual(test, SynthBirdsWriter.SplitIndices(options with { Seed = 2 }).Test);

        var tiny = SynthBirdsWriter.SplitIndices(options with { Count = 2 });
        Assert.Single(tiny.Train);
        Assert.Single(tiny.Test);
    }

    [Fact]
    public void The_written_ground_truth_loads_back_as_generated()
    {
        var result = SynthBirdsWriter.Write(new SynthBirdsOptions(folder, Count: 3, Size: 64, Seed: 9), null, CancellationToken.None);
        Assert.Equal(3, result.TrainCount + result.TestCount);
        var generated = SynthBirdsGenerator.Generate(9, 2, 64);
        var truth = SynthBirdsTruth.Load(folder, "bird_000002");
        Assert.Equal(generated.Attributes, truth.Attributes);
        Assert.Equal(generated.Species.ClassId, truth.ClassId);
        Assert.Equal(generated.Rendered.Parts.Labels, truth.Parts.Labels);
        Assert.Equal(10, File.ReadAllLines(Path.Combine(folder, "text", "bird_000002.txt")).Length);
        Assert.True(File.Exists(Path.Combine(folder, SynthBirdsWriter.PreviewFileName)));
        var manifest = SynthBirdsManifest.TryLoad(folder)!;
        Assert.Equal((3, 64, 9), (manifest.Count, manifest.Size, manifest.Seed));
        Assert.Equal(10, manifest.Palette.Count);
    }

    [Fact]
    public void A_complete_data_set_with_the_same_options_is_left_alone()
    {
        var options = new SynthBirdsOptions(folder, Count: 2);
        SynthBirdsWriter.Write(options, null, CancellationToken.None);
        var image = Path.Combine(folder, "images", "bird_000000.png");
        var written = File.GetLastWriteTimeUtc(image);
        File.SetLastWriteTimeUtc(image, written.AddHours(-1));

        var again = SynthBirdsWriter.Write(options, null, CancellationToken.None);

        Assert.True(again.AlreadyComplete);
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(image));
    }

    [Fact]
    public void A_write_stopped_part_way_is_finished_by_the_same_command_with_the_bytes_of_an_uninterrupted_one()
    {
        using var stop = new CancellationTokenSource();
        var stopAtFirstReport = new SynchronousProgress(p => { if (p.Done >= 100) stop.Cancel(); });
        // Progress comes every 100 birds: the stop lands after the first 100 of 150.
        var options = new SynthBirdsOptions(folder, Count: 150, Size: 32);
        Assert.ThrowsAny<OperationCanceledException>(() => { SynthBirdsWriter.Write(options, stopAtFirstReport, stop.Token); });
        Assert.True(File.Exists(Sub(SynthBirdsWriter.InProgressMarker)));
        Assert.False(File.Exists(Sub(SynthBirdsManifest.FileName)));

        var finished = SynthBirdsWriter.Write(options, null, CancellationToken.None);
        SynthBirdsWriter.Write(options with { OutputFolder = temp.Combine("uninterrupted") }, null, CancellationToken.None);

        Assert.False(finished.AlreadyComplete);
        Assert.False(File.Exists(Sub(SynthBirdsWriter.InProgressMarker)));
        Assert.Equal(ReadAll(temp.Combine("uninterrupted")), ReadAll(folder));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(-16)]
    public void A_size_that_is_not_a_positive_multiple_of_16_is_refused_naming_the_option(int size)
    {
        var e = Assert.Throws<UserInputException>(() =>
            SynthBirdsWriter.Write(new SynthBirdsOptions(folder, Count: 2, Size: size), null, CancellationToken.None));
        Assert.StartsWith("size:", e.Message);
        Assert.Contains(size.ToString(), e.Message);
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_count_below_one_is_refused_naming_the_option(int count)
    {
        var e = Assert.Throws<UserInputException>(() => SynthBirdsWriter.Write(new SynthBirdsOptions(folder, Count: count), null, CancellationToken.None));
        Assert.StartsWith("count:", e.Message);
    }

    [Fact]
    public void A_non_empty_folder_of_other_files_is_refused_and_not_touched()
    {
        Directory.CreateDirectory(folder);
        var notes = Path.Combine(folder, "notes.txt");
        File.WriteAllText(notes, "mine");

        var e = Assert.Throws<UserInputException>(() => SynthBirdsWriter.Write(new SynthBirdsOptions(folder, Count: 2), null, CancellationToken.None));

        Assert.Contains(folder, e.Message);
        Assert.Equal([notes], Directory.EnumerateFileSystemEntries(folder));
        Assert.Equal("mine", File.ReadAllText(notes));
    }

    [Fact]
    public void Overwriting_replaces_an_older_data_set_in_the_folder()
    {
        SynthBirdsWriter.Write(new SynthBirdsOptions(folder, Count: 4), null, CancellationToken.None);
        var result = SynthBirdsWriter.Write(new SynthBirdsOptions(folder, Count: 2, Overwrite: true), null, CancellationToken.None);
        Assert.False(result.AlreadyComplete);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(folder, "images")).Length);
        Assert.Equal(2, SynthBirdsManifest.TryLoad(folder)!.Count);
    }

    [Fact]
    public void A_cancelled_run_leaves_no_manifest()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAfter(100, cancel);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            SynthBirdsWriter.Write(new SynthBirdsOptions(folder, Count: 2000), progress, cancel.Token));
        Assert.True(progress.Reports > 0);
        Assert.False(File.Exists(Path.Combine(folder, SynthBirdsManifest.FileName)));
        Assert.True(Directory.GetFiles(Path.Combine(folder, "images")).Length < 2000);
    }

    private sealed class CancelAfter(int images, CancellationTokenSource source) : IProgress<JobProgress>
    {
        public int Reports;

        public void Report(JobProgress value)
        {
            Interlocked.Increment(ref Reports);
            if (value.Done >= images)
                source.Cancel();
        }
    }
}
