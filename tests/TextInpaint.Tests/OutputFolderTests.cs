
namespace TextInpaint.Tests;

public sealed class OutputFolderTests
{
    [Fact]
    public void A_job_writes_into_a_new_or_empty_folder_or_its_own_but_not_beside_other_files()
    {
        using var temp = new TempFolder();
        OutputFolder.Claim(temp.Combine("new"), "demo", overwrite: false);
        OutputFolder.Claim(Directory.CreateDirectory(temp.Combine("empty")).FullName, "demo", overwrite: false);
        OutputFolder.Claim(temp.Combine("own"), "demo", overwrite: false).Publish(folder => File.WriteAllText(Path.Combine(folder, "index.html"), "page"));
        OutputFolder.Claim(temp.Combine("own"), "demo", overwrite: false);
        var notes = temp.WriteText("other/notes.txt", "mine");

        var error = Assert.Throws<UserInputException>(() => OutputFolder.Claim(temp.Combine("other"), "demo", overwrite: false));

        Assert.Equal($"{temp.Combine("other")}: holds files that an earlier `demo` did not write here (notes.txt); " +
            $"choose another --out or an empty folder, or give --overwrite to write beside them.", error.Message);
        Assert.Equal("mine", File.ReadAllText(notes));
    }

    [Fact]
    public void Another_jobs_folder_is_not_written_by_this_one()
    {
        using var temp = new TempFolder();
        OutputFolder.Claim(temp.Path, "eval", overwrite: false).Publish(folder => File.WriteAllText(Path.Combine(folder, "eval.md"), "table"));

        var error = Assert.Throws<UserInputException>(() => OutputFolder.Claim(temp.Path, "demo", overwrite: false));

        Assert.Contains("that `eval` did not write here (eval.md)", error.Message);
    }

    [Fact]
    public void A_re_run_replaces_its_earlier_outputs_as_a_unit_and_leaves_files_it_was_allowed_beside()
    {
        using var temp = new TempFolder();
        var first = OutputFolder.Claim(temp.Path, "eval", overwrite: false);
        first.Publish(folder =>
        {
            File.WriteAllText(Path.Combine(folder, "eval.md"), "first");
            File.WriteAllText(Path.Combine(folder, "eval-sheet-box.png"), "box");
            Directory.CreateDirectory(Path.Combine(folder, "images"));
        });
        var notes = temp.WriteText("notes.txt", "mine");
        var second = OutputFolder.Claim(temp.Path, "eval", overwrite: true);

        second.Publish(folder => File.WriteAllText(Path.Combine(folder, "eval.md"), "second"));

        Assert.Equal([OutputFolder.RecordFile, "eval.md", "notes.txt"],
            Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("second", File.ReadAllText(temp.Combine("eval.md")));
        Assert.Equal("mine", File.ReadAllText(notes));
        // Without --overwrite the user's file still stops the next run.
        Assert.Throws<UserInputException>(() => OutputFolder.Claim(temp.Path, "eval", overwrite: false));
    }

    [Fact]
    public void A_failed_write_leaves_the_earlier_outputs_and_no_hidden_folder()
    {
        using var temp = new TempFolder();
        OutputFolder.Claim(temp.Path, "demo", overwrite: false).Publish(folder => File.WriteAllText(Path.Combine(folder, "index.html"), "first"));

        Assert.Throws<InvalidOperationException>(() => OutputFolder.Claim(temp.Path, "demo", overwrite: false).Publish(folder =>
        {
            File.WriteAllText(Path.Combine(folder, "index.html"), "half");
            throw new InvalidOperationException("stopped");
        }));

        Assert.Equal([OutputFolder.RecordFile, "index.html"],
            Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("first", File.ReadAllText(temp.Combine("index.html")));
    }

    [Fact]
    public void A_folder_written_before_records_is_recognised_by_the_job_and_kept_recorded()
    {
        using var temp = new TempFolder();
        temp.WriteText("model.json", "{}");
        temp.WriteText("training.log", "old");
        bool HasConfig(string folder) => File.Exists(Path.Combine(folder, "model.json"));

        OutputFolder.Claim(temp.Path, "train", overwrite: null, madeBeforeRecords: HasConfig).Record("model.json", "generator.pt");
        var again = OutputFolder.Claim(temp.Path, "train", overwrite: null);

        Assert.Contains("training.log", again.Earlier);
        var error = Assert.Throws<UserInputException>(() => OutputFolder.Claim(temp.Path, "demo", overwrite: null));
        Assert.EndsWith("choose another --out or an empty folder.", error.Message);
    }
}
