using TextInpaint.Storage;

namespace TextInpaint.Tests.Storage;

public sealed class DetailFolderTests
{
    private const string Valid = """
        { "side": 256, "network": { "fullWidth": 16, "halfWidth": 32, "quarterWidth": 64, "residualBlocks": 4 }, "base": "synthbirds64",
          "kind": "textinpaint-detail", "version": 1 }
        """;

    [Fact]
    public void A_valid_config_reads_back_as_written()
    {
        using var temp = new TempFolder();
        temp.WriteText("detail.json", Valid);

        var config = DetailFolder.LoadConfig(temp.Path);

        Assert.Equal((256, 4, "synthbirds64"), (config.Side, config.Network.ResidualBlocks, config.Base));
        Assert.True(ModelFolder.Exists(temp.Path));
    }

    [Theory]
    [InlineData("\"side\": 256", "\"side\": 30", "'side' is 30; expected a multiple of 4 from 4 to 4096")]
    [InlineData("\"quarterWidth\": 64", "\"quarterWidth\": 100000", "'network.quarterWidth' is 100000; expected a width from 1 to 512")]
    [InlineData("\"residualBlocks\": 4", "\"residualBlocks\": -1", "'network.residualBlocks' is -1; expected a count from 0 to 32")]
    [InlineData("\"base\": \"synthbirds64\"", "\"base\": \"\"", "'base' is missing; expected the name of the MMFL model it paints over")]
    [InlineData("\"kind\": \"textinpaint-detail\"", "\"kind\": \"textinpaint-mmfl\"", "not a TextInpaint detail model (kind 'textinpaint-mmfl')")]
    [InlineData("\"version\": 1", "\"version\": 2", "format version 2; this build reads version 1")]
    public void A_damaged_config_is_refused_in_one_line_naming_the_file_and_field(string field, string damaged, string says)
    {
        using var temp = new TempFolder();
        var path = temp.WriteText("detail.json", Valid.Replace(field, damaged));

        var error = Assert.Throws<UserInputException>(() => DetailFolder.LoadConfig(temp.Path));

        Assert.Equal($"{path}: {says}", error.Message.TrimEnd('.'));
    }
}
