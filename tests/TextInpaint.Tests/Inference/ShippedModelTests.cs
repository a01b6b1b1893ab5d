using TextInpaint.Cli;
using TextInpaint.Evaluation.Metrics;
using TextInpaint.Inference;

namespace TextInpaint.Tests.Inference;

/// <summary>
/// The shipped model on fixed birds: what `demo` and the README's figures rest on. The expected
/// figures were measured once with the shipped weights; a change to the model's path through
/// the code that alters any output changes them.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ShippedModelTests
{
    [Fact]
    public void The_shipped_model_fills_twenty_fixed_birds_at_256_with_the_measured_colours()
    {
        using var temp = new TempFolder();

        var result = Demo.Run(new DemoOptions(DefaultModel.Folder(), temp.Combine("demo"), Birds: 20, Shown: 2));
        var refused = Assert.Throws<UserInputException>(() => Demo.Run(new DemoOptions(DefaultModel.Folder(), temp.Combine("other"), Size: 50)));

        // The birds are the page's size; each fill goes through the window a fill cuts.
        Assert.Equal((256, 256), (result.Cases[0].TrueResult.Width, result.Cases[0].TrueResult.Height));
        Assert.Contains("--size 50", refused.Message);
        Assert.False(Directory.Exists(temp.Combine("other")));

        Assert.Equal((35, 38), (result.Consistency.Agreements, result.Consistency.Judgments));
        Assert.Equal((17, 20), (result.Controllability.Agreements, result.Controllability.Judgments));
        // The first bird with its own caption, the second with the edited one: hole PSNR in dB.
        Assert.Equal(21.0926, ImageQuality.Measure(result.Cases[0].Truth, result.Cases[0].TrueResult, result.Cases[0].Hole).HolePsnr, tolerance: 1e-3);
        Assert.Equal(12.0860, ImageQuality.Measure(result.Cases[1].Truth, result.Cases[1].EditedResult, result.Cases[1].Hole).HolePsnr, tolerance: 1e-3);
    }
}
