using TextInpaint.Cli;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Imaging;
using TextInpaint.Inference;
using TextInpaint.Tests.TestData;

namespace TextInpaint.Tests.Inference;

[Collection(TorchCollection.Name)]
public sealed class InpaintFilesTests(TinyModel tiny)
{
    private static string WritePhoto(TempFolder temp, string name = "photo.jpg")
    {
        var path = temp.Combine(name);
        ImageFiles.Save(ImageOps.Resize(SynthBirdsGenerator.Generate(seed: 4, 1, 64).Rendered.Image, 120, 90), path);
        return path;
    }

    [Fact]
    public async Task Inpaint_writes_the_result_and_the_explanation_and_leaves_the_input_untouched()
    {
        using var temp = new TempFolder();
        var photo = WritePhoto(temp);
        var before = File.ReadAllBytes(photo);
        var output = new StringWriter();
        var error = new StringWriter();
        var parsed = CommandLine.Build().Parse(["inpaint", "--image", photo, "--box", "40,20,40,40", "--text", "a bird with a blue crown",
            "--out", temp.Combine("out.png"), "--model", tiny.Folder, "--explain"]);

        int exit = await parsed.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(0, exit);
        Assert.Equal(before, File.ReadAllBytes(photo));
        var result = ImageFiles.Load(temp.Combine("out.png"));
        Assert.Equal((120, 90), (result.Width, result.Height));
        Assert.True(File.Exists(temp.Combine("out.explain.png")));
        Assert.Contains("out.png", output.ToString());
        // The words' demand is a result, not a warning.
        Assert.Matches(@"out\.explain\.png: word demand .* \(demand entropy ", output.ToString());
        Assert.DoesNotContain("warning", error.ToString());
    }

    [Theory]
    [InlineData("not-an-image", "not an image")]
    [InlineData("truncated", "truncated")]
    public async Task A_bad_input_image_is_named_and_nothing_is_written(string kind, string expected)
    {
        using var temp = new TempFolder();
        var photo = WritePhoto(temp);
        var bad = temp.Combine("bad.jpg");
        if (kind == "not-an-image")
            File.WriteAllText(bad, "this is text, not a picture");
        else
            File.WriteAllBytes(bad, File.ReadAllBytes(photo)[..1500]);
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["inpaint", "--image", bad, "--box", "1,1,10,10", "--text", "a red bird",
            "--out", temp.Combine("out.png"), "--model", tiny.Folder], error);

        Assert.Equal(CommandLine.InputError, exit);
        Assert.Contains(bad, error.ToString());
        Assert.Contains(expected, error.ToString());
        Assert.False(File.Exists(temp.Combine("out.png")));
    }

    [Fact]
    public async Task Writing_over_the_input_an_unwritable_output_and_a_missing_model_are_refused_clearly()
    {
        using var temp = new TempFolder();
        var photo = WritePhoto(temp, "photo.png");
        var before = File.ReadAllBytes(photo);
        File.WriteAllText(temp.Combine("blocker"), "a file where a folder should be");

        async Task<(int, string)> Run(params string[] args)
        {
            var error = new StringWriter();
            int exit = await CommandLine.RunAsync(["inpaint", "--image", photo, "--box", "10,10,20,20", "--text", "a red bird", .. args], error);
            return (exit, error.ToString());
        }

        var (overInput, overInputError) = await Run("--out", photo, "--model", tiny.Folder);
        var (unwritable, unwritableError) = await Run("--out", temp.Combine("blocker", "out.png"), "--model", tiny.Folder);
        var (noModel, noModelError) = await Run("--out", temp.Combine("out.png"), "--model", temp.Combine("missing-model"));
        var (badType, badTypeError) = await Run("--out", temp.Combine("out.tiff"), "--model", tiny.Folder);

        Assert.All(new[] { overInput, unwritable, noModel, badType }, exit => Assert.Equal(CommandLine.InputError, exit));
        Assert.Contains("is an input", overInputError);
        Assert.Contains("blocker", unwritableError);
        Assert.Contains("missing-model", noModelError);
        Assert.Contains(".tiff", badTypeError);
        Assert.Equal(before, File.ReadAllBytes(photo));
    }

    [Fact]
    public async Task A_manifest_runs_every_good_row_and_reports_the_bad_ones_at_the_end()
    {
        using var temp = new TempFolder();
        WritePhoto(temp, "a.png");
        WritePhoto(temp, "b.jpg");
        ImageFiles.SavePng(Mask.Box(120, 90, 30, 30, 40, 30), temp.Combine("hole.png"));
        File.WriteAllText(temp.Combine("jobs.csv"), string.Join('\n',
            "image,mask,caption,output",
            "a.png,hole.png,\"a bird with a red crown, grey wings\",out/a.png",
            "missing.png,hole.png,a bird,out/missing.png",
            "b.jpg,\"5,5,30,30\",a bird with a blue belly,out/b.webp",
            "b.jpg,hole.png"));
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["inpaint", "--manifest", temp.Combine("jobs.csv"), "--model", tiny.Folder], error);

        Assert.Equal(CommandLine.InputError, exit);
        Assert.True(File.Exists(temp.Combine("out", "a.png")));
        Assert.True(File.Exists(temp.Combine("out", "b.webp")));
        Assert.Contains("2 rows failed:", error.ToString());
        Assert.Contains($"  {temp.Combine("jobs.csv")}:3: {temp.Combine("missing.png")}: no such image file.", error.ToString());
        Assert.Contains($"  {temp.Combine("jobs.csv")}:5: expected 4 fields (image, mask, caption, output), found 2.", error.ToString());
    }

    [Fact]
    public async Task A_manifest_without_rows_and_a_quote_left_open_are_refused_in_one_line_each()
    {
        using var temp = new TempFolder();
        WritePhoto(temp, "a.png");
        File.WriteAllText(temp.Combine("empty.csv"), "image,mask,caption,output\n\n");
        File.WriteAllText(temp.Combine("open.csv"), "a.png,\"5,5,30,30\",\"a bird with a red crown,out.png\n");
        var emptyError = new StringWriter();
        var openError = new StringWriter();

        int emptyExit = await CommandLine.RunAsync(["inpaint", "--manifest", temp.Combine("empty.csv"), "--model", tiny.Folder], emptyError);
        int openExit = await CommandLine.RunAsync(["inpaint", "--manifest", temp.Combine("open.csv"), "--model", tiny.Folder], openError);

        Assert.Equal(CommandLine.InputError, emptyExit);
        Assert.Equal($"error: {temp.Combine("empty.csv")}: no rows to inpaint (a row is image,mask,caption,output).", emptyError.ToString().Trim());
        Assert.Equal(CommandLine.InputError, openExit);
        Assert.Contains("1 row failed:", openError.ToString());
        Assert.Contains($"{temp.Combine("open.csv")}:1: a quoted field is not closed on this line", openError.ToString());
        Assert.False(File.Exists(temp.Combine("out.png")));
    }

    [Fact]
    public async Task The_model_benchmarks_time_loading_and_inpainting_and_need_a_model()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var parsed = CommandLine.Build().Parse(["benchmark", "--case", "load-model", "--case", "inpaint-model", "--model", tiny.Folder,
            "--runs", "2", "--warmup", "0"]);

        int exit = await parsed.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output });
        int missing = await CommandLine.RunAsync(["benchmark", "--case", "inpaint-model", "--model", "/nonexistent/model"], error);

        Assert.Equal(0, exit);
        Assert.Contains("| load-model", output.ToString());
        Assert.Contains("| inpaint-model", output.ToString());
        Assert.Equal(CommandLine.InputError, missing);
        Assert.Contains("/nonexistent/model", error.ToString());
    }

    [Theory]
    [InlineData(SkiaSharp.SKColorType.Gray8, SkiaSharp.SKAlphaType.Opaque)]
    [InlineData(SkiaSharp.SKColorType.Rgba8888, SkiaSharp.SKAlphaType.Unpremul)]
    public void Grey_and_transparent_images_are_read_as_rgb(SkiaSharp.SKColorType colorType, SkiaSharp.SKAlphaType alphaType)
    {
        using var temp = new TempFolder();
        var path = temp.Combine("input.png");
        using (var bitmap = new SkiaSharp.SKBitmap(new SkiaSharp.SKImageInfo(50, 40, colorType, alphaType)))
        {
            bitmap.Erase(new SkiaSharp.SKColor(120, 120, 120, alphaType == SkiaSharp.SKAlphaType.Opaque ? (byte)255 : (byte)100));
            using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, data.ToArray());
        }
        using var inpainter = Inpainter.Load(tiny.Folder);

        var outcome = new InpaintFileJob(path, null, new HoleBox(10, 10, 20, 15), "a red bird", temp.Combine("out.png")).Run(inpainter);

        var result = ImageFiles.Load(temp.Combine("out.png"));
        Assert.Equal((50, 40), (result.Width, result.Height));
        Assert.Empty(outcome.Warnings);
        Assert.Equal((120, 120, 120), result[0, 0]);
    }

    [Fact]
    public void Csv_fields_may_be_quoted() =>
        Assert.Equal(["a.png", "1,2,3,4", "say \"hi\", bird", "o.png"], InpaintManifest.SplitCsv("a.png,\"1,2,3,4\",\"say \"\"hi\"\", bird\",o.png"));

    [Fact]
    public async Task The_demo_writes_a_sheet_a_page_and_the_consistency_figures()
    {
        using var temp = new TempFolder();
        var output = new StringWriter();
        var parsed = CommandLine.Build().Parse(["demo", "--model", tiny.Folder, "--out", temp.Combine("demo"), "--birds", "6"]);

        int exit = await parsed.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output });

        Assert.Equal(0, exit);
        Assert.Contains("text consistency:", output.ToString());
        Assert.Contains("controllability:", output.ToString());
        Assert.True(File.Exists(temp.Combine("demo", "sheet.png")));
        var page = File.ReadAllText(temp.Combine("demo", "index.html"));
        Assert.Equal(6, Directory.GetFiles(temp.Combine("demo", "images"), "*-edited.png").Length);
        Assert.Contains("Controllability", page);
    }
}

public sealed class HugeImageTests
{
    /// <summary>The first bytes of a PNG that claims to be width x height (a header, no picture).</summary>
    private static byte[] PngHeader(int width, int height)
    {
        static byte[] BigEndian(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];
        byte[] ihdr = [.. "IHDR"u8, .. BigEndian((uint)width), .. BigEndian((uint)height), 8, 2, 0, 0, 0];
        byte[] idat = [.. "IDAT"u8, 0x78, 0x9C, 0x63, 0x00, 0x00];
        byte[] iend = [.. "IEND"u8];
        return [0x89, .. "PNG\r\n\u001a\n"u8, .. BigEndian(13), .. ihdr, .. BigEndian(Crc32(ihdr)),
            .. BigEndian(5), .. idat, .. BigEndian(Crc32(idat)), .. BigEndian(0), .. iend, .. BigEndian(Crc32(iend))];
    }

    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }

    [Fact]
    public void A_20000_by_20000_image_is_refused_before_it_is_decoded()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("huge.png");
        File.WriteAllBytes(path, PngHeader(20_000, 20_000));

        var e = Assert.Throws<UserInputException>(() => ImageFiles.Load(path));

        Assert.True(e.Message.Contains("20000x20000"), e.Message);
        Assert.Contains("limit", e.Message);
    }
}
