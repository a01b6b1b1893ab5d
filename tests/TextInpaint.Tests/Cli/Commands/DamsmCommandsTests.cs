using TextInpaint.Cli;
using TextInpaint.Tests.TestData;

namespace TextInpaint.Tests.Cli.Commands;

[Collection(TorchCollection.Name)]
public sealed class DamsmCommandsTests
{
    [Fact]
    public async Task Train_damsm_then_eval_damsm_write_encoders_a_report_and_a_word_attention_figure()
    {
        using var temp = new TempFolder();
        ToyColourSquares.Write(temp.Combine("data"), trainCount: 16, testCount: 8);
        var model = temp.Combine("damsm");

        int trained = await CommandLine.RunAsync(["train-damsm", "--data", temp.Combine("data"), "--out", model,
            "--size", "32", "--batch-size", "8", "--epochs", "1"]);
        int evaluated = await CommandLine.RunAsync(["eval-damsm", "--model", model, "--data", temp.Combine("data"), "--draws", "2"]);

        Assert.Equal(0, trained);
        Assert.Equal(0, evaluated);
        foreach (var file in new[] { "damsm.json", "vocabulary.json", "text_encoder.pt", "image_encoder.pt", "metrics.csv", "loss-curves.png" })
            Assert.True(File.Exists(Path.Combine(model, file)), $"{file} is missing");
        Assert.Contains("R-precision", File.ReadAllText(Path.Combine(model, "eval", "damsm-eval.md")));
        var figure = TextInpaint.Imaging.ImageFiles.Load(Path.Combine(model, "eval", "word-attention.png"));
        Assert.True(figure.Height > 6 * 32);
    }

    [Theory]
    [InlineData(new[] { "--input-size", "160" }, "--input-size 160: only the resnet18 image encoder resizes its images.")]
    [InlineData(new[] { "--image-encoder", "vgg16" }, "--image-encoder 'vgg16': unknown image encoder; expected one of scratch, resnet18.")]
    [InlineData(new[] { "--preset", "paper", "--image-encoder", "resnet18", "--input-size", "100" }, "--input-size 100: must be a multiple of 16")]
    public async Task Train_damsm_refuses_an_image_encoder_it_cannot_build_before_writing_anything(string[] options, string expected)
    {
        using var temp = new TempFolder();
        ToyColourSquares.Write(temp.Combine("data"), trainCount: 4, testCount: 2);
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["train-damsm", "--data", temp.Combine("data"), "--out", temp.Combine("damsm"), .. options], error);

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Contains(expected, error.ToString());
        Assert.False(Directory.Exists(temp.Combine("damsm")));
    }

    [Fact]
    public async Task Eval_damsm_on_a_missing_model_folder_names_it_and_exits_with_an_input_error()
    {
        using var temp = new TempFolder();
        ToyColourSquares.Write(temp.Combine("data"), trainCount: 4, testCount: 2);
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["eval-damsm", "--model", temp.Combine("nothing"), "--data", temp.Combine("data")], error);

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Contains(temp.Combine("nothing"), error.ToString());
    }
}
