using TextInpaint.Imaging;
using TextInpaint.Storage;
using TextInpaint.Training;

namespace TextInpaint.Tests.Training;

public sealed class LossCurvesTests
{
    [Fact]
    public void Each_logged_figure_gets_a_panel_with_its_smoothed_curve_three_panels_across()
    {
        using var temp = new TempFolder();
        var log = new MetricsLog(temp.Combine("metrics.csv"));
        for (int step = 1; step <= 40; step++)
            log.Append(step, new Dictionary<string, double> { ["gen_l1"] = 1.0 / step, ["gen_adv"] = Math.Sin(step), ["discr_adv"] = step, ["gen_tga"] = 2 });
        var png = temp.Combine("curves.png");

        LossCurves.Save(log, png, panelWidth: 300, panelHeight: 200);

        var image = ImageFiles.Load(png);
        Assert.Equal((900, 400), (image.Width, image.Height));
        for (int panel = 0; panel < 4; panel++)
        {
            int left = panel % 3 * 300, top = panel / 3 * 200;
            Assert.True(HasSmoothedCurve(image, left, top, 300, 200), $"panel {panel} has no smoothed (dark blue) curve");
        }
        Assert.False(HasSmoothedCurve(image, 600, 200, 300, 200), "the empty sixth cell has a curve");
    }

    [Fact]
    public void A_log_without_rows_draws_nothing()
    {
        using var temp = new TempFolder();
        var png = temp.Combine("curves.png");

        LossCurves.Save(new MetricsLog(temp.Combine("metrics.csv")), png);

        Assert.False(File.Exists(png));
    }

    // The smoothed series is drawn in ScottPlot's DarkBlue (#00008B), a colour nothing else in a panel has.
    private static bool HasSmoothedCurve(RgbImage image, int left, int top, int width, int height)
    {
        for (int y = top; y < top + height; y++)
            for (int x = left; x < left + width; x++)
            {
                var (r, g, b) = image[x, y];
                if (r < 40 && g < 40 && b > 110 && b < 170)
                    return true;
            }
        return false;
    }
}
