using TextInpaint.Data.Masks;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation;
using TextInpaint.Tests.TestData;

namespace TextInpaint.Tests.Evaluation;

[Collection(TorchCollection.Name)]
public sealed class InpaintingEvaluationTests(TinyModel tiny)
{
    [Fact]
    public void Every_method_is_scored_per_mask_kind_and_hole_area_and_the_report_is_written()
    {
        using var temp = new TempFolder();
        // The shared tiny model (SynthBirds at 32x32, seed 2, one epoch), copied: the report is written into the model's folder.
        tiny.CopyTo(temp);

        var reported = new List<int>();
        // The ResNet-18's figures are checked on their own below: it reads every image at 224x224.
        var results = InpaintingEvaluation.Run(new InpaintingEvalOptions(temp.Combine("model"), temp.Combine("birds"), Limit: 10, BatchSize: 4,
            Compare: [new ComparedModel("again", temp.Combine("model"))], Features: false), [MaskKind.Box, MaskKind.FreeForm, MaskKind.Box],
            kindDone: (_, done) => reported.Add(done.Count));
        var files = InpaintingReport.Write(results);
        var result = results[0];

        Assert.Equal(10, result.Images);
        string[] expected = [EvalMethods.TrueCaption, EvalMethods.Shuffled, EvalMethods.Empty, EvalMethods.Edited,
            "again", "telea", "navier-stokes", "fsr", "patchmatch"];
        Assert.Equal(expected, result.Methods.Select(m => m.Method));
        Assert.All(result.Methods, m => Assert.Equal(10, m.Quality.Images));
        Assert.All(result.Methods, m => Assert.Equal(10, m.PerArea.Values.Sum(b => b.Images)));
        Assert.True(result.Methods[0].PerArea.Count > 1, "box holes of 10 images fall in one area bin");
        Assert.All(result.Methods, m => Assert.InRange(m.RPrecision!.Mean, 0, 1));
        Assert.All(result.Methods, m => Assert.Null(m.Features));
        // Every method is judged on the same hidden colours of the same birds.
        Assert.True(result.Methods[0].Consistency!.Judgments > 0, "no colour was judged");
        Assert.All(result.Methods, m => Assert.Equal(result.Methods[0].Consistency!.Judgments, m.Consistency!.Judgments));
        // The same model under another name gives the same figures as the main model's true-caption run.
        Assert.Equal(result.Methods[0].Quality, result.Methods.Single(m => m.Method == "again").Quality);
        Assert.EndsWith($"training step {result.TrainingStep}", result.Methods.Single(m => m.Method == "again").Description);
        Assert.True(result.Methods.Single(m => m.Method == EvalMethods.Edited).Controllability is not null);
        Assert.Null(result.Methods.Single(m => m.Method == EvalMethods.TrueCaption).Controllability);
        // Every method's hole pixels fall in the same regions: where a pixel lies does not depend on the fill.
        var regionPixels = result.Methods[0].Regions!.OrderBy(r => r.Key).Select(r => r.Value.Pixels).ToArray();
        Assert.All(result.Methods, m => Assert.Equal(regionPixels, m.Regions!.OrderBy(r => r.Key).Select(r => r.Value.Pixels)));
        Assert.True(result.Methods[0].Regions!.ContainsKey(TextInpaint.Evaluation.Metrics.HoleRegion.Background));
        // The split by how much of each part the hole hid covers the same bird pixels.
        Assert.Equal(result.Methods[0].Regions!.Where(r => r.Key != TextInpaint.Evaluation.Metrics.HoleRegion.Background).Sum(r => r.Value.Pixels),
            result.Methods[0].PartsByHiding!.Values.Sum(p => p.Pixels));
        Assert.Equal([MaskKind.Box, MaskKind.FreeForm], results.Select(r => r.Options.Mask));
        Assert.Equal([1, 2], reported);
        Assert.NotEqual(results[0].Methods[0].Quality, results[1].Methods[0].Quality);
        var csv = File.ReadAllLines(files.Csv);
        Assert.Equal(1 + results.Sum(r => r.Methods.Sum(m => 1 + m.PerArea.Count)), csv.Length);
        Assert.Equal(expected.Length * (1 + result.Methods[0].PerArea.Count), csv.Count(line => line.Split(',')[1] == "box"));
        var markdown = File.ReadAllText(files.Markdown);
        Assert.Contains("## Box holes", markdown);
        Assert.Contains("## Free-form holes", markdown);
        Assert.Contains("patchmatch", markdown);
        Assert.Contains("Text consistency per part", markdown);
        Assert.Contains("| method | fully hidden | partly hidden |", markdown);
        Assert.Contains("Hole PSNR by where the hole pixel lies", markdown);
        Assert.Contains("by how much of their part the hole hid", markdown);
        Assert.DoesNotContain("{", markdown);   // every heading's figures filled in
        Assert.All(csv, line => Assert.Equal(45, line.Split(',').Length));
        Assert.DoesNotContain("FID (ResNet-18) / feature distance (ResNet-18) per hole-area bin", markdown);
        Assert.Contains("(both left out: --no-features)", markdown);
        Assert.Equal(2, files.Sheets.Count);
        Assert.All(files.Sheets.Concat(files.AreaPlots), f => Assert.True(new FileInfo(f).Length > 0, f));
    }

    [Fact]
    public void Every_output_and_truth_is_read_by_the_resnet18_overall_and_per_hole_area_bin()
    {
        using var temp = new TempFolder();
        tiny.CopyTo(temp);

        var result = InpaintingEvaluation.Run(new InpaintingEvalOptions(temp.Combine("model"), temp.Combine("birds"), Limit: 4, BatchSize: 4,
            Methods: [EvalMethods.TrueCaption, "telea"], Compare: [new ComparedModel("again", temp.Combine("model"))], Mask: MaskKind.Box));
        var markdown = File.ReadAllText(InpaintingReport.Write([result]).Markdown);

        Assert.Equal([EvalMethods.TrueCaption, "again", "telea"], result.Methods.Select(m => m.Method));
        Assert.All(result.Methods, m => Assert.Equal(4, m.Features!.Images));
        Assert.All(result.Methods, m => Assert.Equal(4, m.FeaturesPerArea!.Values.Sum(b => b.Images)));
        Assert.All(result.Methods, m => Assert.True(m.Features!.Frechet > 0 && m.Features.Distance is > 0 and < 4, $"{m.Method}: {m.Features}"));
        // The same model under another name scores the same; another method does not.
        Assert.Equal(result.Methods[0].Features, result.Methods[1].Features);
        Assert.NotEqual(result.Methods[0].Features, result.Methods[2].Features);
        Assert.Contains("| FID (ResNet-18) | feature distance (ResNet-18) |", markdown);
        Assert.DoesNotContain("--no-features", markdown);
        if (result.Methods[0].PerArea.Count > 1)
            Assert.Contains("FID (ResNet-18) / feature distance (ResNet-18) per hole-area bin", markdown);
    }

    [Fact]
    public void Chosen_methods_run_alone_and_an_unknown_one_is_named()
    {
        using var temp = new TempFolder();

        var result = InpaintingEvaluation.Run(new InpaintingEvalOptions(tiny.Folder, tiny.Data, Limit: 4,
            Methods: ["telea", EvalMethods.TrueCaption], Features: false));
        var e = Assert.Throws<UserInputException>(() => InpaintingEvaluation.Run(new InpaintingEvalOptions(tiny.Folder, tiny.Data,
            Methods: ["lama"])));

        Assert.Equal([EvalMethods.TrueCaption, "telea"], result.Methods.Select(m => m.Method));
        Assert.Contains("lama", e.Message);

        // Images larger than the model are filled through the window a fill cuts, and judged at their own size.
        SynthBirdsWriter.Write(new SynthBirdsOptions(temp.Combine("birds64"), Count: 12, Size: 64, Seed: 3, TestFraction: 0.5), null, CancellationToken.None);
        var larger = InpaintingEvaluation.Run(new InpaintingEvalOptions(tiny.Folder, temp.Combine("birds64"), Limit: 2, Methods: [EvalMethods.TrueCaption],
            Mask: MaskKind.Box, Features: false));
        Assert.NotNull(larger.Methods[0].Consistency);
        Assert.Equal(64, larger.Sheet[0].Images[0].Image.Width);
        // At a size the part maps do not have, they cannot be judged: said, not faked.
        var resized = InpaintingEvaluation.Run(new InpaintingEvalOptions(tiny.Folder, temp.Combine("birds64"), Limit: 2, Methods: [EvalMethods.TrueCaption],
            Size: 48, Features: false));
        Assert.Null(resized.Methods[0].Consistency);
        Assert.Contains("48x48", resized.Note);
    }

    [Fact]
    public void Without_part_maps_text_consistency_and_the_hole_regions_are_skipped_with_a_note()
    {
        using var temp = new TempFolder();
        ToyColourSquares.Write(temp.Combine("squares"), trainCount: 16, testCount: 8);

        var result = InpaintingEvaluation.Run(new InpaintingEvalOptions(tiny.Folder, temp.Combine("squares"), BatchSize: 4, Features: false));

        Assert.Equal(8, result.Images);
        Assert.All(result.Methods, m => Assert.Null(m.Consistency));
        Assert.All(result.Methods, m => Assert.Null(m.Regions));
        Assert.All(result.Methods, m => Assert.Null(m.PartsByHiding));
        Assert.Contains("not measured", result.Note);
        Assert.DoesNotContain("per part", InpaintingReport.Markdown(result));
        Assert.DoesNotContain("where the hole pixel lies", InpaintingReport.Markdown(result));
    }
}
