using System.CommandLine;
using System.Globalization;
using System.Numerics;
using TextInpaint.Data;
using TextInpaint.Data.Masks;
using TextInpaint.Runtime;
using TextInpaint.Training;

namespace TextInpaint.Cli;

/// <summary>Options shared by several commands.</summary>
public static class CommonOptions
{
    public static Option<int> Threads() => new Option<int>("--threads")
    {
        Description = "CPU threads for libtorch (on a busy shared machine, 1 can be faster).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    }.Within(1, 1024);

    /// <summary>--device: where libtorch runs.</summary>
    public static Option<string> Device() => new("--device")
    {
        Description = "cpu, or cuda where a CUDA build of TorchSharp is installed.",
        DefaultValueFactory = _ => "cpu",
    };

    /// <summary>--overwrite: the exception to the output-folder rule (see <see cref="OutputFolder"/>).</summary>
    public static Option<bool> Overwrite() => new("--overwrite")
    {
        Description = "Write into --out even when it holds files this command did not write there (those of the same names are replaced).",
    };

    /// <summary>--kind: a data set's layout, from the layouts <see cref="DatasetLoader"/> knows.</summary>
    public static Option<string> DataKind(string description = "Data set layout") => new("--kind")
    {
        Description = $"{description}: {DatasetLoader.Auto} (detect), {string.Join(", ", DatasetKind.All)}.",
        DefaultValueFactory = _ => DatasetLoader.Auto,
    };

    /// <summary>--data: a data set folder of any layout <see cref="DatasetLoader"/> reads.</summary>
    public static Option<string> Data(string defaultValue) => new("--data")
    {
        Description = "Data set folder (SynthBirds, CUB-200, Oxford-102, CelebA-HQ layouts, or a folder of images with .txt captions).",
        DefaultValueFactory = _ => defaultValue,
    };

    /// <summary>--out: the folder a training run writes, and resumes.</summary>
    public static Option<string> RunFolder(string defaultValue, string what) => new("--out")
    {
        Description = $"{what} to write (rerun the same command to resume it).",
        DefaultValueFactory = _ => defaultValue,
    };

    /// <summary>--mask: the kind of holes a run trains on.</summary>
    public static Option<string> TrainingMask(MaskKind defaultValue) => new("--mask")
    {
        Description = $"Holes to train on: {string.Join(", ", MaskKinds.Names)}.",
        DefaultValueFactory = _ => MaskKinds.NameOf(defaultValue),
    };

    /// <summary>A loss weight, from 0 to 100, named <paramref name="name"/>.</summary>
    public static Option<double> Weight(string name, string description, double defaultValue) => new Option<double>(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
    }.Within(0.0, 100.0);

    /// <summary>A share of the samples, from 0 to 1, named <paramref name="name"/>.</summary>
    public static Option<double> Share(string name, string description, double defaultValue) => new Option<double>(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
    }.Within(0.0, 1.0);

    /// <summary>The perceptual term's weight: what it compares is <paramref name="between"/>.</summary>
    public static Option<double> PerceptualWeight(double defaultValue, string between) => Weight("--perceptual-weight",
        "Weight of a perceptual term: the feature distance on the ImageNet ResNet-18 (of the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18) "
        + $"between {between}.", defaultValue);

    /// <summary>--epochs: passes over the training split.</summary>
    public static Option<int> Epochs(int defaultValue) => new Option<int>("--epochs")
    {
        Description = "Passes over the training split.",
        DefaultValueFactory = _ => defaultValue,
    }.Within(1, 100000);

    /// <summary>--lr: Adam's learning rate before --decay-epochs lowers it (a run that starts from a trained model may ask for less).</summary>
    public static Option<double> LearningRate(double defaultValue) => new Option<double>("--lr")
    {
        Description = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Adam's learning rate, before --decay-epochs lowers it ({defaultValue}: MMFL's)."),
        DefaultValueFactory = _ => defaultValue,
    }.Within(1e-9, 1.0);

    /// <summary>--decay-epochs: the linear fall of the learning rate at the end of a run.</summary>
    public static Option<int> DecayEpochs(string constant) => new Option<int>("--decay-epochs")
    {
        Description = $"Epochs at the end of the run over which the learning rate falls linearly (0: {constant}).",
    }.Within(0, 100000);

    /// <summary>--validation-images: test images a training run watches at its checkpoints.</summary>
    public static Option<int> ValidationImages(int defaultValue, string what) => new Option<int>("--validation-images")
    {
        Description = $"Test images for {what} (0: no validation).",
        DefaultValueFactory = _ => defaultValue,
    }.Within(0, 1_000_000);

    /// <summary>--checkpoint-every: steps between a training run's checkpoints.</summary>
    public static Option<int> CheckpointEvery(int defaultValue) => new Option<int>("--checkpoint-every")
    {
        Description = "Steps between checkpoints (with validation figures and a sample sheet; 0: only at the end and when stopped).",
        DefaultValueFactory = _ => defaultValue,
    }.Within(0, int.MaxValue);

    /// <summary>--sample-every: steps between a training run's sample sheets.</summary>
    public static Option<int> SampleEvery(int defaultValue) => new Option<int>("--sample-every")
    {
        Description = "Steps between sample sheets (0: only at checkpoints).",
        DefaultValueFactory = _ => defaultValue,
    }.Within(0, int.MaxValue);

    /// <summary>Refuses, as a parse error naming the option, a value below <paramref name="min"/>, above <paramref name="max"/> or not a number.</summary>
    public static Option<T> Within<T>(this Option<T> option, T min, T max) where T : struct, INumber<T>
    {
        option.Validators.Add(result => CheckRange(result, TryValue(result, out T value) ? value : null, min, max));
        return option;
    }

    /// <inheritdoc cref="Within{T}(Option{T}, T, T)"/>
    public static Option<T?> Within<T>(this Option<T?> option, T min, T max) where T : struct, INumber<T>
    {
        option.Validators.Add(result => CheckRange(result, TryValue(result, out T? value) ? value : null, min, max));
        return option;
    }

    private static void CheckRange<T>(System.CommandLine.Parsing.OptionResult result, T? value, T min, T max) where T : struct, INumber<T>
    {
        if (result.Implicit || value is not { } given) return;
        if (T.IsNaN(given) || given < min || given > max)
            result.AddError(string.Create(CultureInfo.InvariantCulture,
                $"{result.Option.Name} {given}: must be a number from {Number(min)} to {Number(max)}."));
    }

    /// <summary>The option's value; false when it is not of the option's type (the parser reports that itself).</summary>
    private static bool TryValue<T>(System.CommandLine.Parsing.OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    private static string Number<T>(T value) where T : struct, INumber<T> =>
        value is double or float ? string.Create(CultureInfo.InvariantCulture, $"{value:0.##########}")
            : string.Create(CultureInfo.InvariantCulture, $"{value:N0}");

    /// <summary>Prints a benchmark's Markdown table and, when <paramref name="output"/> was given, writes it to that file too.</summary>
    public static void PrintTable(ParseResult parse, string table, Option<string?> output)
    {
        var console = parse.InvocationConfiguration.Output;
        console.WriteLine();
        console.Write(table);
        if (parse.GetValue(output) is { } file)
        {
            AtomicFile.WriteAllText(file, table);
            console.WriteLine($"written to {file}");
        }
    }

    /// <summary>
    /// Runs a training job with a progress bar: first finishes what an interrupted checkpoint
    /// left, says whether and from which step the run resumes, and ends with the line
    /// "trained to step N; WHAT in FOLDER (M min this run)".
    /// </summary>
    public static async Task<long> RunTrainingAsync(ParseResult parse, ITrainingJob job, string folder, string what, CancellationToken cancel)
    {
        var console = parse.InvocationConfiguration.Output;
        var started = DateTime.UtcNow;
        var steps = await ConsoleProgress.RunAsync(progress => Task.Run(() => job.Run(console.WriteLine, progress, cancel), cancel));
        console.WriteLine($"trained to step {steps}; {what} in {folder} ({(DateTime.UtcNow - started).TotalMinutes:F1} min this run)");
        return steps;
    }

    public static void Apply(ParseResult parse, Option<int> threads) => TorchRuntime.SetThreads(parse.GetValue(threads));
}
