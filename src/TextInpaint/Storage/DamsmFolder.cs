using TextInpaint.Models.Damsm;
using TextInpaint.Text;
using TorchSharp;

namespace TextInpaint.Storage;

/// <summary>
/// The files of a DAMSM folder: <c>damsm.json</c> (config), <c>vocabulary.json</c>,
/// <c>text_encoder.pt</c> and <c>image_encoder.pt</c>.
/// </summary>
public static class DamsmFolder
{
    public const string ConfigFile = "damsm.json", VocabularyFile = "vocabulary.json";
    public const string TextEncoderFile = "text_encoder.pt", ImageEncoderFile = "image_encoder.pt";

    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, ConfigFile));

    public static DamsmConfig LoadConfig(string folder)
    {
        if (!Directory.Exists(folder))
            throw new UserInputException($"{folder}: no such DAMSM folder (train one with `textinpaint train-damsm`).");
        var path = Path.Combine(folder, ConfigFile);
        var config = ModelFiles.LoadJson<DamsmConfig>(path);
        if (config.Kind != DamsmConfig.Format)
            throw new UserInputException($"{path}: not a DAMSM config (kind '{config.Kind}').");
        return config;
    }

    /// <summary>Writes config, vocabulary and the encoders' weights (each file atomically).</summary>
    public static void Save(DamsmEncoders encoders, string folder)
    {
        Directory.CreateDirectory(folder);
        ModelFiles.SaveJson(encoders.Config, Path.Combine(folder, ConfigFile));
        encoders.Vocabulary.Save(Path.Combine(folder, VocabularyFile));
        SaveWeights(encoders, folder);
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
            throw new UserInputException($"{Path.Combine(folder, VocabularyFile)}: {vocabulary.Count} words, but {ConfigFile} says {config.TextEncoder.VocabularySize}.");
        var encoders = DamsmEncoders.Create(config, vocabulary);
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
