using TextInpaint.Data.Masks;
using TextInpaint.Imaging;

namespace TextInpaint.Tests.Data.Masks;

public sealed class MaskGeneratorTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(256)]
    public void Centre_mask_hides_exactly_a_quarter_of_the_image_in_the_middle(int size)
    {
        var mask = MaskGenerator.Create(MaskKind.Centre, size, new Random(0));

        Assert.Equal(0.25, mask.HoleFraction);
        Assert.True(mask[size / 4, size / 4]);
        Assert.True(mask[3 * size / 4 - 1, 3 * size / 4 - 1]);
        Assert.False(mask[size / 4 - 1, size / 2]);
        Assert.False(mask[size / 2, 3 * size / 4]);
    }

    [Fact]
    public void Box_masks_are_single_rectangles_with_sides_between_a_quarter_and_sixty_percent()
    {
        const int size = 64;
        var random = new Random(3);
        for (int i = 0; i < 200; i++)
        {
            var mask = MaskGenerator.Box(size, random);
            var (left, top, right, bottom) = Bounds(mask);
            int width = right - left + 1, height = bottom - top + 1;

            Assert.InRange(width, 16, 38);
            Assert.InRange(height, 16, 38);
            Assert.Equal(width * height, mask.Hole.Count(h => h));
        }
    }

    [Fact]
    public void Free_form_masks_cover_twenty_to_thirty_five_percent_on_average_and_are_never_empty_or_too_large()
    {
        var random = new Random(11);
        var areas = Enumerable.Range(0, 500).Select(_ => MaskGenerator.FreeForm(64, random).HoleFraction).ToArray();

        Assert.InRange(areas.Average(), 0.20, 0.35);
        Assert.All(areas, area => Assert.InRange(area, 1.0 / (64 * 64), MaskGenerator.MaxFreeFormArea));
        Assert.True(areas.Max() - areas.Min() > 0.15, "free-form masks should vary in size");
    }

    [Theory]
    [InlineData(128)]
    [InlineData(256)]
    public void Free_form_masks_keep_their_area_statistics_at_larger_sizes(int size)
    {
        var random = new Random(size);
        var areas = Enumerable.Range(0, 100).Select(_ => MaskGenerator.FreeForm(size, random).HoleFraction).ToArray();

        Assert.InRange(areas.Average(), 0.20, 0.35);
        Assert.All(areas, area => Assert.InRange(area, 1.0 / (size * size), MaskGenerator.MaxFreeFormArea));
    }

    [Fact]
    public void Object_mask_covers_the_object_and_stays_within_a_few_pixels_of_it()
    {
        const int size = 64;
        var region = Mask.Box(size, size, 20, 24, 16, 10).Hole;
        int margin = MaskGenerator.ObjectMargin(size);

        var mask = MaskGenerator.Create(MaskKind.Object, size, new Random(0), region);

        Assert.All(Enumerable.Range(0, region.Length), i => Assert.True(!region[i] || mask.Hole[i]));
        Assert.True(mask.Hole.Count(h => h) > region.Count(r => r), "the object hole should reach beyond the object");
        Assert.Equal((20 - margin, 24 - margin, 35 + margin, 33 + margin), Bounds(mask));
    }

    [Fact]
    public void Object_mask_without_an_object_falls_back_to_the_centre_box()
    {
        var empty = MaskGenerator.Create(MaskKind.Object, 64, new Random(0), new bool[64 * 64]);
        var absent = MaskGenerator.Create(MaskKind.Object, 64, new Random(0));

        Assert.Equal(MaskGenerator.Centre(64).Hole, empty.Hole);
        Assert.Equal(MaskGenerator.Centre(64).Hole, absent.Hole);
    }

    [Theory]
    [InlineData(MaskKind.Box)]
    [InlineData(MaskKind.FreeForm)]
    public void Random_masks_repeat_for_a_seed_and_differ_between_seeds(MaskKind kind)
    {
        var first = MaskGenerator.Create(kind, 64, new Random(42));
        var again = MaskGenerator.Create(kind, 64, new Random(42));
        var other = MaskGenerator.Create(kind, 64, new Random(43));

        Assert.Equal(first.Hole, again.Hole);
        Assert.NotEqual(first.Hole, other.Hole);
    }

    [Fact]
    public void Mixed_masks_draw_centre_squares_boxes_strokes_and_object_silhouettes()
    {
        var random = new Random(5);
        var centre = MaskGenerator.Centre(64).Hole;
        var region = new bool[64 * 64];
        for (int y = 20; y < 40; y++)
            for (int x = 10 + y / 2; x < 50; x++)
                region[y * 64 + x] = true;
        var silhouette = MaskGenerator.Object(64, region).Hole;
        var masks = Enumerable.Range(0, 120).Select(_ => MaskGenerator.Create(MaskKind.Mixed, 64, random, region)).ToList();

        int centres = masks.Count(m => m.Hole.SequenceEqual(centre));
        int silhouettes = masks.Count(m => m.Hole.SequenceEqual(silhouette));
        int rectangles = masks.Count(m => !m.Hole.SequenceEqual(centre) && IsRectangle(m));
        int strokes = masks.Count - centres - silhouettes - rectangles;

        Assert.All(new[] { centres, silhouettes, rectangles, strokes }, n => Assert.InRange(n, 15, 50));
    }

    [Fact]
    public void Background_boxes_keep_off_the_object_by_its_margin_and_fall_back_to_a_box_without_one()
    {
        const int size = 64;
        var region = Mask.Box(size, size, 16, 20, 30, 24).Hole;
        int margin = MaskGenerator.ObjectMargin(size);
        var random = new Random(3);
        for (int n = 0; n < 50; n++)
        {
            var mask = MaskGenerator.Create(MaskKind.Background, size, random, region);
            var (left, top, right, bottom) = Bounds(mask);
            Assert.True(IsRectangle(mask));
            Assert.True(right < 16 - margin || left > 45 + margin || bottom < 20 - margin || top > 43 + margin,
                $"box {left},{top}-{right},{bottom} touches the object");
            Assert.InRange(right - left + 1, (int)Math.Ceiling(MaskGenerator.MinBackgroundSide * size), (int)(MaskGenerator.MaxBackgroundSide * size));
        }
        Assert.True(IsRectangle(MaskGenerator.Create(MaskKind.Background, size, new Random(1))));
    }

    [Fact]
    public void Any_draws_every_kind_and_background_boxes_among_them()
    {
        var random = new Random(8);
        var region = Mask.Box(64, 64, 24, 24, 16, 16).Hole;
        var near = MaskGenerator.Object(64, region).Hole;
        var masks = Enumerable.Range(0, 150).Select(_ => MaskGenerator.Create(MaskKind.Any, 64, random, region)).ToList();

        int offObject = masks.Count(m => IsRectangle(m) && !m.Hole.Where((h, i) => h && near[i]).Any());
        Assert.InRange(offObject, 20, 60);
        Assert.Contains(masks, m => m.Hole.SequenceEqual(MaskGenerator.Centre(64).Hole));
        Assert.Contains(masks, m => m.Hole.SequenceEqual(near));
    }

    private static bool IsRectangle(Mask mask)
    {
        var (left, top, right, bottom) = Bounds(mask);
        return mask.Hole.Count(h => h) == (right - left + 1) * (bottom - top + 1);
    }

    private static (int Left, int Top, int Right, int Bottom) Bounds(Mask mask)
    {
        int left = mask.Width, top = mask.Height, right = -1, bottom = -1;
        for (int y = 0; y < mask.Height; y++)
            for (int x = 0; x < mask.Width; x++)
                if (mask[x, y])
                    (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
        return (left, top, right, bottom);
    }
}
