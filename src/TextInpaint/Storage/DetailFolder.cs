using TextInpaint.Models.Detail;
using TorchSharp;

namespace TextInpaint.Storage;

/// <summary>
/// The files of a detail model folder (docs/method.md section 13): <c>detail.json</c>, <c>detail.pt</c>, and the
/// MMFL model it paints over, complete, under <c>base/</c>, so that the folder is complete by itself.
/// </summary>
public static class DetailFolder
{
    public const string ConfigFile = "detail.json", WeightsFile = "detail.pt", BaseSubfolder = "base";

    /// <summary>The largest window side and width a config may ask for (which bounds what building the network allocates).</summary>
    private const int MaxSide = 4096, MaxWidth = 512, MaxResidualBlocks = 32;

    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, ConfigFile));

    public static DetailConfig LoadConfig(string folder)
    {
        var config = ConfigFiles.Read<DetailConfig>(folder, ConfigFile, "no such model folder", "a TextInpaint detail model", DetailConfig.Format,
            c => (c.Kind, c.Version), DetailConfig.CurrentVersion, DetailConfig.CurrentVersion);
        Validate(config, Path.Combine(folder, ConfigFile));
        return config;
    }

    /// <summary>Every field in its range, so that a damaged file stops with one line instead of a native failure.</summary>
    private static void Validate(DetailConfig config, string path)
    {
        ConfigFiles.Require(config.Side is >= DetailNetwork.Stride and <= MaxSide && config.Side % DetailNetwork.Stride == 0, path, "side", config.Side,
            $"a multiple of {DetailNetwork.Stride} from {DetailNetwork.Stride} to {MaxSide}");
        ConfigFiles.Require(!string.IsNullOrWhiteSpace(config.Base), path, "base", null, "the name of the MMFL model it paints over");
        ConfigFiles.Require(config.Network is not null, path, "network", null, "the detail generator's sizes");
        var network = config.Network!;
        foreach (var (field, width) in new[] { ("fullWidth", network.FullWidth), ("halfWidth", network.HalfWidth), ("quarterWidth", network.QuarterWidth) })
            ConfigFiles.Require(width is >= 1 and <= MaxWidth, path, $"network.{field}", width, $"a width from 1 to {MaxWidth}");
        ConfigFiles.Require(network.ResidualBlocks is >= 0 and <= MaxResidualBlocks, path, "network.residualBlocks", network.ResidualBlocks,
            $"a count from 0 to {MaxResidualBlocks}");
    }

    /// <summary>Writes the config and a copy of the base model (the parts that do not change while training).</summary>
    public static void SaveDefinition(DetailConfig config, string baseFolder, string folder)
    {
        Directory.CreateDirectory(folder);
        MmflFolder.CopyModel(baseFolder, Path.Combine(folder, BaseSubfolder));
        ModelFiles.SaveJson(config, Path.Combine(folder, ConfigFile));
    }

    /// <summary>Loads a detail model, its base included, in evaluation mode on <paramref name="device"/>.</summary>
    public static DetailModel Load(string folder, torch.Device device)
    {
        var config = LoadConfig(folder);
        var baseModel = MmflFolder.Load(Path.Combine(folder, BaseSubfolder), device);
        var generator = new DetailGenerator(config.Network);
        try
        {
            RequireBaseFits(config, baseModel.Config.Preset.ImageSize, Path.Combine(folder, ConfigFile));
            ModelFiles.LoadWeights(generator, Path.Combine(folder, WeightsFile));
        }
        catch
        {
            generator.Dispose();
            baseModel.Dispose();
            throw;
        }
        generator.eval();
        generator.to(device);
        return new DetailModel(config, baseModel, generator, device);
    }

    /// <summary>Refuses a detail side below the base's own: the detail stage adds resolution, never takes it away.</summary>
    public static void RequireBaseFits(DetailConfig config, int baseSize, string where)
    {
        if (config.Side < baseSize)
            throw new UserInputException($"{where}: the detail side {config.Side} is below its base model's side {baseSize}; it must be at least that.");
    }
}
