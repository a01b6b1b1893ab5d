using TextInpaint.Data.Masks;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation;
using TextInpaint.Imaging;
using TextInpaint.Inference;
using TextInpaint.Tests.TestData;
using TorchSharp;

namespace TextInpaint.Tests.Inference;

/// <summary>Fills through a detail model folder: the window at the detail side, the base on it at its own side, the words from the base.</summary>
[Collection(TorchCollection.Name)]
public sealed class DetailInpainterTests(TinyDetailModel tiny) : IClassFixture<TinyDetailModel>
{
    private const string Caption = "this bird has a red crown and grey wings";

    /// <summary>A bird drawn at 64x64 and stretched to 300x200.</summary>
    private static RgbImage Picture() => ImageOps.Resize(SynthBirdsGenerator.Generate(seed: 9, 3, 64).Rendered.Image, 300, 200);

    [Fact]
    public void A_detail_model_fills_only_the_hole_of_an_image_through_a_window_at_its_own_side()
    {
        using var inpainter = Inpainter.Load(tiny.Folder);
        var image = Picture();
        var mask = Mask.Box(image.Width, image.Height, 150, 40, 90, 70);

        var result = inpainter.Inpaint(image, mask, Caption);

        Assert.Equal(TinyDetailModel.Side, inpainter.ImageSize);
        Assert.Equal((300, 200), (result.Image.Width, result.Image.Height));
        Assert.Equal(new CropWindow(105, 0, 180), result.Window);
        Assert.Equal((TinyDetailModel.Side, TinyDetailModel.Side), (result.ModelInput!.Width, result.ModelOutput!.Width));
        int changedInHole = 0;
        for (int i = 0; i < mask.Hole.Length; i++)
        {
            var before = image.Pixels.AsSpan(3 * i, 3);
            var after = result.Image.Pixels.AsSpan(3 * i, 3);
            if (!mask.Hole[i])
                Assert.True(before.SequenceEqual(after), $"pixel {i} outside the hole changed");
            else if (!before.SequenceEqual(after))
                changedInHole++;
        }
        Assert.True(changedInHole > mask.Hole.Count(h => h) / 2, $"only {changedInHole} hole pixels changed");
    }

    [Fact]
    public void The_words_are_the_bases_own_on_a_window_of_the_detail_side()
    {
        using var detail = Inpainter.Load(tiny.Folder);
        using var baseAlone = Inpainter.Load(Path.Combine(tiny.Folder, "base"));
        var image = Picture();
        // A 64x64 hole: its window is 128x128, the detail side, so the base sees the same pixels either way.
        var mask = Mask.Box(image.Width, image.Height, 100, 60, 64, 64);

        var throughDetail = detail.Inpaint(image, mask, Caption);
        var alone = baseAlone.Inpaint(image, mask, Caption);

        Assert.Equal(128, throughDetail.Window!.Side);
        Assert.Equal(baseAlone.Config, detail.Config);
        Assert.Equal(alone.AttentionSide, throughDetail.AttentionSide);
        Assert.Equal(alone.Words.Select(w => w.Demand), throughDetail.Words.Select(w => w.Demand));
        Assert.Equal(alone.Words.Select(w => w.Attention), throughDetail.Words.Select(w => w.Attention));
        Assert.NotEqual(alone.Image.Pixels, throughDetail.Image.Pixels);
    }

    [Fact]
    public void Fifty_fills_through_a_detail_model_leave_no_tensor_alive()
    {
        using var inpainter = Inpainter.Load(tiny.Folder);
        var image = Picture();
        var mask = Mask.Box(image.Width, image.Height, 40, 30, 50, 60);
        inpainter.Inpaint(image, mask, Caption);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (int i = 0; i < 50; i++)
            inpainter.Inpaint(image, mask, Caption, seed: i % 3 == 0 ? i : null);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Eval_fills_through_a_detail_model_and_reports_its_own_training_steps()
    {
        using var temp = new TempFolder();

        var result = InpaintingEvaluation.Run(new InpaintingEvalOptions(tiny.Folder, tiny.Base.Data, Output: temp.Combine("eval"), Mask: MaskKind.Box,
            Limit: 4, BatchSize: 2, Size: 128, Methods: [EvalMethods.TrueCaption], Compare: [new ComparedModel("base", tiny.Base.Folder)], Features: false));

        Assert.Equal(9, result.TrainingStep);
        Assert.Equal(new[] { EvalMethods.TrueCaption, "base" }, result.Methods.Select(m => m.Method));
        Assert.All(result.Methods, m => Assert.Equal(4, m.Quality.Images));
        Assert.NotEqual(result.Methods[0].Quality, result.Methods[1].Quality);
    }
}
