namespace TextInpaint.Tests;

public sealed class AtomicFileTests
{
    [Fact]
    public void A_file_is_replaced_whole_and_no_temporary_file_is_left()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("sub", "notes.txt");

        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second");

        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal(["notes.txt"], Directory.GetFiles(temp.Combine("sub")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_write_that_fails_halfway_leaves_the_old_file_and_no_temporary_file()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("weights.bin");
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write([9, 9, 9, 9]);
            throw new InvalidOperationException("the writer failed");
        }));

        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_path_whose_folder_cannot_be_made_is_an_input_error_naming_it()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("file"), "");
        var path = temp.Combine("file", "inside.txt");

        var error = Assert.Throws<UserInputException>(() => AtomicFile.WriteAllText(path, "x"));

        Assert.Contains(path, error.Message);
    }
}
