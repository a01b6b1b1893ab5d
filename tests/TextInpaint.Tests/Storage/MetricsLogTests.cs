using TextInpaint.Storage;

namespace TextInpaint.Tests.Storage;

public sealed class MetricsLogTests
{
    [Fact]
    public void Resuming_drops_the_rows_logged_after_the_checkpoint()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("metrics.csv");
        var log = new MetricsLog(path);
        for (int step = 1; step <= 5; step++)
            log.Append(step, new Dictionary<string, double> { ["gen_l1"] = 1.0 / step, ["discr_adv"] = step });
        log.Save();

        var resumed = new MetricsLog(path, resumeFromStep: 3);

        Assert.Equal(new[] { 1L, 2L, 3L }, resumed.Rows.Select(r => r.Step));
        Assert.Equal(new[] { "gen_l1", "discr_adv" }, resumed.Columns);
        Assert.Equal(0.5, resumed.Series("gen_l1").ElementAt(1).Value, 6);
    }

    [Fact]
    public void A_file_that_is_not_a_metrics_log_is_refused_with_its_name()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("metrics.csv");
        File.WriteAllText(path, "name,value\nx,1\n");

        var error = Assert.Throws<UserInputException>(() => new MetricsLog(path));
        Assert.Contains(path, error.Message);
    }
}
