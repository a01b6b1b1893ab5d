using TextInpaint.Models.Damsm;
using TextInpaint.Models.Mmfl;
using TorchSharp;

namespace TextInpaint.Storage;

/// <summary>
/// The files of a model folder: <c>model.json</c>, <c>generator.pt</c>, and the DAMSM encoders
/// with their vocabulary under <c>damsm/</c>, so that the folder is complete by itself.
/// </summary>
public static class MmflFolder
{
    public const string ConfigFile = "model.json", GeneratorFile = "generator.pt", DamsmSubfolder = "damsm";

    /// <summary>How the model was trained (the training recipe), beside <c>model.json</c>; a model without it still loads.</summary>
    public const string RecipeFile = RunLayout.RecipeFile;

    /// <summary>The name of the data set the model was trained on, from its recipe; null when the folder has none.</summary>
    public static string? TrainedOn(string folder)
    {
        var path = Path.Combine(folder, RecipeFile);
        if (!File.Exists(path)) return null;
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(UserFiles.ReadAllText(path, "JSON file"))?["data"]?.GetValue<string>();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, ConfigFile));

    public static MmflConfig LoadConfig(string folder)
    {
        var config = ConfigFiles.Read<MmflConfig>(folder, ConfigFile, "no such model folder", "a TextInpaint model", MmflConfig.Format,
            c => (c.Kind, c.Version), 1, MmflConfig.CurrentVersion);
        Validate(config, Path.Combine(folder, ConfigFile));
        return config;
    }

    /// <summary>
    /// Checks a config read from a file in full: the preset must be one of the named presets with
    /// its own widths (which bounds what building the network allocates) at an image size it can
    /// take; only the image size and the design switches may differ from the named preset.
    /// </summary>
    private static void Validate(MmflConfig config, string path)
    {
        if (config.Preset is null)
            throw new UserInputException($"{path}: has no 'preset'.");
        if (string.IsNullOrWhiteSpace(config.Preset.Name))
            throw new UserInputException($"{path}: 'preset' has no 'name'.");
        MmflPreset named;
        try
        {
            named = MmflPreset.Named(config.Preset.Name, config.Preset.ImageSize);
        }
        catch (UserInputException e)
        {
            throw new UserInputException($"{path}: {e.Message}", e);
        }
        if (Widths(config.Preset) != Widths(named))
            throw new UserInputException($"{path}: the '{named.Name}' preset's sizes differ from its definition (expected {Widths(named)}, found "
                + $"{Widths(config.Preset)}).");
        if (config.Preset.WordDemandShares && !config.Preset.IndependentWordGates)
            throw new UserInputException($"{path}: 'preset.wordDemandShares' needs 'preset.independentWordGates'.");
    }

    /// <summary>The sizes a preset fixes, in its record's order, without the image size and the design switches.</summary>
    private static string Widths(MmflPreset p) =>
        $"wordDim {p.WordDim}, coarse {p.CoarseBaseWidth}-{p.CoarseMaxWidth}, fusion level {p.FusionLevel}, refine {p.RefineBaseWidth}-{p.RefineMaxWidth}, " +
        $"condition {p.ConditionDim}, noise {p.NoiseDim}, text branch {p.TextBranchWidth} x {p.TextResidualBlocks}, discriminator {p.DiscriminatorBaseWidth}";

    /// <summary>Writes the config and the DAMSM encoders (the parts that do not change while training).</summary>
    public static void SaveDefinition(MmflConfig config, DamsmEncoders damsm, string folder)
    {
        Directory.CreateDirectory(folder);
        ModelFiles.SaveJson(config, Path.Combine(folder, ConfigFile));
        DamsmFolder.Save(damsm, Path.Combine(folder, DamsmSubfolder));
    }

    /// <summary>Loads a model in evaluation mode on <paramref name="device"/>.</summary>
    public static MmflModel Load(string folder, torch.Device device)
    {
        var config = LoadConfig(folder);
        var damsm = DamsmFolder.Load(Path.Combine(folder, DamsmSubfolder), device);
        var generator = new MmflGenerator(config.Preset, config.UsesWordDemand);
        try
        {
            if (damsm.Config.TextEncoder.FeatureSize != config.Preset.WordDim)
                throw new UserInputException($"{Path.Combine(folder, ConfigFile)}: the network takes {config.Preset.WordDim}-d words but its DAMSM "
                    + $"encoder gives {damsm.Config.TextEncoder.FeatureSize}-d.");
            ModelFiles.LoadWeights(generator, Path.Combine(folder, GeneratorFile));
        }
        catch
        {
            generator.Dispose();
            damsm.Dispose();
            throw;
        }
        generator.eval();
        generator.to(device);
        return new MmflModel(config, damsm, generator, device);
    }

    /// <summary>
    /// The training steps the model's generator has seen: its latest checkpoint's step, or for a
    /// folder shipped without checkpoints the last step of its training log (0 when it has
    /// neither), plus the steps of the model it was initialised from.
    /// </summary>
    public static long TrainingStep(string folder) => (LoadConfig(folder).InitialisedFrom?.Steps ?? 0) + RunLayout.StepsTrained(folder);

    /// <summary>
    /// Copies the model of <paramref name="from"/> to <paramref name="to"/>, complete and nothing more: config,
    /// generator, DAMSM encoders, and the recipe and metrics log that say how it was trained (no checkpoints,
    /// samples or evaluations).
    /// </summary>
    public static void CopyModel(string from, string to)
    {
        LoadConfig(from);
        Directory.CreateDirectory(Path.Combine(to, DamsmSubfolder));
        foreach (var file in new[] { ConfigFile, GeneratorFile })
            CopyFile(Path.Combine(from, file), Path.Combine(to, file));
        foreach (var file in new[] { RecipeFile, RunLayout.MetricsFile }.Where(f => File.Exists(Path.Combine(from, f))))
            CopyFile(Path.Combine(from, file), Path.Combine(to, file));
        foreach (var file in new[] { DamsmFolder.ConfigFile, DamsmFolder.VocabularyFile, DamsmFolder.TextEncoderFile, DamsmFolder.ImageEncoderFile })
            CopyFile(Path.Combine(from, DamsmSubfolder, file), Path.Combine(to, DamsmSubfolder, file));
    }

    private static void CopyFile(string from, string to)
    {
        ModelFiles.RequireFile(from);
        using var source = File.OpenRead(from);
        AtomicFile.Write(to, source.CopyTo);
    }
}
