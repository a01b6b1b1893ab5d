using TextInpaint.Cli;
using TextInpaint.Evaluation.Metrics;
using TextInpaint.Inference;
using TextInpaint.Storage;

namespace TextInpaint.Tests.Inference;

/// <summary>
/// The shipped models on fixed birds: what `demo` and the README's figures rest on. The expected
/// figures were measured once with the shipped weights; a change to a model's path through
/// the code that alters any output changes them.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ShippedModelTests
{
    [Theory]
    // The default: the detail stage painting at 256x256 over the 64x64 model.
    [InlineData(DefaultModel.RelativePath, 35, 17, 21.0312, 12.0636)]
    // The 64x64 model alone (`--model models/synthbirds64`).
    [InlineData(DefaultModel.BaseRelativePath, 35, 17, 21.0926, 12.0860)]
    public void A_shipped_model_fills_twenty_fixed_birds_at_256_with_the_measured_colours(
        string model, int consistent, int edited, double firstHolePsnr, double secondHolePsnr)
    {
        using var temp = new TempFolder();
        var folder = DefaultModel.Locate(model);

        var result = Demo.Run(new DemoOptions(folder, temp.Combine("demo"), Birds: 20, Shown: 2));
        var refused = Assert.Throws<UserInputException>(() => Demo.Run(new DemoOptions(folder, temp.Combine("other"), Size: 50)));

        // The birds are the page's size; each fill goes through the window a fill cuts.
        Assert.Equal((256, 256), (result.Cases[0].TrueResult.Width, result.Cases[0].TrueResult.Height));
        Assert.Contains("--size 50", refused.Message);
        Assert.False(Directory.Exists(temp.Combine("other")));

        Assert.Equal((consistent, 38), (result.Consistency.Agreements, result.Consistency.Judgments));
        Assert.Equal((edited, 20), (result.Controllability.Agreements, result.Controllability.Judgments));
        // The first bird with its own caption, the second with the edited one: hole PSNR in dB.
        Assert.Equal(firstHolePsnr, ImageQuality.Measure(result.Cases[0].Truth, result.Cases[0].TrueResult, result.Cases[0].Hole).HolePsnr, tolerance: 1e-3);
        Assert.Equal(secondHolePsnr, ImageQuality.Measure(result.Cases[1].Truth, result.Cases[1].EditedResult, result.Cases[1].Hole).HolePsnr, tolerance: 1e-3);
    }

    [Fact]
    public void The_default_model_paints_over_the_shipped_64x64_model_as_it_is()
    {
        var copy = Path.Combine(DefaultModel.Locate(DefaultModel.RelativePath), DetailFolder.BaseSubfolder);
        var alone = DefaultModel.Locate(DefaultModel.BaseRelativePath);

        var files = Directory.GetFiles(copy, "*", SearchOption.AllDirectories);

        Assert.Contains(Path.Combine(copy, "generator.pt"), files);
        foreach (var file in files)
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(alone, Path.GetRelativePath(copy, file)))),
                $"{Path.GetRelativePath(copy, file)} differs between {copy} and {alone}");
    }
}
