using System.CommandLine;
using TextInpaint.Cli;
using TextInpaint.Data.Pickle;
using TextInpaint.Imaging;
using TextInpaint.Tests.Data;

namespace TextInpaint.Tests.Cli.Commands;

public sealed class DataCommandTests : IDisposable
{
    private readonly TempFolder _root = new("flowers");

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Prints_the_detected_kind_split_sizes_and_caption_statistics()
    {
        foreach (var (key, caption) in new[] { ("k1", "a pink flower"), ("k2", "a yellow flower with wide petals"), ("k3", "green leaves") })
        {
            ImageFiles.SavePng(new RgbImage(8, 8), _root.File($"images/{key}.png"));
            _root.WriteText($"text/{key}.txt", caption + "\n");
        }
        PickleWriter.WriteStrings(_root.File("train/filenames.pickle"), ["k1", "k2"]);
        PickleWriter.WriteStrings(_root.File("test/filenames.pickle"), ["k3"]);
        var output = new StringWriter();

        int exit = CommandLine.Build().Parse(["data", "--data", _root.Path]).Invoke(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exit);
        Assert.Equal(
            """
            kind: flowers
            images: 2 train, 1 test
            classes: 1
            captions: 3, words per caption 2 to 6 (mean 3.7)
            vocabulary: 9 words
            sample: a pink flower
            sample: green leaves

            """.ReplaceLineEndings(), output.ToString());
    }

    [Fact]
    public async Task A_folder_that_is_not_a_data_set_exits_with_the_input_error_code_and_a_message()
    {
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["data", "--data", _root.Path, "--kind", "flowers"], error);

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Equal($"error: neither train/filenames.pickle nor train/filenames.txt in {_root.Path}.{Environment.NewLine}", error.ToString());
    }
}
