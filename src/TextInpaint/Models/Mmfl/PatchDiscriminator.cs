using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// MMFL's conditional PatchGAN (docs/method.md section 2) on concat(image, other image) (6 channels): 4x4
/// convolutions w s2 (no norm) -> 2w s2 -> 4w s2 -> 8w s1 -> 1 s1, instance norm, LeakyReLU(0.2);
/// w = 64 in the paper. One score per patch, no sigmoid (the loss is least-squares).
/// With <see cref="MmflPreset.SpectralNormDiscriminator"/> every convolution is spectrally
/// normalised (<see cref="SpectralNormConv2d"/>) and there is no instance norm, which would undo
/// the normalisation by rescaling each map (as in DeepFill v2's SN-PatchGAN). A departure from
/// MMFL: without it the discriminator wins outright on SynthBirds (its loss near 5e-4, the
/// generator's near 4, the values of a perfect discriminator; with spectral norm and instance
/// norm together its loss was 0.07 after 360 steps), and the adversarial term stops shaping the
/// generator.
/// </summary>
public sealed class PatchDiscriminator : Module<Tensor, Tensor, Tensor>
{
    private readonly Sequential layers;

    public PatchDiscriminator(MmflPreset preset) : this(preset.DiscriminatorBaseWidth, preset.SpectralNormDiscriminator)
    {
    }

    /// <param name="baseWidth">The first layer's width, w (64 in the paper).</param>
    /// <param name="spectralNorm">Spectrally normalised convolutions and no instance norm.</param>
    public PatchDiscriminator(int baseWidth, bool spectralNorm) : base(nameof(PatchDiscriminator))
    {
        int w = baseWidth;
        Module<Tensor, Tensor> Layer(int inChannels, int outChannels, int stride) => spectralNorm
            ? new SpectralNormConv2d(inChannels, outChannels, 4, stride, padding: 1)
            : Models.Convolution.Conv2d(inChannels, outChannels, 4, stride: stride, padding: 1);
        Module<Tensor, Tensor> Norm(int channels) => spectralNorm ? Identity() : InstanceNorm2d(channels);
        layers = Sequential(
            Layer(6, w, 2), LeakyReLU(0.2),
            Layer(w, 2 * w, 2), Norm(2 * w), LeakyReLU(0.2),
            Layer(2 * w, 4 * w, 2), Norm(4 * w), LeakyReLU(0.2),
            Layer(4 * w, 8 * w, 1), Norm(8 * w), LeakyReLU(0.2),
            Layer(8 * w, 1, 1));
        RegisterComponents();
    }

    /// <summary>first [B,3,S,S], second [B,3,S,S] -> patch scores [B,1,S/8-2,S/8-2] for the ordered pair.</summary>
    public override Tensor forward(Tensor first, Tensor second) => layers.forward(cat([first, second], 1));
}
