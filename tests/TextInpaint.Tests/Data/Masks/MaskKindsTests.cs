using TextInpaint.Data.Masks;

namespace TextInpaint.Tests.Data.Masks;

public sealed class MaskKindsTests
{
    [Theory]
    [InlineData("centre", MaskKind.Centre)]
    [InlineData("Center", MaskKind.Centre)]
    [InlineData("box", MaskKind.Box)]
    [InlineData("free-form", MaskKind.FreeForm)]
    [InlineData(" FreeForm ", MaskKind.FreeForm)]
    [InlineData("object", MaskKind.Object)]
    [InlineData("mixed", MaskKind.Mixed)]
    public void Mask_option_values_parse_to_their_kind(string value, MaskKind expected) =>
        Assert.Equal(expected, MaskKinds.Parse(value));

    [Fact]
    public void An_unknown_mask_kind_is_refused_listing_the_valid_kinds()
    {
        var error = Assert.Throws<UserInputException>(() => MaskKinds.Parse("circle"));

        Assert.Contains("--mask", error.Message);
        Assert.Contains("circle", error.Message);
        Assert.All(MaskKinds.Names, name => Assert.Contains(name, error.Message));
    }

    [Fact]
    public void Every_kind_has_a_name_that_parses_back_to_it() =>
        Assert.All(Enum.GetValues<MaskKind>(), kind => Assert.Equal(kind, MaskKinds.Parse(MaskKinds.NameOf(kind))));
}
