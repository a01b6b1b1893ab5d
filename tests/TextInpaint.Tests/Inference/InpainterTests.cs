using TextInpaint.Data.SynthBirds;
using TextInpaint.Imaging;
using TextInpaint.Inference;
using TextInpaint.Models.Mmfl;
using TextInpaint.Storage;
using TextInpaint.Tests.TestData;
using TorchSharp;

namespace TextInpaint.Tests.Inference;

[Collection(TorchCollection.Name)]
public sealed class InpainterTests(TinyModel tiny)
{
    private const string Caption = "this bird has a red crown and grey wings";

    /// <summary>A bird drawn at 64x64 and stretched to a wide, odd-sized picture.</summary>
    private static RgbImage WidePicture() => ImageOps.Resize(SynthBirdsGenerator.Generate(seed: 9, 3, 64).Rendered.Image, 151, 83);

    [Fact]
    public void Only_the_hole_pixels_of_an_image_of_any_size_change()
    {
        using var inpainter = Inpainter.Load(tiny.Folder);
        var image = WidePicture();
        var mask = Mask.Box(image.Width, image.Height, 90, 20, 30, 40);

        var result = inpainter.Inpaint(image, mask, Caption);

        Assert.Equal((151, 83), (result.Image.Width, result.Image.Height));
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
        Assert.Equal(new CropWindow(65, 0, 80), result.Window);
        Assert.Equal(inpainter.ImageSize, result.ModelOutput!.Width);
    }

    [Fact]
    public void A_model_whose_demand_reads_the_shown_match_is_given_the_whole_picture_so_a_part_outside_the_window_moves_the_demand()
    {
        using var temp = new TempFolder();
        tiny.CopyTo(temp);
        var folder = temp.Combine("model");
        var weights = Path.Combine(folder, MmflFolder.GeneratorFile);
        var config = MmflFolder.LoadConfig(folder);
        var reading = config with { Preset = config.Preset with { WordDemandReadsShownMatch = true } };
        using (var start = new MmflGenerator(config.Preset, config.UsesWordDemand))
        using (var generator = new MmflGenerator(reading.Preset, reading.UsesWordDemand))
        {
            ModelFiles.LoadStartingWeights(generator, start, weights);
            using (torch.no_grad())
                generator.named_parameters().Single(p => p.name == "wordDemand.shownMatchWeight.bias").parameter.fill_(0.5);
            ModelFiles.SaveWeights(generator, weights);
        }
        ModelFiles.SaveJson(reading, Path.Combine(folder, MmflFolder.ConfigFile));

        var image = WidePicture();
        var elsewhere = image.Clone();
        for (int y = 0; y < elsewhere.Height; y++)
            for (int x = 0; x < 50; x++)
                elsewhere[x, y] = (250, (byte)(5 * x), 0);
        var mask = Mask.Box(image.Width, image.Height, 110, 30, 20, 20);
        using var inpainter = Inpainter.Load(folder);
        using var plain = Inpainter.Load(tiny.Folder);
        double[] Demand(Inpainter model, RgbImage picture)
        {
            var result = model.Inpaint(picture, mask, Caption);
            Assert.True(result.Window!.X >= 50, "the change lies outside the window");
            return result.Words.Select(w => w.Demand!.Value).ToArray();
        }

        Assert.NotEqual(Demand(inpainter, image), Demand(inpainter, elsewhere));
        Assert.Equal(Demand(plain, image), Demand(plain, elsewhere));
    }

    [Fact]
    public void The_words_read_carry_demand_weights_and_attention_maps()
    {
        using var inpainter = Inpainter.Load(tiny.Folder);
        var image = WidePicture();

        var result = inpainter.Inpaint(image, Mask.Box(image.Width, image.Height, 40, 30, 20, 20), Caption);

        Assert.Equal(Caption.Split(' '), result.Words.Select(w => w.Word));
        // The tiny preset gives every word its own gate in (0, 1).
        Assert.All(result.Words, w => Assert.InRange(w.Demand!.Value, 1e-6, 1 - 1e-6));
        Assert.Equal(inpainter.Config.Preset.FusionSize, result.AttentionSide); // the regions' reading of the words
        Assert.All(result.Words, w => Assert.Equal(result.AttentionSide * result.AttentionSide, w.Attention!.Length));
        // At every position the attention over the words adds up to 1.
        for (int p = 0; p < result.AttentionSide * result.AttentionSide; p += 37)
            Assert.Equal(1.0, result.Words.Sum(w => w.Attention![p]), 3);
        var figure = ExplanationFigure.Render(result, Caption);
        Assert.True(figure.Height > 2 * 128);
    }

    [Fact]
    public void Results_are_repeatable_and_a_seed_draws_other_noise()
    {
        using var inpainter = Inpainter.Load(tiny.Folder);
        var image = WidePicture();
        var mask = Mask.Box(image.Width, image.Height, 40, 30, 30, 30);

        var first = inpainter.Inpaint(image, mask, Caption).Image.Pixels;
        var again = inpainter.Inpaint(image, mask, Caption).Image.Pixels;
        var seeded = inpainter.Inpaint(image, mask, Caption, seed: 5).Image.Pixels;
        var seededAgain = inpainter.Inpaint(image, mask, Caption, seed: 5).Image.Pixels;

        Assert.Equal(first, again);
        Assert.Equal(seeded, seededAgain);
        Assert.NotEqual(first, seeded);
    }

    [Fact]
    public void A_mask_without_a_hole_returns_the_image_unchanged_with_a_note()
    {
        using var inpainter = Inpainter.Load(tiny.Folder);
        var image = WidePicture();

        var result = inpainter.Inpaint(image, new Mask(image.Width, image.Height), Caption);

        Assert.Equal(image.Pixels, result.Image.Pixels);
        Assert.Null(result.Window);
        Assert.Contains(result.Notes, n => n.Contains("no hole"));
    }

    [Fact]
    public void A_mask_of_another_size_is_resized_and_an_all_hole_mask_is_filled_with_notes()
    {
        using var inpainter = Inpainter.Load(tiny.Folder);
        var image = WidePicture();
        var small = Mask.Box(50, 30, 10, 10, 10, 10);
        var whole = new Mask(image.Width, image.Height, Enumerable.Repeat(true, image.Width * image.Height).ToArray());

        var resized = inpainter.Inpaint(image, small, Caption);
        var filled = inpainter.Inpaint(image, whole, Caption);

        Assert.Contains(resized.Notes, n => n.Contains("resized"));
        Assert.Equal(image.Width, resized.Image.Width);
        Assert.Contains(filled.Notes, n => n.Contains("whole image is a hole"));
        Assert.NotEqual(image.Pixels, filled.Image.Pixels);
    }

    [Fact]
    public void Unknown_words_empty_and_long_captions_are_named_in_notes_and_a_huge_caption_is_refused()
    {
        using var inpainter = Inpainter.Load(tiny.Folder);
        var image = WidePicture();
        var mask = Mask.Box(image.Width, image.Height, 40, 30, 30, 30);
        var longCaption = string.Join(' ', Enumerable.Repeat("the bird has a red crown", 5));

        var unknown = inpainter.Inpaint(image, mask, "a zyzzyva with quetzal wings");
        var empty = inpainter.Inpaint(image, mask, "");
        var tooLong = inpainter.Inpaint(image, mask, longCaption);

        Assert.Contains(unknown.Notes, n => n.Contains("'zyzzyva'") && n.Contains("'quetzal'"));
        Assert.False(unknown.Words.Single(w => w.Word == "zyzzyva").Known);
        Assert.Contains(empty.Notes, n => n.Contains("empty"));
        Assert.Empty(empty.Words);
        Assert.Contains(tooLong.Notes, n => n.Contains("30 words") && n.Contains("16"));
        // Every word is listed, the 14 not read as dropped, without demand or attention.
        Assert.Equal(30, tooLong.Words.Count);
        Assert.Equal(16, tooLong.Words.Count(w => w.State != TextInpaint.Text.WordState.Dropped));
        Assert.All(tooLong.Words.Where(w => w.State == TextInpaint.Text.WordState.Dropped), w => Assert.True(w.Demand is null && w.Attention is null));
        var e = Assert.Throws<UserInputException>(() => inpainter.Inpaint(image, mask, new string('a', Inpainter.MaxCaptionCharacters + 1)));
        Assert.Contains("characters", e.Message);
    }

    [Fact]
    public void Fifty_inferences_leave_no_tensor_alive()
    {
        using var inpainter = Inpainter.Load(tiny.Folder);
        var image = SynthBirdsGenerator.Generate(seed: 9, 4, 32).Rendered.Image;
        var mask = Mask.Box(32, 32, 8, 8, 16, 16);
        inpainter.Inpaint(image, mask, Caption);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (int i = 0; i < 50; i++)
            inpainter.Inpaint(image, mask, Caption, seed: i % 3 == 0 ? i : null);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Concurrent_calls_give_the_results_of_sequential_ones()
    {
        using var inpainter = Inpainter.Load(tiny.Folder);
        var images = Enumerable.Range(0, 6).Select(i => SynthBirdsGenerator.Generate(seed: 9, i, 32).Rendered.Image).ToArray();
        var mask = Mask.Box(32, 32, 8, 8, 16, 16);
        var sequential = images.Select(im => inpainter.Inpaint(im, mask, Caption).Image.Pixels).ToArray();

        var concurrent = new byte[images.Length][];
        Parallel.For(0, images.Length, new ParallelOptions { MaxDegreeOfParallelism = 3 },
            i => concurrent[i] = inpainter.Inpaint(images[i], mask, Caption).Image.Pixels);

        Assert.Equal(sequential, concurrent);
    }

    [Fact]
    public void A_model_folder_missing_its_generator_is_named_in_the_error()
    {
        using var temp = new TempFolder();
        foreach (var file in Directory.GetFiles(tiny.Folder))
            File.Copy(file, Path.Combine(temp.Path, Path.GetFileName(file)));
        var damsm = Path.Combine(tiny.Folder, "damsm");
        Directory.CreateDirectory(temp.Combine("damsm"));
        foreach (var file in Directory.GetFiles(damsm))
            File.Copy(file, temp.Combine("damsm", Path.GetFileName(file)));
        File.Delete(temp.Combine("generator.pt"));

        var e = Assert.Throws<UserInputException>(() => Inpainter.Load(temp.Path));

        Assert.Contains("generator.pt", e.Message);
    }
}
