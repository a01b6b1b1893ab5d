using TextInpaint.Data;
using TextInpaint.Data.Batching;
using TextInpaint.Data.Masks;
using TextInpaint.Imaging;
using TextInpaint.Runtime;
using TextInpaint.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Data.Batching;

[Collection(TorchCollection.Name)]
public sealed class InpaintingDatasetTests : IDisposable
{
    private const int Size = 16;
    private static readonly string[] Colours = ["red", "blue", "green", "yellow", "black", "white"];

    private readonly string root = Directory.CreateTempSubdirectory("inpainting-dataset-tests-").FullName;
    private readonly CaptionedDataset data;
    private readonly CaptionEncoder encoder;

    public InpaintingDatasetTests()
    {
        TorchRuntime.Initialize();
        var entries = new List<DatasetEntry>();
        for (int i = 0; i < 6; i++)
        {
            var key = $"bird_{i}";
            var path = Path.Combine(root, "images", key + ".png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            ImageFiles.SavePng(MakeImage(i), path);
            var captions = new[]
            {
                $"a {Colours[i]} bird with a short beak",
                $"this bird is {Colours[(i + 1) % Colours.Length]} and small",
            };
            File.WriteAllLines(Path.Combine(root, "images", key + ".txt"), captions);
            entries.Add(new DatasetEntry(key, path, File.ReadAllLines(Path.Combine(root, "images", key + ".txt")), ClassId: i % 3 + 1));
        }
        data = new CaptionedDataset(root, "folder", Split.Train, entries);
        encoder = new CaptionEncoder(Vocabulary.Build(entries.SelectMany(e => e.Captions)));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_batch_has_the_documented_shapes_types_and_ranges_in_the_order_asked()
    {
        using var scope = NewDisposeScope();
        var dataset = Create(new InpaintingDatasetOptions(Size, MaskKind.FreeForm));

        var batch = dataset.Batch([2, 0, 1], CPU);

        Assert.Equal(new long[] { 3, 3, Size, Size }, batch.Images.shape);
        Assert.Equal(ScalarType.Float32, batch.Images.dtype);
        Assert.InRange(batch.Images.min().ToSingle(), -1f, 1f);
        Assert.InRange(batch.Images.max().ToSingle(), -1f, 1f);
        Assert.Equal(new long[] { 3, 1, Size, Size }, batch.Masks.shape);
        Assert.Equal(ScalarType.Float32, batch.Masks.dtype);
        Assert.Equal(0, (batch.Masks * (1 - batch.Masks)).abs().sum().ToSingle());
        Assert.Equal(new long[] { 3, CaptionEncoder.MaxWords }, batch.Captions.shape);
        Assert.Equal(ScalarType.Int64, batch.Captions.dtype);
        Assert.Equal(new long[] { 3 }, batch.CaptionLengths.shape);
        Assert.Equal(ScalarType.Int64, batch.CaptionLengths.dtype);
        Assert.Equal(new long[] { 3, 1, 2 }, batch.ClassIds.data<long>().ToArray());
        Assert.Equal(dataset.GetSample(2).Image.Pixels, TensorImages.ToImage(batch.Images[0]).Pixels);
    }

    [Fact]
    public void Centre_masks_are_one_exactly_on_the_centre_box_and_the_image_is_unchanged_without_augmentation()
    {
        using var scope = NewDisposeScope();
        var dataset = Create(new InpaintingDatasetOptions(Size, MaskKind.Centre) { Augmentation = AugmentationOptions.None });

        var batch = dataset.Batch([1], CPU);
        var mask = batch.Masks[0];

        Assert.Equal(1f, mask[0, 4..12, 4..12].min().ToSingle());
        Assert.Equal(64f, mask.sum().ToSingle());
        Assert.Equal(data.LoadImage(data.Entries[1], Size).Pixels, TensorImages.ToImage(batch.Images[0]).Pixels);
    }

    [Fact]
    public void Captioned_images_are_the_inpainting_samples_with_centre_holes_without_their_holes()
    {
        // DAMSM pre-training reads CaptionedImageDataset: the same draws as before it had its own type.
        using var scope = NewDisposeScope();
        var inpainting = Create(new InpaintingDatasetOptions(Size, MaskKind.Centre, Seed: 5));
        var captioned = new CaptionedImageDataset(data, encoder, new CaptionedImageOptions(Size, Seed: 5));
        for (int epoch = 0; epoch < 3; epoch++)
        {
            inpainting.Epoch = captioned.Epoch = epoch;
            for (int i = 0; i < data.Count; i++)
            {
                var a = inpainting.GetSample(i);
                var b = captioned.GetSample(i);
                Assert.Equal(a.Image.Pixels, b.Image.Pixels);
                Assert.Equal(a.Caption.Ids, b.Caption.Ids);
                Assert.Equal(a.Flipped, b.Flipped);
            }
        }
        var batch = captioned.Batch([0, 1], CPU);
        Assert.Equal(new long[] { 2, 3, Size, Size }, batch.Images.shape);
    }

    [Fact]
    public void With_a_source_size_a_sample_is_the_window_a_fill_cuts_around_a_hole_drawn_at_that_size()
    {
        const int source = 64;
        var windowed = Create(new InpaintingDatasetOptions(Size, MaskKind.Box, Seed: 3) { Augmentation = AugmentationOptions.None, SourceSize = source });
        var whole = Create(new InpaintingDatasetOptions(source, MaskKind.Box, Seed: 3) { Augmentation = AugmentationOptions.None });
        for (int i = 0; i < data.Count; i++)
        {
            var full = whole.GetSample(i);
            var sample = windowed.GetSample(i);
            var window = ModelWindow.Around(full.Mask, Size)!;

            Assert.Equal(Size, sample.Image.Width);
            Assert.Equal(window.Hole(full.Mask).Hole, sample.Mask.Hole);
            Assert.Equal(window.TrainingPair(full.Image, full.Mask).Target.Pixels, sample.Image.Pixels);
            Assert.Equal(full.Caption.Ids, sample.Caption.Ids);
            // Outside the hole the sample is exactly what Inpainter gives the model.
            var input = window.Input(full.Image, full.Mask);
            for (int p = 0; p < Size * Size; p++)
                if (!sample.Mask.Hole[p])
                    Assert.Equal(input.Pixels.AsSpan(3 * p, 3).ToArray(), sample.Image.Pixels.AsSpan(3 * p, 3).ToArray());
        }
    }

    [Fact]
    public void With_a_picture_size_each_window_comes_with_its_whole_picture_and_the_batch_stacks_them()
    {
        const int source = 64, pictureSize = 16;
        var options = new InpaintingDatasetOptions(Size, MaskKind.Box, Seed: 3) { Augmentation = AugmentationOptions.None, SourceSize = source };
        var windowed = Create(options with { PictureSize = pictureSize });
        var whole = Create(new InpaintingDatasetOptions(source, MaskKind.Box, Seed: 3) { Augmentation = AugmentationOptions.None });
        for (int i = 0; i < data.Count; i++)
        {
            var full = whole.GetSample(i);
            var expected = ModelWindow.Picture(full.Image, full.Mask, pictureSize, truth: true);
            var picture = windowed.GetSample(i).Picture!;
            Assert.Equal(expected.Image.Pixels, picture.Image.Pixels);
            Assert.Equal(expected.Hole.Hole, picture.Hole.Hole);
        }
        Assert.Null(Create(options).GetSample(0).Picture);
        Assert.Throws<ArgumentException>(() => Create(new InpaintingDatasetOptions(Size) { PictureSize = pictureSize }));

        using var scope = torch.NewDisposeScope();
        var batch = windowed.Batch([0, 1], CPU);
        Assert.Equal(new long[] { 2, 3, pictureSize, pictureSize }, batch.Pictures!.shape);
        Assert.Equal(new long[] { 2, 1, pictureSize, pictureSize }, batch.PictureHoles!.shape);
        Assert.Null(Create(options).Batch([0, 1], CPU).Pictures);
    }

    [Fact]
    public void A_horizontal_flip_mirrors_image_and_mask_together()
    {
        var flipping = Create(new InpaintingDatasetOptions(Size, MaskKind.Box, Seed: 4) { Augmentation = new(HorizontalFlip: true) });
        var plain = Create(new InpaintingDatasetOptions(Size, MaskKind.Box, Seed: 4) { Augmentation = AugmentationOptions.None });
        int flipped = 0;
        for (int epoch = 0; epoch < 3; epoch++)
        {
            flipping.Epoch = plain.Epoch = epoch;
            for (int i = 0; i < data.Count; i++)
            {
                var a = flipping.GetSample(i);
                var b = plain.GetSample(i);
                Assert.False(b.Flipped);
                Assert.Equal(a.Flipped ? Mirror(b.Image).Pixels : b.Image.Pixels, a.Image.Pixels);
                Assert.Equal(a.Flipped ? Mirror(b.Mask).Hole : b.Mask.Hole, a.Mask.Hole);
                flipped += a.Flipped ? 1 : 0;
            }
        }
        Assert.InRange(flipped, 1, 3 * data.Count - 1);
    }

    [Fact]
    public void A_random_crop_cuts_a_square_of_the_size_from_the_image_loaded_at_76_64_of_it()
    {
        var cropping = Create(new InpaintingDatasetOptions(Size, Seed: 5) { Augmentation = new(HorizontalFlip: false, RandomCrop: true) });
        int source = AugmentationOptions.CropSourceSize(Size);
        Assert.Equal(19, source);
        var offsets = new HashSet<(int X, int Y)>();
        for (int epoch = 0; epoch < 3; epoch++)
        {
            cropping.Epoch = epoch;
            for (int i = 0; i < data.Count; i++)
            {
                var sample = cropping.GetSample(i);
                var whole = data.LoadImage(data.Entries[i], source);
                var matches = (from x in Enumerable.Range(0, source - Size + 1)
                               from y in Enumerable.Range(0, source - Size + 1)
                               where ImageOps.Crop(whole, x, y, Size, Size).Pixels.SequenceEqual(sample.Image.Pixels)
                               select (x, y)).ToList();
                Assert.Equal((Size, Size), (sample.Image.Width, sample.Image.Height));
                offsets.Add(Assert.Single(matches));
            }
        }
        Assert.True(offsets.Count > 3, $"only {offsets.Count} crop offsets in {3 * data.Count} samples");
    }

    [Theory]
    [InlineData(MaskKind.Object, 0)]
    [InlineData(MaskKind.Centre, 0.5)]
    public void A_random_crop_is_refused_with_object_holes_or_caption_edits(MaskKind mask, double edits)
    {
        var options = new InpaintingDatasetOptions(Size, mask) { Augmentation = new(RandomCrop: true), CaptionEditProbability = edits };

        var error = Assert.Throws<ArgumentException>(() => Create(options));

        Assert.Contains("random crop", error.Message);
    }

    [Fact]
    public void A_sample_depends_only_on_seed_epoch_and_index_and_changes_with_the_epoch()
    {
        var options = new InpaintingDatasetOptions(Size, MaskKind.FreeForm, Seed: 7);
        var forwards = Create(options);
        var backwards = Create(options with { CacheImages = false });
        var firstEpoch = Enumerable.Range(0, data.Count).Select(forwards.GetSample).ToArray();
        var reversed = Enumerable.Range(0, data.Count).Reverse().Select(backwards.GetSample).Reverse().ToArray();
        forwards.Epoch = 1;
        var secondEpoch = Enumerable.Range(0, data.Count).Select(forwards.GetSample).ToArray();

        for (int i = 0; i < data.Count; i++)
        {
            Assert.Equal(firstEpoch[i].Image.Pixels, reversed[i].Image.Pixels);
            Assert.Equal(firstEpoch[i].Mask.Hole, reversed[i].Mask.Hole);
            Assert.Equal(firstEpoch[i].Caption.Ids, reversed[i].Caption.Ids);
        }
        Assert.All(Enumerable.Range(0, data.Count), i => Assert.NotEqual(firstEpoch[i].Mask.Hole, secondEpoch[i].Mask.Hole));
    }

    [Fact]
    public void Caption_ids_decode_to_the_words_of_one_of_the_images_captions()
    {
        using var scope = NewDisposeScope();
        var dataset = Create(new InpaintingDatasetOptions(Size));
        var drawn = new HashSet<string>();
        for (int epoch = 0; epoch < 8; epoch++)
        {
            dataset.Epoch = epoch;
            for (int i = 0; i < data.Count; i++)
            {
                var batch = dataset.Batch([i], CPU);
                int length = (int)batch.CaptionLengths[0].ToInt64();
                var ids = batch.Captions[0].data<long>().ToArray();
                var words = string.Join(' ', encoder.Decode(ids, length));

                Assert.Contains(words, data.Entries[i].Captions.Select(c => string.Join(' ', Tokenizer.Tokenize(c))));
                Assert.All(ids[length..], id => Assert.Equal(0, id));
                drawn.Add(words);
            }
        }
        Assert.True(drawn.Count > data.Count, "captions should be drawn from all of an image's captions");
    }

    [Fact]
    public void Live_tensor_count_stays_flat_over_many_batches()
    {
        var dataset = Create(new InpaintingDatasetOptions(Size, MaskKind.FreeForm));
        var counts = new List<long>();
        for (int epoch = 0; epoch < 20; epoch++)
        {
            dataset.Epoch = epoch;
            for (int start = 0; start < data.Count; start += 4)
            {
                using var step = NewDisposeScope();
                var batch = dataset.Batch(Enumerable.Range(start, Math.Min(4, data.Count - start)), CPU);
                _ = (batch.Images * (1 - batch.Masks)).sum().ToSingle();
            }
            counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }

        Assert.Equal(counts[1], counts[^1]);
    }

    [Fact]
    public void Cached_images_are_not_decoded_again_in_later_epochs()
    {
        var cached = Create(new InpaintingDatasetOptions(Size));
        var uncached = Create(new InpaintingDatasetOptions(Size, CacheImages: false));
        var first = Enumerable.Range(0, data.Count).Select(cached.GetSample).ToArray();
        _ = uncached.GetSample(0);
        File.Delete(data.Entries[0].ImagePath);
        cached.Epoch = uncached.Epoch = 1;

        Assert.Equal(first[0].Image.Pixels.Length, cached.GetSample(0).Image.Pixels.Length);
        var error = Assert.Throws<UserInputException>(() => uncached.GetSample(0));
        Assert.Contains(data.Entries[0].ImagePath, error.Message);
    }

    [Fact]
    public void Object_masks_follow_the_part_labels_and_flip_with_the_image()
    {
        // Part labels for bird_0 only: the object fills columns 0-9 of rows 4-11 of the 20x16 image,
        // which after the centre crop to 16x16 (columns 2-17) are columns 0-7.
        var parts = new RgbImage(20, 16);
        for (int y = 4; y < 12; y++)
            for (int x = 0; x < 10; x++)
                parts[x, y] = ((byte)(1 + x % 3), 0, 0);
        ImageFiles.SavePng(parts, DatasetLayout.PartsFile(root, "bird_0"));
        var dataset = Create(new InpaintingDatasetOptions(Size, MaskKind.Object) { Augmentation = new(HorizontalFlip: true) });
        var region = Mask.Box(Size, Size, 0, 4, 8, 8);
        bool sawFlipped = false, sawUnflipped = false;

        for (int epoch = 0; epoch < 10; epoch++)
        {
            dataset.Epoch = epoch;
            var sample = dataset.GetSample(0);
            var expected = sample.Flipped ? Mirror(region) : region;
            Assert.All(Enumerable.Range(0, expected.Hole.Length), i => Assert.True(!expected.Hole[i] || sample.Mask.Hole[i]));
            Assert.Equal(Mirror(sample.Mask).Hole.Count(h => h), sample.Mask.Hole.Count(h => h));
            Assert.InRange(sample.Mask.Hole.Count(h => h), 64 + 1, (8 + 2) * (8 + 2 * MaskGenerator.ObjectMargin(Size)));
            Assert.Equal(sample.Flipped, sample.Mask[Size - 1, 8]);
            sawFlipped |= sample.Flipped;
            sawUnflipped |= !sample.Flipped;
            Assert.Equal(MaskGenerator.Centre(Size).Hole, dataset.GetSample(1).Mask.Hole);
        }
        Assert.True(sawFlipped && sawUnflipped);
    }

    [Fact]
    public void Caption_edits_change_a_synthbirds_caption_and_only_hole_pixels_of_the_image()
    {
        using var folder = new TempFolder();
        TextInpaint.Data.SynthBirds.SynthBirdsWriter.Write(
            new TextInpaint.Data.SynthBirds.SynthBirdsOptions(folder.Combine("birds"), Count: 16, Size: 32, Seed: 3), null, CancellationToken.None);
        var birds = DatasetLoader.Open(folder.Combine("birds"), Split.Train);
        var vocabulary = new CaptionEncoder(Vocabulary.Build(birds.Entries.SelectMany(e => e.Captions)));
        var options = new InpaintingDatasetOptions(32, MaskKind.Centre, Seed: 2) { Augmentation = AugmentationOptions.None };
        var plain = new InpaintingDataset(birds, vocabulary, options);
        var editing = new InpaintingDataset(birds, vocabulary, options with { CaptionEditProbability = 1 });
        int edited = 0;

        for (int i = 0; i < birds.Count; i++)
        {
            var before = plain.GetSample(i);
            var after = editing.GetSample(i);
            Assert.Equal(before.Mask.Hole, after.Mask.Hole);
            if (after.CaptionText == before.CaptionText)
            {
                Assert.Equal(before.Image.Pixels, after.Image.Pixels);
                continue;
            }
            edited++;
            Assert.NotEqual(before.Image.Pixels, after.Image.Pixels);
            for (int p = 0; p < after.Mask.Hole.Length; p++)
                if (!after.Mask.Hole[p])
                    Assert.True(after.Image.Pixels.AsSpan(3 * p, 3).SequenceEqual(before.Image.Pixels.AsSpan(3 * p, 3)));
        }
        Assert.True(edited >= birds.Count / 2, $"only {edited} of {birds.Count} samples were edited");
    }

    [Fact]
    public void Named_part_labels_mark_the_parts_the_caption_names_flipped_with_the_image()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        TextInpaint.Data.SynthBirds.SynthBirdsWriter.Write(
            new TextInpaint.Data.SynthBirds.SynthBirdsOptions(folder.Combine("birds"), Count: 16, Size: 32, Seed: 4), null, CancellationToken.None);
        var birds = DatasetLoader.Open(folder.Combine("birds"), Split.Train);
        var vocabulary = new CaptionEncoder(Vocabulary.Build(birds.Entries.SelectMany(e => e.Captions)));
        var dataset = new InpaintingDataset(birds, vocabulary, new InpaintingDatasetOptions(32, MaskKind.Centre, Seed: 5) { NamedPartLabels = true });
        bool sawFlipped = false, sawUnflipped = false;

        for (int i = 0; i < birds.Count; i++)
        {
            var sample = dataset.GetSample(i);
            var truth = TextInpaint.Data.SynthBirds.SynthBirdsTruth.Load(birds.Root, birds.Entries[i].Key);
            var caption = truth.Captions.Single(c => c.Text == sample.CaptionText);
            var named = caption.Mentions.Select(m => TextInpaint.Data.SynthBirds.BirdAttributes.PartOf(m.Trait)).OfType<TextInpaint.Data.SynthBirds.BirdPart>()
                .Select(p => (byte)p).ToHashSet();
            Assert.NotNull(sample.NamedParts);
            for (int y = 0; y < 32; y++)
                for (int x = 0; x < 32; x++)
                {
                    byte label = truth.Parts.Labels[y * 32 + (sample.Flipped ? 31 - x : x)];
                    Assert.Equal(named.Contains(label) ? label : (byte)0, sample.NamedParts![y * 32 + x]);
                }
            Assert.Contains(sample.NamedParts!, l => l != 0);
            sawFlipped |= sample.Flipped;
            sawUnflipped |= !sample.Flipped;
        }
        Assert.True(sawFlipped && sawUnflipped);

        var batch = dataset.Batch([0, 1], CPU);
        Assert.Equal(new long[] { 2, 1, 32, 32 }, batch.NamedParts!.shape);
        Assert.Equal(dataset.GetSample(1).NamedParts!.Select(l => (long)l).ToArray(), batch.NamedParts[1].flatten().data<long>().ToArray());
        Assert.Null(Create(new InpaintingDatasetOptions(Size)).Batch([0], CPU).NamedParts);
    }

    [Fact]
    public void Caption_edits_on_a_data_set_without_part_maps_stop_with_the_missing_file()
    {
        var dataset = Create(new InpaintingDatasetOptions(Size) { CaptionEditProbability = 0.5 });

        var error = Assert.Throws<UserInputException>(() => dataset.GetSample(0));

        Assert.Contains("bird_0", error.Message);
    }

    [Fact]
    public void Grayscale_augmentation_makes_the_three_channels_equal()
    {
        var dataset = Create(new InpaintingDatasetOptions(Size) { Augmentation = new(HorizontalFlip: false, GrayscaleProbability: 1) });

        var image = dataset.GetSample(3).Image;

        Assert.All(Enumerable.Range(0, Size * Size), i =>
        {
            Assert.Equal(image.Pixels[3 * i], image.Pixels[3 * i + 1]);
            Assert.Equal(image.Pixels[3 * i], image.Pixels[3 * i + 2]);
        });
        Assert.NotEqual(data.LoadImage(data.Entries[3], Size).Pixels, image.Pixels);
    }

    private InpaintingDataset Create(InpaintingDatasetOptions options) => new(data, encoder, options);

    // A left-to-right gradient in red, a per-image colour in green, stripes in blue: no image is
    // its own mirror and every image differs from the others.
    private static RgbImage MakeImage(int seed)
    {
        var image = new RgbImage(20, 16);
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                image[x, y] = ((byte)(x * 12), (byte)(40 * seed + y * 3), (byte)((x + y) % 4 == 0 ? 255 : 0));
        return image;
    }

    private static RgbImage Mirror(RgbImage image)
    {
        var result = new RgbImage(image.Width, image.Height);
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                result[image.Width - 1 - x, y] = image[x, y];
        return result;
    }

    private static Mask Mirror(Mask mask)
    {
        var result = new Mask(mask.Width, mask.Height);
        for (int y = 0; y < mask.Height; y++)
            for (int x = 0; x < mask.Width; x++)
                result[mask.Width - 1 - x, y] = mask[x, y];
        return result;
    }
}
