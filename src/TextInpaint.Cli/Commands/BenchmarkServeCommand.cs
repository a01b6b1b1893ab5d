using System.CommandLine;
using TextInpaint.Benchmarks.Serving;
using TextInpaint.Web;

namespace TextInpaint.Cli.Commands;

/// <summary>`textinpaint benchmark-serve`: a load test of the server on loopback.</summary>
public static class BenchmarkServeCommand
{
    public static Command Create()
    {
        var clients = new Option<int>("--clients")
        {
            Description = "Clients sending fills at once, each from its own loopback address.",
            DefaultValueFactory = _ => 100,
        };
        var seconds = new Option<int>("--seconds") { Description = "How long they send.", DefaultValueFactory = _ => 60 };
        var model = new Option<string>("--model")
        {
            Description = $"Model folder (default: the shipped {DefaultModel.RelativePath}).",
            DefaultValueFactory = _ => DefaultModel.Folder(),
        };
        var size = new Option<string>("--size") { Description = "Image size WIDTHxHEIGHT of each request.", DefaultValueFactory = _ => "640x480" };
        var warmup = new Option<int>("--warmup")
        {
            Description = "Seconds of load before the measured time (the managed heap grows to its working size meanwhile).",
            DefaultValueFactory = _ => 10,
        }.Within(0, 3600);
        var threads = CommonOptions.Threads();
        var command = new Command("benchmark-serve",
            "Start the server on a free loopback port and send it the page's fill request from many clients at once: answers by status, p50/p95/p99 "
                + "round trip, fills per second, resident memory over the first and the last 10 s.")
        {
            clients, seconds, warmup, model, size, threads,
        };
        command.SetAction(async (parse, ct) =>
        {
            var console = parse.InvocationConfiguration.Output;
            var sides = parse.GetValue(size)!.Split('x');
            if (sides.Length != 2 || !int.TryParse(sides[0], out int width) || !int.TryParse(sides[1], out int height) || width < 64 || height < 64)
                throw new UserInputException($"--size {parse.GetValue(size)}: expected WIDTHxHEIGHT, each a whole number of at least 64, e.g. 640x480.");
            long limit = new ServerOptions().MaxImagePixels;
            if ((long)width * height > limit)
                throw new UserInputException($"--size {width}x{height}: {(long)width * height:N0} pixels, more than the {limit:N0} the server "
                    + $"accepts ({ServerOptions.Section}:MaxImagePixels); every fill would be refused.");
            if (parse.GetValue(warmup) < 0)
                throw new UserInputException($"--warmup {parse.GetValue(warmup)}: give zero or more seconds.");
            if (parse.GetValue(seconds) < 1)
                throw new UserInputException($"--seconds {parse.GetValue(seconds)}: give a positive number of seconds.");
            CommonOptions.Apply(parse, threads);
            var report = await LoadBenchmark.RunAsync(new LoadOptions(parse.GetValue(model)!, parse.GetValue(clients),
                TimeSpan.FromSeconds(parse.GetValue(seconds)), width, height, parse.GetValue(warmup)),
                new Progress<string>(line => parse.InvocationConfiguration.Error.WriteLine(line)), ct);
            console.WriteLine($"{report.Clients} clients, {report.Duration.TotalSeconds:0} s after {parse.GetValue(warmup)} s of warm-up, "
                + $"{report.Width}x{report.Height} JSON fills on loopback");
            foreach (var (status, count) in report.Statuses.OrderBy(s => s.Key))
                console.WriteLine($"  {StatusName(status)}: {count}");
            console.WriteLine(report.Statuses.Count == 0 ? "  no answer came back in the measured time"
                : report.Statuses.GetValueOrDefault(200) == 0 ? "  round trip of 200s: none came back"
                : $"  round trip of 200s: p50 {report.Latency.P50:0.0} ms, p95 {report.Latency.P95:0.0} ms, p99 {report.Latency.P99:0.0} ms");
            console.WriteLine($"  throughput: {report.FillsPerSecond:0.0} fills/s");
            var (first, last) = (report.First, report.Last);
            console.WriteLine($"  resident memory: {LoadBenchmark.MB(first.Resident)} MB over the first 10 s, {LoadBenchmark.MB(last.Resident)} MB "
                + $"over the last 10 s: "
                + (report.ResidentFlat ? $"flat (within {LoadReport.FlatTolerance:P0})" : $"NOT flat (more than {LoadReport.FlatTolerance:P0} apart)"));
            console.WriteLine($"    managed heap {LoadBenchmark.MB(first.ManagedHeap)} and {LoadBenchmark.MB(last.ManagedHeap)} MB, malloc in use "
                + $"{LoadBenchmark.MB(first.MallocInUse)} and {LoadBenchmark.MB(last.MallocInUse)} MB, "
                + $"malloc free {LoadBenchmark.MB(first.MallocFree)} and {LoadBenchmark.MB(last.MallocFree)} MB, live tensors {first.LiveTensors} "
                + $"and {last.LiveTensors}");
            console.WriteLine($"  resident memory: idle {LoadBenchmark.MB(report.Idle.Resident)} MB before the load, peak "
                + $"{LoadBenchmark.MB(report.PeakResident)} MB, "
                + $"{LoadBenchmark.MB(report.After.Resident)} MB {LoadReport.SettleSeconds} s after it "
                + $"({report.After.Resident / (double)report.Idle.Resident - 1:+0%;-0%} of idle)");
            var unexpected = report.Statuses.Where(s => s.Key is not (200 or 429 or 503)).Select(s => $"{StatusName(s.Key)} x {s.Value}").ToList();
            console.WriteLine(unexpected.Count == 0 ? "  only 200, 429 and 503 with Retry-After" : $"  UNEXPECTED answers: {string.Join(", ", unexpected)}");
            return report.OnlyExpectedAnswers ? 0 : 1;
        });
        return command;
    }

    private static string StatusName(int status) => status switch
    {
        -1 => "429/503 without Retry-After",
        0 => "no answer (connection failed)",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
