using System.CommandLine;
using System.Globalization;
using TextInpaint.Data;

namespace TextInpaint.Cli.Commands;

/// <summary>`textinpaint data --data DIR [--kind K]`: reads a data set and prints what it holds.</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The data set folder.", Required = true };
        var kind = CommonOptions.DataKind("Its layout");
        var command = new Command("data", "Check a data set: detected layout, split sizes, classes and caption statistics.")
        {
            data,
            kind,
        };
        command.SetAction(parse =>
        {
            var summary = DatasetSummary.Of(parse.GetValue(data)!, parse.GetValue(kind)!);
            Print(summary, parse.InvocationConfiguration.Output);
            return 0;
        });
        return command;
    }

    private static void Print(DatasetSummary summary, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine($"kind: {summary.Kind}");
        output.WriteLine($"images: {summary.TrainCount} train, {summary.TestCount} test");
        output.WriteLine($"classes: {summary.ClassCount}");
        output.WriteLine(string.Create(culture,
            $"captions: {summary.CaptionCount}, words per caption {summary.MinWordsPerCaption} to {summary.MaxWordsPerCaption} (mean "
                + $"{summary.MeanWordsPerCaption:F1})"));
        output.WriteLine($"vocabulary: {summary.VocabularySize} words");
        foreach (var caption in summary.SampleCaptions)
            output.WriteLine($"sample: {caption}");
    }
}
