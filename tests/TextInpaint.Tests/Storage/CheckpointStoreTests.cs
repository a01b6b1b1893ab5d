using TextInpaint.Storage;

namespace TextInpaint.Tests.Storage;

public sealed class CheckpointStoreTests
{
    [Fact]
    public void The_latest_complete_checkpoint_is_found_and_old_ones_are_pruned()
    {
        using var temp = new TempFolder();
        var store = new CheckpointStore(temp.Path, keep: 2);
        Assert.Null(store.Latest());

        foreach (var step in new[] { 10L, 20L, 30L })
            store.Save(step, folder => File.WriteAllText(Path.Combine(folder, "weights.bin"), $"w{step}"));

        var latest = store.Latest();
        Assert.NotNull(latest);
        Assert.Equal(30, CheckpointStore.ReadStep(latest!));
        Assert.Equal("w30", File.ReadAllText(Path.Combine(latest!, "weights.bin")));
        Assert.Equal(2, Directory.GetDirectories(store.Folder).Length);
    }

    [Fact]
    public void A_failed_save_leaves_the_last_good_checkpoint_untouched()
    {
        using var temp = new TempFolder();
        var store = new CheckpointStore(temp.Path);
        store.Save(5, folder => File.WriteAllText(Path.Combine(folder, "weights.bin"), "good"));

        var error = Assert.Throws<UserInputException>(() => store.Save(6, folder =>
        {
            File.WriteAllText(Path.Combine(folder, "weights.bin"), "half");
            throw new IOException("disk full");
        }));

        Assert.Contains("disk full", error.Message);

        var latest = store.Latest()!;
        Assert.Equal(5, CheckpointStore.ReadStep(latest));
        Assert.Equal("good", File.ReadAllText(Path.Combine(latest, "weights.bin")));
        Assert.Single(Directory.GetDirectories(store.Folder));
    }

    [Fact]
    public void Saving_again_at_the_same_step_replaces_that_checkpoint()
    {
        using var temp = new TempFolder();
        var store = new CheckpointStore(temp.Path);
        store.Save(7, folder => File.WriteAllText(Path.Combine(folder, "a.txt"), "first"));
        store.Save(7, folder => File.WriteAllText(Path.Combine(folder, "a.txt"), "second"));

        Assert.Equal("second", File.ReadAllText(Path.Combine(store.Latest()!, "a.txt")));
        Assert.Single(Directory.GetDirectories(store.Folder));
    }

    /// <summary>A copy of the run folder as a kill at this instant would leave it.</summary>
    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from)) CopyTree(folder, Path.Combine(to, Path.GetFileName(folder)));
    }

    [Theory]
    [InlineData(30L)]
    [InlineData(20L)]
    public void A_kill_at_any_stage_of_a_save_leaves_the_previous_or_the_new_checkpoint_whole(long savedStep)
    {
        using var temp = new TempFolder();
        var run = temp.Combine("run");
        new CheckpointStore(run, keep: 2).Save(10, folder => File.WriteAllText(Path.Combine(folder, "weights.bin"), "w10"));
        new CheckpointStore(run, keep: 2).Save(20, folder => File.WriteAllText(Path.Combine(folder, "weights.bin"), "w20"));
        var snapshots = new List<string>();
        var store = new CheckpointStore(run, keep: 2, stageReached: stage =>
        {
            var snapshot = temp.Combine($"kill-{snapshots.Count}");
            CopyTree(run, snapshot);
            snapshots.Add(snapshot);
        });
        store.Save(savedStep, folder =>
        {
            File.WriteAllText(Path.Combine(folder, "weights.bin"), $"new{savedStep}");
            File.WriteAllText(Path.Combine(folder, "metrics.csv"), $"step\n{savedStep}\n");
        });

        Assert.Equal(savedStep == 20 ? 6 : 5, snapshots.Count);
        foreach (var snapshot in snapshots)
        {
            var resumed = new CheckpointStore(snapshot, keep: 2);
            var cleared = resumed.Recover();
            var latest = resumed.Latest()!;
            var step = CheckpointStore.ReadStep(latest);
            var weights = File.ReadAllText(Path.Combine(latest, "weights.bin"));
            Assert.True(weights == $"w{step}" || (weights == $"new{step}" && step == savedStep), $"{snapshot}: step {step} holds {weights}");
            Assert.True(step == savedStep || step == 20, $"{snapshot}: resumed from step {step}");
            Assert.Empty(Directory.GetDirectories(resumed.Folder, ".*"));
            Assert.All(Directory.GetDirectories(resumed.Folder), d => Assert.True(File.Exists(Path.Combine(d, "checkpoint.json")), d));
            Assert.Null(resumed.Recover());
            if (cleared is not null) Assert.DoesNotContain('\n', cleared);
        }
    }

    [Fact]
    public void A_half_deleted_checkpoint_folder_left_by_a_kill_is_removed_with_one_line()
    {
        using var temp = new TempFolder();
        var store = new CheckpointStore(temp.Path);
        store.Save(5, folder => File.WriteAllText(Path.Combine(folder, "weights.bin"), "w5"));
        store.Save(6, folder => File.WriteAllText(Path.Combine(folder, "weights.bin"), "w6"));
        File.Delete(Path.Combine(store.Folder, "step-00000006", "checkpoint.json"));
        Directory.CreateDirectory(Path.Combine(store.Folder, ".step-00000007.0123.partial"));

        var line = store.Recover();

        Assert.NotNull(line);
        Assert.Contains("step-00000006", line);
        Assert.Contains(".step-00000007.0123.partial", line);
        Assert.Equal(5, CheckpointStore.ReadStep(store.Latest()!));
        Assert.Single(Directory.GetDirectories(store.Folder));
    }
}
