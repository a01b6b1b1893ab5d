using TextInpaint.Data.SynthBirds;

namespace TextInpaint.Tests.Data.SynthBirds;

public sealed class BirdRendererTests
{
    private static readonly BirdPart[] CaptionedParts = [BirdPart.Crown, BirdPart.Wing, BirdPart.Belly, BirdPart.Tail];

    [Fact]
    public void Crown_wing_belly_and_tail_each_cover_at_least_30_pixels_of_a_medium_bird_at_64()
    {
        var random = new Random(3);
        foreach (var species in BirdSpeciesCatalog.All.Take(60))
        {
            var bird = BirdRenderer.Render(species.Attributes with { Size = BirdSize.Medium }, 64, random);
            foreach (var part in CaptionedParts)
                Assert.True(bird.Parts.Count(part) >= 30, $"{species.Name}: {part} has {bird.Parts.Count(part)} pixels");
        }
    }

    [Fact]
    public void Mean_colour_of_each_coloured_part_is_nearest_its_own_palette_colour()
    {
        int parts = 0, agreeing = 0;
        for (int index = 0; index < 300; index++)
        {
            var bird = SynthBirdsGenerator.Generate(seed: 5, index, size: 64);
            var image = bird.Rendered.Image;
            foreach (var part in Enum.GetValues<BirdPart>())
            {
                if (bird.Attributes.ColorOf(part) is not { } expected || bird.Rendered.Parts.Count(part) < 8)
                    continue;
                double r = 0, g = 0, b = 0;
                int n = 0;
                for (int i = 0; i < bird.Rendered.Parts.Labels.Length; i++)
                {
                    if (bird.Rendered.Parts.Labels[i] != (byte)part)
                        continue;
                    r += image.Pixels[3 * i];
                    g += image.Pixels[3 * i + 1];
                    b += image.Pixels[3 * i + 2];
                    n++;
                }
                parts++;
                if (BirdPalette.Nearest(r / n, g / n, b / n) == expected)
                    agreeing++;
                else
                    Assert.False(CaptionedParts.Contains(part), $"image {index}: the {part} looks {BirdPalette.Nearest(r / n, g / n, b / n)}, not {expected}");
            }
        }
        Assert.True(agreeing >= 0.99 * parts, $"{agreeing} of {parts} parts agree");
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(256)]
    public void Any_size_renders_the_same_bird_mostly_inside_the_centre_square(int size)
    {
        var bird = BirdRenderer.Render(BirdSpeciesCatalog.Get(1).Attributes, size, new Random(11));
        Assert.Equal(size, bird.Image.Width);
        Assert.Equal(size, bird.Parts.Height);
        int birdPixels = 0, inCentre = 0;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                if (bird.Parts[x, y] == BirdPart.None)
                    continue;
                birdPixels++;
                if (x >= size / 4 && x < 3 * size / 4 && y >= size / 4 && y < 3 * size / 4)
                    inCentre++;
            }
        double coverage = birdPixels / (double)(size * size);
        Assert.InRange(coverage, 0.12, 0.35);
        Assert.True(inCentre > 0.7 * birdPixels, $"{inCentre} of {birdPixels} bird pixels in the centre square");
    }

    [Fact]
    public void Palette_colours_are_far_apart()
    {
        var colors = BirdPalette.Colors;
        foreach (var a in colors)
            foreach (var b in colors.Where(c => c != a))
            {
                var (ar, ag, ab) = BirdPalette.Rgb(a);
                var (br, bg, bb) = BirdPalette.Rgb(b);
                double distance = Math.Sqrt(Math.Pow(ar - br, 2) + Math.Pow(ag - bg, 2) + Math.Pow(ab - bb, 2));
                Assert.True(distance >= 90, $"{a} and {b} are {distance:F0} apart");
            }
    }

    [Fact]
    public void The_catalog_has_200_distinct_species_with_wings_unlike_the_body()
    {
        var all = BirdSpeciesCatalog.All;
        Assert.Equal(Enumerable.Range(1, 200), all.Select(s => s.ClassId));
        Assert.Equal(200, all.Select(s => s.Attributes).Distinct().Count());
        Assert.All(all, s => Assert.NotEqual(s.Attributes.Body, s.Attributes.Wing));
        Assert.All(all, s => Assert.Equal(s.Attributes.WingPattern != WingPattern.Solid, s.Attributes.WingPatternColor is not null));
        Assert.Equal(3, all.Select(s => s.Attributes.Size).Distinct().Count());
    }

    [Fact]
    public void Birds_of_one_species_share_its_shape_but_draw_their_own_colours()
    {
        var birds = Enumerable.Range(0, 3000).Select(i => SynthBirdsGenerator.Generate(seed: 8, i, size: 32))
            .Where(b => b.Species.ClassId == 7).ToList();
        Assert.True(birds.Count >= 5, $"only {birds.Count} birds of species 7");
        var shape = BirdSpeciesCatalog.Get(7).Attributes;
        Assert.All(birds, b =>
        {
            Assert.Equal((shape.BeakLength, shape.WingPattern, shape.HasEyeRing, shape.Size),
                (b.Attributes.BeakLength, b.Attributes.WingPattern, b.Attributes.HasEyeRing, b.Attributes.Size));
            Assert.NotEqual(b.Attributes.Body, b.Attributes.Wing);
        });
        Assert.True(birds.Select(b => b.Attributes.Crown).Distinct().Count() >= 3);
    }
}
