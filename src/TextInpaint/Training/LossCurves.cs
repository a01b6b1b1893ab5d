using TextInpaint.Storage;
using ScottPlot;
using SkiaSharp;

namespace TextInpaint.Training;

/// <summary>Draws the series of a <see cref="MetricsLog"/> as a PNG: one panel per figure, raw and smoothed.</summary>
public static class LossCurves
{
    public static void Save(MetricsLog log, string path, IReadOnlyList<string>? columns = null, int panelWidth = 420, int panelHeight = 260)
    {
        var names = (columns ?? log.Columns).Where(c => log.Series(c).Any()).ToList();
        if (names.Count == 0) return;
        int across = Math.Min(3, names.Count), down = (names.Count + across - 1) / across;

        var multiplot = new Multiplot();
        multiplot.AddPlots(names.Count);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(down, across);
        for (int i = 0; i < names.Count; i++)
        {
            var plot = multiplot.GetPlot(i);
            var series = log.Series(names[i]).ToArray();
            double[] xs = series.Select(s => (double)s.Step).ToArray(), ys = series.Select(s => s.Value).ToArray();
            var raw = plot.Add.ScatterLine(xs, ys);
            raw.Color = Colors.SteelBlue.WithAlpha(0.35);
            if (ys.Length >= 10)
            {
                var smooth = plot.Add.ScatterLine(xs, MovingAverage(ys, Math.Max(3, ys.Length / 20)));
                smooth.Color = Colors.DarkBlue;
                smooth.LineWidth = 2;
            }
            plot.Title(names[i]);
            plot.XLabel("step");
        }
        int width = panelWidth * across, height = panelHeight * down;
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        multiplot.Render(surface.Canvas, new PixelRect(0, width, height, 0));
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.WriteAllBytes(path, png.ToArray());
    }

    private static double[] MovingAverage(double[] values, int window)
    {
        var result = new double[values.Length];
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += values[i];
            if (i >= window) sum -= values[i - window];
            result[i] = sum / Math.Min(i + 1, window);
        }
        return result;
    }
}
