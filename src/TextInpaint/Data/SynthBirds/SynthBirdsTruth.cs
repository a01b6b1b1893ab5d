using System.Text.Json;
using TextInpaint.Imaging;

namespace TextInpaint.Data.SynthBirds;

/// <summary>The ground truth of one SynthBirds image: its part label map and its attributes.</summary>
public sealed record SynthBirdsTruth(string Key, int ClassId, PartLabelMap Parts, BirdAttributes Attributes, bool FacingLeft,
    IReadOnlyList<BirdCaption> Captions)
{
    /// <summary>Reads parts/&lt;key&gt;.png and attributes/&lt;key&gt;.json under a data set's root.</summary>
    public static SynthBirdsTruth Load(string root, string key)
    {
        var partsPath = DatasetLayout.PartsFile(root, key);
        var attributesPath = DatasetLayout.AttributesFile(root, key);
        var image = ImageFiles.Load(partsPath);
        var parts = new PartLabelMap(image.Width, image.Height);
        int maxLabel = Enum.GetValues<BirdPart>().Max(p => (int)p);
        for (int i = 0; i < parts.Labels.Length; i++)
        {
            byte label = image.Pixels[3 * i];
            if (label > maxLabel)
                throw new UserInputException($"{partsPath}: pixel {i % image.Width},{i / image.Width} has label {label}, but labels run from 0 to {maxLabel}.");
            parts.Labels[i] = label;
        }

        if (!File.Exists(attributesPath))
            throw new UserInputException($"{attributesPath}: no such file.");
        SynthBirdsAttributesFile file;
        try
        {
            file = JsonSerializer.Deserialize<SynthBirdsAttributesFile>(File.ReadAllText(attributesPath), SynthBirdsManifest.Json)
                ?? throw new UserInputException($"{attributesPath}: empty attributes file.");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{attributesPath}: not a valid SynthBirds attributes file ({e.Message}).", e);
        }
        return new SynthBirdsTruth(key, file.ClassId, parts, file.Attributes, file.FacingLeft, file.Captions ?? []);
    }

    /// <summary>The part map as an image for the parts folder: R = G = B = the label id.</summary>
    public static RgbImage ToImage(PartLabelMap parts)
    {
        var image = new RgbImage(parts.Width, parts.Height);
        for (int i = 0; i < parts.Labels.Length; i++)
            image.Pixels[3 * i] = image.Pixels[3 * i + 1] = image.Pixels[3 * i + 2] = parts.Labels[i];
        return image;
    }
}
