using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// MMFL's conditional PatchGAN (section 2) on concat(image, other image) (6 channels): 4x4
/// convolutions w s2 (no norm) -> 2w s2 -> 4w s2 -> 8w s1 -> 1 s1, instance norm, LeakyReLU(0.2);
/// w = 64 in the paper. One score per patch, no sigmoid (the loss is least-squares).
/// No spectral normalisation: TorchSharp has none and the MMFL losses do not require it.
/// </summary>
public sealed class PatchDiscriminator : Module<Tensor, Tensor, Tensor>
{
    private readonly Sequential layers;

    public PatchDiscriminator(MmflPreset preset) : base(nameof(PatchDiscriminator))
    {
        int w = preset.DiscriminatorBaseWidth;
        layers = Sequential(
            Convolution.Conv2d(6, w, 4, stride: 2, padding: 1), LeakyReLU(0.2),
            Convolution.Conv2d(w, 2 * w, 4, stride: 2, padding: 1), InstanceNorm2d(2 * w), LeakyReLU(0.2),
            Convolution.Conv2d(2 * w, 4 * w, 4, stride: 2, padding: 1), InstanceNorm2d(4 * w), LeakyReLU(0.2),
            Convolution.Conv2d(4 * w, 8 * w, 4, stride: 1, padding: 1), InstanceNorm2d(8 * w), LeakyReLU(0.2),
            Convolution.Conv2d(8 * w, 1, 4, stride: 1, padding: 1));
        RegisterComponents();
    }

    /// <summary>first [B,3,S,S], second [B,3,S,S] -> patch scores [B,1,S/8-2,S/8-2] for the ordered pair.</summary>
    public override Tensor forward(Tensor first, Tensor second) => layers.forward(cat([first, second], 1));
}
