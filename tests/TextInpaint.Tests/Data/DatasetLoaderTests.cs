using System.Text;
using SkiaSharp;
using TextInpaint.Data;
using TextInpaint.Data.Layouts;
using TextInpaint.Data.Pickle;
using TextInpaint.Imaging;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Tests.Data.Pickle;

namespace TextInpaint.Tests.Data;

public sealed class DatasetLoaderTests : IDisposable
{
    private const string Albatross = "002.Laysan_Albatross/Laysan_Albatross_0002_1027";
    private const string BlackFooted = "001.Black_footed_Albatross/Black_Footed_Albatross_0001_796111";
    private const string Pelican = "034.Brown_Pelican/Brown_Pelican_0001_0001";

    private readonly List<TempFolder> _folders = [];

    public void Dispose() => _folders.ForEach(folder => folder.Dispose());

    private TempFolder NewFolder(string name = "data")
    {
        var folder = new TempFolder(name);
        _folders.Add(folder);
        return folder;
    }

    /// <summary>An image whose top <paramref name="blueRows"/> rows are blue and the rest red.</summary>
    private static void SaveImage(string path, int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png, int? blueRows = null)
    {
        var image = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = y < (blueRows ?? height) ? ((byte)0, (byte)0, (byte)255) : ((byte)255, (byte)0, (byte)0);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = ImageFiles.ToBitmap(image);
        using var data = bitmap.Encode(format, 95);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static TempFolder WriteCaptions(TempFolder folder, string key, string text)
    {
        folder.WriteText($"text/{key}.txt", text);
        return folder;
    }

    /// <summary>CUB in AttnGAN's layout: two train birds (one with a known box), one test bird, no class_info.</summary>
    private TempFolder MakeBirds()
    {
        var root = NewFolder("birds");
        SaveImage(root.File($"CUB_200_2011/images/{Albatross}.jpg"), 100, 80, SKEncodedImageFormat.Jpeg, blueRows: 66);
        SaveImage(root.File($"CUB_200_2011/images/{BlackFooted}.jpg"), 100, 80, SKEncodedImageFormat.Jpeg);
        SaveImage(root.File($"CUB_200_2011/images/{Pelican}.jpg"), 50, 60, SKEncodedImageFormat.Jpeg);
        root.WriteText("CUB_200_2011/images.txt", $"1 {BlackFooted}.jpg\n2 {Albatross}.jpg\n3 {Pelican}.jpg\n");
        root.WriteText("CUB_200_2011/bounding_boxes.txt", "1 80.0 60.0 20.0 20.0\n2 20.0 10.0 30.0 40.0\n3 0.0 0.0 50.0 60.0\n");
        WriteCaptions(root, Albatross, "a white bird with long wings.\n\nit has a yellow beak.\n");
        WriteCaptions(root, BlackFooted, "a dark bird gliding over the sea.\n");
        WriteCaptions(root, Pelican, "a large brown bird with a pouch.\r\n");
        PickleWriter.WriteStrings(root.File("train/filenames.pickle"), [Albatross, BlackFooted]);
        PickleWriter.WriteStrings(root.File("test/filenames.pickle"), [Pelican]);
        root.WriteText("captions.pickle", "not read");
        return root;
    }

    /// <summary>
    /// Flowers in AttnGAN's layout: train lists written by PickleWriter, test lists as Python wrote
    /// them (keys in protocol 4, class ids in protocol 0), images in PNG and JPEG.
    /// </summary>
    private TempFolder MakeFlowers(string name = "flowers")
    {
        var root = NewFolder(name);
        foreach (var key in new[] { "class_00001/image_0001", "class_00007/image_0002" })
        {
            SaveImage(root.File($"images/{key}.png"), 40, 30);
            WriteCaptions(root, key, $"a flower from {key}.\nthe petals are pink.\n");
        }
        foreach (var key in new[] { "a/x", "b/y", "c/z" })
        {
            SaveImage(root.File($"images/{key}.jpg"), 30, 40, SKEncodedImageFormat.Jpeg);
            WriteCaptions(root, key, "this flower has yellow petals.\n");
        }
        PickleWriter.WriteStrings(root.File("train/filenames.pickle"), ["class_00001/image_0001", "class_00007/image_0002"]);
        PickleWriter.WriteInts(root.File("train/class_info.pickle"), [1, 7]);
        root.WriteBytes("test/filenames.pickle", PickleReaderTests.Protocol4Keys);
        root.WriteBytes("test/class_info.pickle", PickleReaderTests.Protocol0ClassIds);
        return root;
    }

    [Fact]
    public void Birds_are_read_with_their_captions_class_ids_from_the_key_and_attngan_crop_boxes()
    {
        var root = MakeBirds();

        var train = DatasetLoader.Open(root.Path, Split.Train);
        var test = DatasetLoader.Open(root.Path, Split.Test, "birds");

        Assert.Equal("birds", train.Kind);
        Assert.Equal(Split.Train, train.Split);
        Assert.Equal([Albatross, BlackFooted], train.Entries.Select(entry => entry.Key));
        var albatross = train.Entries[0];
        Assert.Equal(["a white bird with long wings.", "it has a yellow beak."], albatross.Captions);
        Assert.Equal(root.File($"CUB_200_2011/images/{Albatross}.jpg"), albatross.ImagePath);
        Assert.Equal([2, 1], train.Entries.Select(entry => entry.ClassId));
        // Box 20,10 30x40: r = 0.75·40 = 30 around (35, 30) → x 5..65, y 0..60.
        Assert.Equal(new CropBox(5, 0, 60, 60), albatross.Crop);
        // Box 80,60 20x20 in 100x80: r = 15 around (90, 70) → clipped at the right and bottom edges.
        Assert.Equal(new CropBox(75, 55, 25, 25), train.Entries[1].Crop);
        Assert.Equal(["a large brown bird with a pouch."], Assert.Single(test.Entries).Captions);
        Assert.Equal(34, test.Entries[0].ClassId);
    }

    [Fact]
    public void A_cropped_bird_loads_as_a_square_of_the_requested_size_showing_only_the_crop()
    {
        var train = DatasetLoader.Open(MakeBirds().Path, Split.Train);

        var image = train.LoadImage(train.Entries[0], 64);

        Assert.Equal((64, 64), (image.Width, image.Height));
        // The crop stops at row 60, above the red rows (66 on); a plain centre crop would show them.
        var (r, _, b) = image[32, 63];
        Assert.True(b > 200 && r < 60, $"bottom-centre pixel is ({r}, _, {b}), expected blue");
    }

    [Fact]
    public void The_crop_box_truncates_fractional_boxes_like_attngan()
    {
        // r = int(0.75·21.9) = 16, centre = (int 21.65, int 10.7) = (21, 10).
        Assert.Equal(new CropBox(5, 0, 32, 26), CubBirdsLayout.CropAroundBox(10.7, 3.2, 21.9, 15.0, 200, 200));
    }

    [Fact]
    public void Flowers_read_pickles_from_python_and_from_our_writer_with_their_class_ids()
    {
        var root = MakeFlowers();

        var train = DatasetLoader.Open(root.Path, Split.Train);
        var test = DatasetLoader.Open(root.Path, Split.Test, "flowers");

        Assert.Equal("flowers", train.Kind);
        Assert.Equal(["class_00001/image_0001", "class_00007/image_0002"], train.Entries.Select(entry => entry.Key));
        Assert.Equal([1, 7], train.Entries.Select(entry => entry.ClassId));
        Assert.Equal(["a flower from class_00001/image_0001.", "the petals are pink."], train.Entries[0].Captions);
        Assert.EndsWith("image_0001.png", train.Entries[0].ImagePath);
        Assert.All(train.Entries, entry => Assert.Null(entry.Crop));
        Assert.Equal(["a/x", "b/y", "c/z"], test.Entries.Select(entry => entry.Key));
        Assert.Equal([1, 2, 200], test.Entries.Select(entry => entry.ClassId));
        Assert.EndsWith("x.jpg", test.Entries[0].ImagePath);
        var image = test.LoadImage(test.Entries[0], 64);
        Assert.Equal((64, 64), (image.Width, image.Height));
    }

    [Fact]
    public void A_flowers_like_folder_whose_name_mentions_celeb_is_detected_as_celeba()
    {
        var root = MakeFlowers("CelebA-HQ");

        Assert.Equal("celeba", DatasetLoader.DetectKind(root.Path));
        Assert.Equal("celeba", DatasetLoader.Open(root.Path, Split.Train).Kind);
    }

    [Fact]
    public void A_plain_filenames_txt_stands_in_for_the_pickle_and_class_ids_fall_back_to_the_key()
    {
        var root = NewFolder();
        foreach (var key in new[] { "012.Yellow_headed_Blackbird/one", "two" })
        {
            SaveImage(root.File($"images/{key}.webp"), 20, 20, SKEncodedImageFormat.Webp);
            WriteCaptions(root, key, "a small bird.\n");
        }
        root.WriteText("train/filenames.txt", "012.Yellow_headed_Blackbird/one\n\ntwo\n");

        var train = DatasetLoader.Open(root.Path, Split.Train);

        Assert.Equal(["012.Yellow_headed_Blackbird/one", "two"], train.Entries.Select(entry => entry.Key));
        Assert.Equal([12, 0], train.Entries.Select(entry => entry.ClassId));
        Assert.EndsWith("one.webp", train.Entries[0].ImagePath);
        Assert.Equal((64, 64), (train.LoadImage(train.Entries[0], 64).Width, train.LoadImage(train.Entries[0], 64).Height));
    }

    [Fact]
    public void Synthbirds_is_detected_by_its_marker_file_and_read_like_flowers()
    {
        var root = NewFolder();
        SaveImage(root.File("images/003.Sooty_Albatross/s_0001.png"), 32, 32);
        WriteCaptions(root, "003.Sooty_Albatross/s_0001", "a grey bird with a short tail.\n");
        PickleWriter.WriteStrings(root.File("train/filenames.pickle"), ["003.Sooty_Albatross/s_0001"]);
        PickleWriter.WriteInts(root.File("train/class_info.pickle"), [3]);
        root.WriteText(SynthBirdsManifest.FileName, "{}");
        Directory.CreateDirectory(root.File("parts"));
        Directory.CreateDirectory(root.File("attributes"));

        var train = DatasetLoader.Open(root.Path, Split.Train);

        Assert.Equal("synthbirds", train.Kind);
        var entry = Assert.Single(train.Entries);
        Assert.Equal(3, entry.ClassId);
        Assert.Equal(["a grey bird with a short tail."], entry.Captions);
    }

    [Fact]
    public void A_plain_folder_is_split_by_name_hash_into_disjoint_train_and_test_sets()
    {
        var root = NewFolder();
        var names = Enumerable.Range(0, 30).Select(i => $"photo_{i:D2}").ToList();
        foreach (var name in names)
        {
            SaveImage(root.File($"{name}.png"), 8, 8);
            root.WriteText($"{name}.txt", $"caption of {name}.\nanother caption.\n");
        }
        root.WriteText("README.txt", "my photos");

        var train = DatasetLoader.Open(root.Path, Split.Train);
        var test = DatasetLoader.Open(root.Path, Split.Test);

        Assert.Equal("folder", train.Kind);
        Assert.Equal(names.Where(name => ImageFolderLayout.HashSplit(name) == Split.Test), test.Entries.Select(entry => entry.Key));
        Assert.Equal(names, train.Entries.Concat(test.Entries).Select(entry => entry.Key).Order(StringComparer.Ordinal));
        Assert.NotEmpty(test.Entries);
        Assert.Equal([$"caption of {train.Entries[0].Key}.", "another caption."], train.Entries[0].Captions);
        Assert.All(train.Entries, entry => Assert.Equal(0, entry.ClassId));
    }

    [Fact]
    public void The_name_hash_sends_about_one_image_in_ten_to_test()
    {
        int test = Enumerable.Range(0, 10_000).Count(i => ImageFolderLayout.HashSplit($"image_{i}") == Split.Test);
        Assert.InRange(test, 850, 1150);
    }

    [Fact]
    public void A_plain_folder_with_train_and_test_subfolders_uses_them_as_the_splits()
    {
        var root = NewFolder();
        SaveImage(root.File("train/cat.jpeg"), 10, 12, SKEncodedImageFormat.Jpeg);
        root.WriteText("train/cat.txt", "a cat on a mat.\n");
        SaveImage(root.File("train/dog.png"), 10, 12);
        root.WriteText("train/dog.txt", "a dog in the park.\n");
        SaveImage(root.File("test/bird.webp"), 10, 12, SKEncodedImageFormat.Webp);
        root.WriteText("test/bird.txt", "a bird on a branch.\n");

        Assert.Equal("folder", DatasetLoader.DetectKind(root.Path));
        Assert.Equal(["cat", "dog"], DatasetLoader.Open(root.Path, Split.Train).Entries.Select(entry => entry.Key));
        var bird = Assert.Single(DatasetLoader.Open(root.Path, Split.Test).Entries);
        Assert.Equal(["a bird on a branch."], bird.Captions);
    }

    [Fact]
    public void Auto_detection_names_each_layout()
    {
        Assert.Equal("birds", DatasetLoader.DetectKind(MakeBirds().Path));
        Assert.Equal("flowers", DatasetLoader.DetectKind(MakeFlowers().Path));
        var synth = MakeFlowers("synth");
        synth.WriteText(SynthBirdsManifest.FileName, "{}");
        Assert.Equal("synthbirds", DatasetLoader.DetectKind(synth.Path));
    }

    private static string ErrorOf(Action action) => Assert.Throws<UserInputException>(action).Message;

    [Fact]
    public void A_missing_root_folder_or_an_unknown_layout_or_kind_is_refused()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}");
        Assert.Equal($"{missing}: no such data set folder.", ErrorOf(() => DatasetLoader.Open(missing, Split.Train)));

        var empty = NewFolder();
        var unknown = ErrorOf(() => DatasetLoader.Open(empty.Path, Split.Train));
        Assert.StartsWith($"{empty.Path}: cannot tell the data set layout", unknown);

        var kind = ErrorOf(() => DatasetLoader.Open(empty.Path, Split.Train, "imagenet"));
        Assert.Equal("unknown data set kind 'imagenet'; known kinds: auto, synthbirds, birds, flowers, celeba, folder.", kind);
    }

    [Fact]
    public void A_missing_file_list_names_both_files_looked_for_and_the_root()
    {
        var root = MakeFlowers();
        File.Delete(root.File("test/filenames.pickle"));
        Assert.Equal($"neither test/filenames.pickle nor test/filenames.txt in {root.Path}.",
            ErrorOf(() => DatasetLoader.Open(root.Path, Split.Test)));
    }

    [Fact]
    public void A_file_list_of_the_wrong_shape_names_the_pickle_and_what_it_holds()
    {
        var root = MakeFlowers();
        var list = root.WriteBytes("train/filenames.pickle", PickleReaderTests.Protocol2Dict);
        Assert.Equal($"{list}: expected a list of file names, found a dict.", ErrorOf(() => DatasetLoader.Open(root.Path, Split.Train)));
    }

    [Fact]
    public void Class_info_of_another_length_than_the_file_list_is_refused()
    {
        var root = MakeFlowers();
        PickleWriter.WriteInts(root.File("train/class_info.pickle"), [1, 2, 3]);
        Assert.Equal($"{root.File("train/class_info.pickle")}: holds 3 class ids but {root.File("train/filenames.pickle")} lists 2 keys.",
            ErrorOf(() => DatasetLoader.Open(root.Path, Split.Train)));
    }

    [Fact]
    public void An_empty_file_list_or_an_empty_folder_split_is_refused()
    {
        var root = MakeFlowers();
        PickleWriter.WriteStrings(root.File("train/filenames.pickle"), []);
        Assert.Equal($"{root.File("train/filenames.pickle")}: the train split is empty (the file lists no keys).",
            ErrorOf(() => DatasetLoader.Open(root.Path, Split.Train)));

        var folder = NewFolder();
        SaveImage(folder.File("train/cat.png"), 8, 8);
        folder.WriteText("train/cat.txt", "a cat.\n");
        Directory.CreateDirectory(folder.File("test"));
        Assert.Equal($"{folder.File("test")}: the test split is empty (no image with a .txt caption file beside it).",
            ErrorOf(() => DatasetLoader.Open(folder.Path, Split.Test)));
    }

    [Fact]
    public void A_caption_file_without_words_or_missing_is_named()
    {
        var root = MakeFlowers();
        var blank = root.WriteText("text/class_00001/image_0001.txt", "\n  \n...\n");
        Assert.Equal($"{blank}: the caption file holds no words (one caption a line expected).",
            ErrorOf(() => DatasetLoader.Open(root.Path, Split.Train)));

        File.Delete(blank);
        Assert.Equal($"{blank}: no such caption file.", ErrorOf(() => DatasetLoader.Open(root.Path, Split.Train)));

        var folder = NewFolder();
        SaveImage(folder.File("train/cat.png"), 8, 8);
        folder.WriteText("train/dog.txt", "not beside any image.\n");
        SaveImage(folder.File("train/other.png"), 8, 8);
        folder.WriteText("train/other.txt", "an image with a caption.\n");
        Assert.Equal($"{folder.File("train/cat.txt")}: no such caption file.", ErrorOf(() => DatasetLoader.Open(folder.Path, Split.Train)));
    }

    [Fact]
    public void Caption_files_in_utf16_with_their_mark_or_with_a_utf8_mark_read_as_the_same_captions()
    {
        const string text = "the petals are pink.\nthe centre is yellow.\n";
        foreach (var bytes in new[]
        {
            [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray(),
        })
        {
            var root = MakeFlowers();
            root.WriteBytes("text/class_00001/image_0001.txt", bytes);
            Assert.Equal(["the petals are pink.", "the centre is yellow."], DatasetLoader.Open(root.Path, Split.Train).Entries[0].Captions);
        }
    }

    [Fact]
    public void A_caption_file_with_nul_characters_or_that_is_a_fifo_is_refused_with_one_line()
    {
        var root = MakeFlowers();
        var utf16 = root.WriteBytes("text/class_00001/image_0001.txt", Encoding.Unicode.GetBytes("the petals are pink.\n"));
        Assert.Equal($"{utf16}: holds NUL characters; a caption file is read as UTF-8 text (or UTF-16 with its byte-order mark).",
            ErrorOf(() => DatasetLoader.Open(root.Path, Split.Train)));

        File.Delete(utf16);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", utf16))
            mkfifo.WaitForExit();
        Assert.Equal($"{utf16}: is not a regular file (a device, FIFO or socket) and is not read.",
            ErrorOf(() => DatasetLoader.Open(root.Path, Split.Train)));
    }

    [Fact]
    public void A_missing_image_names_the_key_and_every_path_tried()
    {
        var root = MakeFlowers();
        File.Delete(root.File("images/b/y.jpg"));
        var error = ErrorOf(() => DatasetLoader.Open(root.Path, Split.Test));
        Assert.StartsWith("no image file for the key 'b/y'; tried ", error);
        foreach (var extension in new[] { ".jpg", ".png", ".jpeg", ".webp" })
            Assert.Contains(root.File("images/b/y" + extension), error);
    }

    [Fact]
    public void Birds_without_their_bounding_boxes_name_the_missing_file()
    {
        var root = MakeBirds();
        var boxes = root.File("CUB_200_2011/bounding_boxes.txt");
        File.Delete(boxes);
        Assert.StartsWith($"{boxes}: not found", ErrorOf(() => DatasetLoader.Open(root.Path, Split.Train)));

        root.WriteText("CUB_200_2011/bounding_boxes.txt", "1 80.0 60.0 twenty 20.0\n");
        Assert.Equal($"{boxes}: line 1 should be \"index x y width height\".", ErrorOf(() => DatasetLoader.Open(root.Path, Split.Train)));
    }

    [Fact]
    public void Keys_that_would_leave_the_data_set_folder_are_refused()
    {
        var root = MakeFlowers();
        var list = root.WriteText("train/filenames.txt", "../../etc/passwd\n");
        File.Delete(root.File("train/filenames.pickle"));
        Assert.Equal($"{list}: the key '../../etc/passwd' is not a relative path inside the data set.",
            ErrorOf(() => DatasetLoader.Open(root.Path, Split.Train)));
    }
}
