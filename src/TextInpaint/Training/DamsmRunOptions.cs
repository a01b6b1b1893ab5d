using TextInpaint.Models.Damsm;
using TextInpaint.Models.Mmfl;
using TextInpaint.Models.Pretrained;

namespace TextInpaint.Training;

/// <summary>
/// Everything that decides a DAMSM pre-training run: the encoders' sizes (<c>damsm.json</c>), the
/// <see cref="Recipe"/> (<c>training.json</c>), and how the run is watched and where it is written.
/// </summary>
/// <param name="Output">The DAMSM folder: encoders, vocabulary, config, checkpoints, metrics.</param>
/// <param name="ImageEncoder">What the image encoder is built on: a CNN trained from scratch, or the frozen ImageNet ResNet-18.</param>
/// <param name="ImageInputSize">Side the ResNet-18 encoder resizes images to.</param>
/// <param name="Gamma1">DAMSM's γ1, the sharpness of each word's attention over regions (AttnGAN's birds config uses 4).</param>
/// <param name="CheckpointEvery">Steps between checkpoints (one is also written at the end and on Ctrl-C).</param>
/// <param name="ValidationImages">Test images used for the R-precision logged at each checkpoint (0: none).</param>
public sealed record DamsmRunOptions(
    DamsmRecipe Recipe,
    string Output,
    int ImageSize = 64,
    int EmbeddingSize = 300,
    int HiddenPerDirection = 128,
    int ImageEncoderWidth = 32,
    ImageEncoderNetwork ImageEncoder = ImageEncoderNetwork.Scratch,
    int ImageInputSize = ResNet18Features.ImageSize,
    double Gamma1 = 5,
    string Device = "cpu",
    int CheckpointEvery = 250,
    int LogEvery = 10,
    int ValidationImages = 500)
{
    /// <summary>
    /// The encoders an MMFL preset is trained with: its image size and word size, and the image encoder. The
    /// <c>paper</c> preset, what a user with CUB-200 trains, takes AttnGAN's design, an image encoder on a frozen
    /// ImageNet network (here the ResNet-18); <c>synth64</c> and <c>tiny</c> keep the encoder trained from scratch of
    /// the shipped model's DAMSM.
    /// </summary>
    public static DamsmRunOptions ForPreset(string preset, DamsmRecipe recipe, string output)
    {
        var sizes = MmflPreset.Named(preset);
        var network = sizes.Name == MmflPreset.Paper.Name ? ImageEncoderNetwork.ResNet18 : ImageEncoderNetwork.Scratch;
        return new DamsmRunOptions(recipe, output, ImageSize: sizes.ImageSize, ImageEncoder: network).WithWordSize(sizes.WordDim);
    }

    /// <summary>The size of the word and sentence features (both LSTM directions), which an MMFL preset's word size must match.</summary>
    public int WordSize => 2 * HiddenPerDirection;

    /// <summary>These options with encoders that give <paramref name="wordSize"/>-d features (e.g. 16 for the tiny preset).</summary>
    public DamsmRunOptions WithWordSize(int wordSize)
    {
        if (wordSize < 2 || wordSize % 2 != 0)
            throw new UserInputException($"--word-size {wordSize}: must be a positive even number (the text encoder's two directions share it).");
        return this with { HiddenPerDirection = wordSize / 2 };
    }
}
