using TextInpaint.Data.Batching;
using TextInpaint.Imaging;
using TextInpaint.Models.Detail;

namespace TextInpaint.Training;

/// <summary>
/// One training example of the detail stage before it becomes tensors: the window at the detail
/// side (<paramref name="Window"/>: target and hole, as <see cref="InpaintingDataset"/> cuts it for a
/// fill), what the base sees of it (<see cref="DetailModel.BaseView"/>), and where the square the
/// stage trains on lies in it.
/// </summary>
public sealed record DetailSample(InpaintingSample Window, RgbImage BaseInput, Mask BaseHole, int CropX, int CropY)
{
    /// <summary>
    /// The sample of a window: the base's view of it at <paramref name="baseSize"/>, and a square of
    /// <paramref name="crop"/> drawn from <paramref name="random"/> that holds a hole pixel (one drawn
    /// evenly from the hole, the square placed evenly among those that hold it and lie in the window).
    /// </summary>
    public static DetailSample Of(InpaintingSample window, int baseSize, int crop, Random random)
    {
        var hole = window.Mask;
        int side = hole.Width;
        if (crop > side)
            throw new ArgumentOutOfRangeException(nameof(crop), crop, $"a crop larger than the {side}x{side} window");
        var view = DetailModel.BaseView(side, baseSize);
        var holePixels = Enumerable.Range(0, hole.Hole.Length).Where(i => hole.Hole[i]).ToArray();
        int pixel = holePixels[random.Next(holePixels.Length)];
        return new DetailSample(window, view.Input(window.Image, hole), view.Hole(hole),
            Place(pixel % side, crop, side, random), Place(pixel / side, crop, side, random));
    }

    /// <summary>The start of a span of <paramref name="crop"/> in [0, side) that holds <paramref name="at"/>, drawn evenly.</summary>
    private static int Place(int at, int crop, int side, Random random)
    {
        int first = Math.Max(0, at - crop + 1), last = Math.Min(side - crop, at);
        return random.Next(first, last + 1);
    }
}
