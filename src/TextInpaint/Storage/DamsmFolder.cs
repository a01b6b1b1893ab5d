using TextInpaint.Models.Damsm;
using TextInpaint.Text;
using TorchSharp;

namespace TextInpaint.Storage;

/// <summary>
/// The files of a DAMSM folder: <c>damsm.json</c> (config), <c>vocabulary.json</c>,
/// <c>text_encoder.pt</c> and <c>image_encoder.pt</c>. A ResNet-18 image encoder's file holds its
/// projections alone: the pretrained network comes from <see cref="ResNet18Package"/>, read when the
/// encoder meets its first image.
/// </summary>
public static class DamsmFolder
{
    public const string ConfigFile = "damsm.json", VocabularyFile = "vocabulary.json";
    public const string TextEncoderFile = "text_encoder.pt", ImageEncoderFile = "image_encoder.pt";

    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, ConfigFile));

    public static DamsmConfig LoadConfig(string folder)
    {
        var config = ConfigFiles.Read<DamsmConfig>(folder, ConfigFile, "no such DAMSM folder (train one with `textinpaint train-damsm`)",
            "a DAMSM config", DamsmConfig.Format, c => (c.Kind, c.Version), DamsmConfig.CurrentVersion, DamsmConfig.CurrentVersion);
        Validate(config, Path.Combine(folder, ConfigFile));
        return config;
    }

    /// <summary>Every field of a DAMSM config in its range, so that a damaged file stops with one line instead of a native failure.</summary>
    private static void Validate(DamsmConfig config, string path)
    {
        ConfigFiles.Require(config.ImageSize is >= 16 and <= 4096 && config.ImageSize % 16 == 0, path, "imageSize", config.ImageSize,
            "a multiple of 16 from 16 to 4096");
        ConfigFiles.Require(config.TextEncoder is not null, path, "textEncoder", null, "the text encoder's sizes");
        ConfigFiles.Require(config.ImageEncoder is not null, path, "imageEncoder", null, "the image encoder's sizes");
        ConfigFiles.Require(config.Matching is not null, path, "loss", null, "the loss's gammas");
        var text = config.TextEncoder!;
        ConfigFiles.Require(text.VocabularySize is >= 2 and <= 1_000_000, path, "textEncoder.vocabularySize", text.VocabularySize, "2 to 1,000,000");
        ConfigFiles.Require(text.EmbeddingSize is >= 1 and <= 4096, path, "textEncoder.embeddingSize", text.EmbeddingSize, "1 to 4096");
        ConfigFiles.Require(text.HiddenPerDirection is >= 1 and <= 4096, path, "textEncoder.hiddenPerDirection", text.HiddenPerDirection, "1 to 4096");
        ConfigFiles.Require(text.Dropout is >= 0 and < 1, path, "textEncoder.dropout", text.Dropout, "0 to below 1");
        var image = config.ImageEncoder!;
        ConfigFiles.Require(image.FeatureSize == text.FeatureSize, path, "imageEncoder.featureSize", image.FeatureSize,
            $"the text encoder's feature size {text.FeatureSize}");
        ConfigFiles.Require(image.BaseWidth is >= 1 and <= 1024, path, "imageEncoder.baseWidth", image.BaseWidth, "1 to 1024");
        ConfigFiles.Require(image.MaxGridSide is >= 1 and <= 64, path, "imageEncoder.maxGridSide", image.MaxGridSide, "1 to 64");
        ConfigFiles.Require(Enum.IsDefined(image.Network), path, "imageEncoder.network", image.Network, string.Join(" or ", ImageEncoderNetworks.Names));
        ConfigFiles.Require(image.InputSize is >= 32 and <= 1024 && image.InputSize % 16 == 0, path, "imageEncoder.inputSize", image.InputSize,
            "a multiple of 16 from 32 to 1024");
        var loss = config.Matching!;
        foreach (var (name, value) in new[] { ("gamma1", loss.Gamma1), ("gamma2", loss.Gamma2), ("gamma3", loss.Gamma3) })
            ConfigFiles.Require(double.IsFinite(value) && value > 0, path, $"loss.{name}", value, "a positive number");
    }

    /// <summary>
    /// Untrained encoders as <paramref name="config"/> describes them; a ResNet-18 image encoder reads the package's network on its
    /// first image.
    /// </summary>
    public static DamsmEncoders Create(DamsmConfig config, Vocabulary vocabulary) =>
        DamsmEncoders.Create(config, vocabulary, device => ResNet18Package.Load(device));

    /// <summary>Writes config, vocabulary and the encoders' weights (each file atomically).</summary>
    public static void Save(DamsmEncoders encoders, string folder)
    {
        SaveDefinition(encoders, folder);
        SaveWeights(encoders, folder);
    }

    /// <summary>Writes config and vocabulary, without the weights.</summary>
    public static void SaveDefinition(DamsmEncoders encoders, string folder)
    {
        Directory.CreateDirectory(folder);
        ModelFiles.SaveJson(encoders.Config, Path.Combine(folder, ConfigFile));
        encoders.Vocabulary.Save(Path.Combine(folder, VocabularyFile));
    }

    public static void SaveWeights(DamsmEncoders encoders, string folder)
    {
        ModelFiles.SaveWeights(encoders.Text, Path.Combine(folder, TextEncoderFile));
        ModelFiles.SaveWeights(encoders.Image, Path.Combine(folder, ImageEncoderFile));
    }

    public static void LoadWeights(DamsmEncoders encoders, string folder)
    {
        ModelFiles.LoadWeights(encoders.Text, Path.Combine(folder, TextEncoderFile));
        ModelFiles.LoadWeights(encoders.Image, Path.Combine(folder, ImageEncoderFile));
    }

    /// <summary>Loads the encoders in evaluation mode on <paramref name="device"/>.</summary>
    public static DamsmEncoders Load(string folder, torch.Device device)
    {
        var config = LoadConfig(folder);
        var vocabulary = Vocabulary.Load(Path.Combine(folder, VocabularyFile));
        if (vocabulary.Count != config.TextEncoder.VocabularySize)
            throw new UserInputException($"{Path.Combine(folder, VocabularyFile)}: {vocabulary.Count} words, but {ConfigFile} says "
                + $"{config.TextEncoder.VocabularySize}.");
        var encoders = Create(config, vocabulary);
        try
        {
            LoadWeights(encoders, folder);
        }
        catch
        {
            encoders.Dispose();
            throw;
        }
        encoders.Text.eval();
        encoders.Image.eval();
        return encoders.To(device);
    }
}
