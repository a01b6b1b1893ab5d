using TextInpaint.Inference;

namespace TextInpaint.Tests.Inference;

public sealed class InpaintManifestRulesTests
{
    private static UserInputException Refusal(string manifest, string rows)
    {
        File.WriteAllText(manifest, rows);
        return Assert.Throws<UserInputException>(() => InpaintManifest.Read(manifest));
    }

    [Fact]
    public void A_row_may_not_write_another_rows_input_the_manifest_or_another_rows_output()
    {
        using var temp = new TempFolder();
        var manifest = temp.Combine("m.csv");
        File.WriteAllText(temp.Combine("keep1.png"), "x");
        File.WriteAllText(temp.Combine("keep2.png"), "x");

        Assert.Contains("keep1.png", Refusal(manifest,
            "keep1.png,\"10,10,50,50\",a red crown,o_a.png\nkeep2.png,\"10,10,50,50\",a red crown,keep1.png\n").Message);
        Assert.Contains("m.csv", Refusal(manifest, "keep1.png,\"10,10,50,50\",a red crown,m.csv\n").Message);
        Assert.Contains("two rows", Refusal(manifest, "keep1.png,\"10,10,50,50\",red,same.png\nkeep2.png,\"10,10,50,50\",blue,same.png\n").Message);
        Assert.Equal("x", File.ReadAllText(temp.Combine("keep1.png")));
    }

    [Fact]
    public void Rows_that_share_an_input_and_write_their_own_outputs_are_read()
    {
        using var temp = new TempFolder();
        var manifest = temp.Combine("m.csv");
        File.WriteAllText(manifest, "bird.png,\"1,1,5,5\",red,a.png\nbird.png,\"1,1,5,5\",blue,b.png\n");

        var (jobs, rejected) = InpaintManifest.Read(manifest);

        Assert.Equal(2, jobs.Count);
        Assert.Empty(rejected);
    }
}
