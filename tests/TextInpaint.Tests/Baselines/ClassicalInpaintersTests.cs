using TextInpaint.Baselines;
using TextInpaint.Imaging;

namespace TextInpaint.Tests.Baselines;

public sealed class ClassicalInpaintersTests
{
    private static RgbImage Make(int size, Func<int, int, (byte, byte, byte)> colour)
    {
        var image = new RgbImage(size, size);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                image[x, y] = colour(x, y);
        return image;
    }

    /// <summary>Mean absolute difference per channel over the hole.</summary>
    private static double HoleError(RgbImage truth, RgbImage result, Mask mask)
    {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < mask.Hole.Length; i++)
            if (mask.Hole[i])
                for (int c = 0; c < 3; c++, count++)
                    sum += Math.Abs(truth.Pixels[3 * i + c] - result.Pixels[3 * i + c]);
        return sum / count;
    }

    private static void AssertKnownPixelsKept(RgbImage image, RgbImage result, Mask mask)
    {
        for (int i = 0; i < mask.Hole.Length; i++)
            if (!mask.Hole[i])
                Assert.True(image.Pixels.AsSpan(3 * i, 3).SequenceEqual(result.Pixels.AsSpan(3 * i, 3)), $"known pixel {i} changed");
    }

    public static TheoryData<string> Methods => ["telea", "navier-stokes", "fsr", "patchmatch"];

    private static IImageInpainter Create(string name) => ClassicalInpainters.Find(name)!;

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_smooth_ramp_is_continued_across_the_hole(string method)
    {
        var ramp = Make(48, (x, y) => ((byte)(40 + 3 * x), (byte)(200 - 2 * y), 90));
        var mask = Mask.Box(48, 48, 16, 16, 16, 16);
        var holed = MaskOps.GreyOut(ramp, mask);

        var result = Create(method).Inpaint(holed, mask);

        Assert.Equal((48, 48), (result.Width, result.Height));
        AssertKnownPixelsKept(holed, result, mask);
        double error = HoleError(ramp, result, mask);
        double greyError = HoleError(ramp, holed, mask);
        Assert.True(error < 0.25 * greyError, $"{method}: hole error {error:F1} against {greyError:F1} for grey");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_flat_colour_is_filled_with_that_colour_on_a_non_square_image(string method)
    {
        var flat = new RgbImage(40, 24);
        for (int i = 0; i < flat.Pixels.Length; i += 3)
            (flat.Pixels[i], flat.Pixels[i + 1], flat.Pixels[i + 2]) = ((byte)200, (byte)60, (byte)30);
        var mask = Mask.Box(40, 24, 5, 4, 20, 12);
        var holed = MaskOps.GreyOut(flat, mask);

        var result = Create(method).Inpaint(holed, mask);

        Assert.Equal((40, 24), (result.Width, result.Height));
        AssertKnownPixelsKept(holed, result, mask);
        Assert.True(HoleError(flat, result, mask) <= 1, $"{method}: hole error {HoleError(flat, result, mask):F2}");
    }

    [Fact]
    public void Through_the_window_only_the_hole_changes_and_is_filled_from_around_it()
    {
        var image = Make(320, (x, y) => ((byte)(40 + x / 2), (byte)(200 - y / 2), 90));
        var mask = Mask.Box(320, 320, 100, 120, 150, 90);

        var result = ClassicalInpainters.InpaintWindow(OpenCvInpainter.Telea, MaskOps.GreyOut(image, mask), mask);

        Assert.Equal((320, 320), (result.Width, result.Height));
        AssertKnownPixelsKept(MaskOps.GreyOut(image, mask), result, mask);
        Assert.True(HoleError(image, result, mask) < 0.25 * HoleError(image, MaskOps.GreyOut(image, mask), mask));
        Assert.Equal(["telea", "navier-stokes", "fsr", "patchmatch"], ClassicalInpainters.All.Select(m => m.Name));
        Assert.Same(OpenCvInpainter.Fsr, ClassicalInpainters.Find("fsr"));
        Assert.Null(ClassicalInpainters.Find("lama"));
    }

    [Fact]
    public void PatchMatch_continues_a_stripe_texture_that_diffusion_blurs()
    {
        var stripes = Make(64, (x, y) => (x / 4 + y / 4) % 2 == 0 ? ((byte)220, (byte)60, (byte)40) : ((byte)30, (byte)40, (byte)160));
        var mask = Mask.Box(64, 64, 24, 24, 16, 16);
        var holed = MaskOps.GreyOut(stripes, mask);

        var patch = new PatchMatchInpainter().Inpaint(holed, mask);
        var telea = OpenCvInpainter.Telea.Inpaint(holed, mask);

        AssertKnownPixelsKept(holed, patch, mask);
        double patchError = HoleError(stripes, patch, mask), teleaError = HoleError(stripes, telea, mask);
        Assert.True(patchError < 0.6 * teleaError, $"patchmatch {patchError:F1}, telea {teleaError:F1}");
        Assert.Equal(patch.Pixels, new PatchMatchInpainter().Inpaint(holed, mask).Pixels);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Without_a_hole_the_image_comes_back_unchanged(string method)
    {
        var image = Make(20, (x, y) => ((byte)x, (byte)y, 7));

        Assert.Equal(image.Pixels, Create(method).Inpaint(image, new Mask(20, 20)).Pixels);
    }

    /// <summary>
    /// PatchMatch's output on a seeded noisy texture with an irregular hole, pinned by its SHA-256
    /// (taken with OpenCV's Telea as the coarsest level's start): a change to the search or the
    /// voting that moves a single pixel shows here.
    /// </summary>
    [Fact]
    public void PatchMatch_fills_a_seeded_texture_exactly_as_pinned()
    {
        var random = new Random(7);
        var texture = Make(64, (x, y) => ((byte)((x * 37 + y * 11) % 200 + random.Next(40)), (byte)((x / 5 + y / 3) % 2 * 150 + random.Next(60)),
            (byte)random.Next(256)));
        var hole = new bool[64 * 64];
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
                hole[y * 64 + x] = (x - 30) * (x - 30) + 3 * (y - 34) * (y - 34) < 260 || (x > 50 && y < 20 && (x + y) % 3 != 0);
        var mask = new Mask(64, 64, hole);

        var result = new PatchMatchInpainter().Inpaint(MaskOps.GreyOut(texture, mask), mask);

        Assert.Equal("3F852CE91792E1D6D6506464431476847836D250E81ED40E793079C23B610E0E",
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(result.Pixels)));
    }

    /// <summary>
    /// PatchMatch keeps working arrays per thread between fills; no method's fill may depend on
    /// what the thread filled before (larger or smaller images, other holes).
    /// </summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public void A_fill_does_not_depend_on_the_fills_before_it(string method)
    {
        var random = new Random(11);
        RgbImage Noisy(int size) => Make(size, (x, y) => ((byte)((x * 13 + y * 7) % 180 + random.Next(60)), (byte)random.Next(256),
            (byte)((x + y) % 2 * 120 + random.Next(80))));
        Mask Hole(int size) => Mask.Box(size, size, size / 4, size / 3, size / 2, size / 3);
        var inpainter = Create(method);
        var image = Noisy(48);

        var first = inpainter.Inpaint(MaskOps.GreyOut(image, Hole(48)), Hole(48));
        inpainter.Inpaint(MaskOps.GreyOut(Noisy(96), Hole(96)), Hole(96));
        inpainter.Inpaint(MaskOps.GreyOut(Noisy(32), Hole(32)), Hole(32));
        var again = inpainter.Inpaint(MaskOps.GreyOut(image, Hole(48)), Hole(48));

        Assert.Equal(first.Pixels, again.Pixels);
    }
}
