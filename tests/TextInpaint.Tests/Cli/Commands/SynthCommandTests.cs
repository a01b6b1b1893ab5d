using TextInpaint.Cli;
using TextInpaint.Data.SynthBirds;

namespace TextInpaint.Tests.Cli.Commands;

public sealed class SynthCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    // A folder that does not exist yet, inside the test's own temporary folder.
    private string folder => temp.Combine("out");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Synth_writes_a_complete_data_set_and_its_preview()
    {
        int exit = await CommandLine.RunAsync(["synth", "--out", folder, "--count", "4", "--size", "64", "--seed", "2"]);

        Assert.Equal(0, exit);
        var manifest = SynthBirdsManifest.TryLoad(folder);
        Assert.NotNull(manifest);
        Assert.Equal((4, 64, 2), (manifest.Count, manifest.Size, manifest.Seed));
        Assert.True(File.Exists(Path.Combine(folder, "preview.png")));
        Assert.True(File.Exists(Path.Combine(folder, "train", "filenames.pickle")));
    }

    [Fact]
    public async Task Synth_with_a_bad_size_exits_with_an_input_error_naming_the_size()
    {
        var error = new StringWriter();
        int exit = await CommandLine.RunAsync(["synth", "--out", folder, "--count", "4", "--size", "50"], error);
        Assert.Equal(CommandLine.InputError, exit);
        Assert.Contains("size", error.ToString());
        Assert.False(Directory.Exists(folder));
    }
}
