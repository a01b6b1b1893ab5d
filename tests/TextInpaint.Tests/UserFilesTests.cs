using System.Diagnostics;

namespace TextInpaint.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UserFilesTests
{
    internal static void Fifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public void A_link_loop_is_refused_in_one_line_naming_the_path()
    {
        using var temp = new TempFolder();
        File.CreateSymbolicLink(temp.Combine("a.png"), temp.Combine("b.png"));
        File.CreateSymbolicLink(temp.Combine("b.png"), temp.Combine("a.png"));

        var error = Assert.Throws<UserInputException>(() => UserFiles.ReadAllBytes(temp.Combine("a.png"), 100, "image file"));

        Assert.StartsWith($"{temp.Combine("a.png")}: a link that cannot be followed to a file (", error.Message);
    }

    [Fact]
    public void A_fifo_a_device_behind_a_link_and_a_folder_are_refused_without_being_opened()
    {
        using var temp = new TempFolder();
        Fifo(temp.Combine("pipe.png"));
        File.CreateSymbolicLink(temp.Combine("zero.png"), "/dev/zero");
        Directory.CreateDirectory(temp.Combine("folder.png"));

        Assert.Contains("not a regular file", Assert.Throws<UserInputException>(() => UserFiles.ReadAllBytes(temp.Combine("pipe.png"), 100)).Message);
        Assert.Contains("not a regular file", Assert.Throws<UserInputException>(() => UserFiles.ReadAllBytes(temp.Combine("zero.png"), 100)).Message);
        Assert.EndsWith("is a folder, not an image file.",
            Assert.Throws<UserInputException>(() => UserFiles.ReadAllBytes(temp.Combine("folder.png"), 100, "image file")).Message);
        Assert.Contains("no such", Assert.Throws<UserInputException>(() => UserFiles.ReadAllBytes(temp.Combine("absent.png"), 100)).Message);
    }

    [Fact]
    public void A_json_file_saved_with_a_utf8_byte_order_mark_reads_without_it()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.Combine("model.json"), [0xEF, 0xBB, 0xBF, .. "{\"version\": 1}"u8]);

        Assert.Equal("{\"version\": 1}", UserFiles.ReadAllText(temp.Combine("model.json"), "JSON file"));
    }

    [Fact]
    public void A_file_larger_than_allowed_is_refused_with_its_size()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.Combine("big.txt"), new byte[101]);

        var error = Assert.Throws<UserInputException>(() => UserFiles.ReadAllBytes(temp.Combine("big.txt"), 100, "manifest file"));

        Assert.EndsWith("101 bytes, more than the 100 a manifest file may have.", error.Message);
        Assert.Equal(100, UserFiles.ReadAllBytes(temp.Combine("big.txt"), 101).Length - 1);
    }

    [Fact]
    public void An_output_that_is_an_input_through_a_link_or_a_linked_folder_is_refused()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("victim.png"), "x");
        File.CreateSymbolicLink(temp.Combine("vlink.png"), temp.Combine("victim.png"));
        Directory.CreateSymbolicLink(temp.Combine("linked"), temp.Path);

        Assert.Contains("is the input",
            Assert.Throws<UserInputException>(() => UserFiles.CheckOutputs([temp.Combine("victim.png")], [temp.Combine("vlink.png")])).Message);
        Assert.Contains("is the input",
            Assert.Throws<UserInputException>(() => UserFiles.CheckOutputs([temp.Combine("linked", "victim.png")], [temp.Combine("victim.png")])).Message);
        Assert.Contains("is an input",
            Assert.Throws<UserInputException>(() => UserFiles.CheckOutputs([temp.Combine("victim.png")], [temp.Combine("victim.png")])).Message);
        UserFiles.CheckOutputs([temp.Combine("new.png"), temp.Combine("linked", "other", "new.png")], [temp.Combine("vlink.png")]);
    }

    [Fact]
    public void Two_outputs_of_one_job_and_read_only_files_are_refused()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("ro.png"), "x");
        File.SetUnixFileMode(temp.Combine("ro.png"), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Assert.Contains("two rows",
            Assert.Throws<UserInputException>(() => UserFiles.CheckOutputs([temp.Combine("a.png"), temp.Combine("a.png")], [])).Message);
        Assert.Contains("read-only", Assert.Throws<UserInputException>(() => UserFiles.CheckOutputs([temp.Combine("ro.png")], [])).Message);
        Assert.Equal("x", File.ReadAllText(temp.Combine("ro.png")));
    }

    [Fact]
    public void An_output_folder_is_refused_when_it_is_a_file_or_a_link_to_one_and_nothing_is_made()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("file"), "kept");
        File.CreateSymbolicLink(temp.Combine("link"), temp.Combine("file"));

        UserFiles.RequireOutputFolder(temp.Combine("new/run"));

        Assert.False(Directory.Exists(temp.Combine("new")));
        Assert.Contains("is a file, so the folder cannot be made",
            Assert.Throws<UserInputException>(() => UserFiles.RequireOutputFolder(temp.Combine("file/run"))).Message);
        Assert.EndsWith("is a file; --out names a folder.",
            Assert.Throws<UserInputException>(() => UserFiles.RequireOutputFolder(temp.Combine("file"))).Message);
        Assert.EndsWith("is a file; --out names a folder.",
            Assert.Throws<UserInputException>(() => UserFiles.RequireOutputFolder(temp.Combine("link"))).Message);
        Assert.Equal("kept", File.ReadAllText(temp.Combine("file")));
    }
}
