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

        Assert.Throws<IOException>(() => store.Save(6, folder =>
        {
            File.WriteAllText(Path.Combine(folder, "weights.bin"), "half");
            throw new IOException("disk full");
        }));

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

    [Fact]
    public void A_run_may_start_in_an_empty_folder_or_its_own_but_not_in_someone_elses()
    {
        using var temp = new TempFolder();
        CheckpointStore.RequireNewOrOwnFolder(temp.Combine("new"), "model.json", "training run");
        Directory.CreateDirectory(temp.Combine("own"));
        File.WriteAllText(temp.Combine("own", "model.json"), "{}");
        CheckpointStore.RequireNewOrOwnFolder(temp.Combine("own"), "model.json", "training run");
        Directory.CreateDirectory(temp.Combine("other"));
        File.WriteAllText(temp.Combine("other", "photo.jpg"), "");

        var error = Assert.Throws<UserInputException>(() => CheckpointStore.RequireNewOrOwnFolder(temp.Combine("other"), "model.json", "training run"));

        Assert.Contains(temp.Combine("other"), error.Message);
    }
}
