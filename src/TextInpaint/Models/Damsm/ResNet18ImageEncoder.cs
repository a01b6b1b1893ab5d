using System.Runtime.CompilerServices;
using TextInpaint.Models.Pretrained;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TextInpaint.Models.Damsm;

/// <summary>
/// The DAMSM image encoder on the ImageNet ResNet-18, built as AttnGAN builds its own on Inception-v3:
/// the pretrained network is frozen (evaluation mode, no gradient into its weights) and only two
/// linear projections into the text encoder's feature size train. Regions: the third stage's map
/// (256 channels at 1/16 of the input, 14×14 at 224, where AttnGAN reads Inception's 17×17
/// "mixed_6e" of 768 channels) through a 1×1 convolution without bias, as AttnGAN's.
/// <para>The global feature departs from AttnGAN, which projects Inception's pooled 2048-d features:
/// here a linear layer reads the last stage's whole map, 512 × g × g (g = 7 at 224, 5 at 160), its
/// positions kept. Averaged over the positions, the map still says which colours a bird shows but
/// not where; SynthBirds gives each part its own colour, and on it the pooled 512-d features
/// projected the same way reached an R-precision of 0.148 of an oracle's 0.754 (docs/method.md
/// section 14). The pooled features are a fixed linear function of the map, so this layer can
/// learn AttnGAN's projection too.</para>
/// <para>Images [B, 3, S, S] in [-1, 1] are resized bilinearly to <see cref="ImageEncoderOptions.InputSize"/>
/// (AttnGAN resizes to Inception's 299 the same way) and normalised as the package's preprocessing
/// does (<see cref="ResNet18Features"/>). Both projections start uniform in [-0.1, 0.1], as
/// AttnGAN's. Gradients flow through the frozen network to the images, so MMFL's matching loss
/// still reaches the generator.</para>
/// <para>The network's weights are not part of the encoder's state: its file holds the projections
/// alone, and the network is read by the loader it is given when the first image arrives, so
/// loading a model for inference, which reads only the text encoder, never reads it.</para>
/// </summary>
public sealed class ResNet18ImageEncoder : ImageEncoder
{
    /// <summary>Channels of the network's third stage, where the regions are read.</summary>
    public const int RegionChannels = 256;

    private readonly Convolution regionProjection;
    private readonly Linear globalProjection;
    private readonly Func<Device, ResNet18Features> loadNetwork;
    // Held outside the module's components: neither saved with the projections nor moved or switched to training with them.
    private readonly StrongBox<ResNet18Features?> network = new();
    private readonly Lock loading = new();

    public ResNet18ImageEncoder(ImageEncoderOptions options, Func<Device, ResNet18Features> loadNetwork) : base(nameof(ResNet18ImageEncoder), options)
    {
        ArgumentNullException.ThrowIfNull(loadNetwork);
        this.loadNetwork = loadNetwork;
        regionProjection = Convolution.Conv2d(RegionChannels, options.FeatureSize, 1, bias: false);
        var last = LastStageSide(options.InputSize);
        globalProjection = nn.Linear(ResNet18Features.PooledSize * last * last, options.FeatureSize);
        using (no_grad())
        {
            regionProjection.Weight.uniform_(-0.1, 0.1);
            globalProjection.weight!.uniform_(-0.1, 0.1);
        }
        RegisterComponents();
    }

    /// <summary>Side of the network's last stage for inputs of side <paramref name="inputSize"/> (each of its five halvings rounds up).</summary>
    public static int LastStageSide(int inputSize) => (inputSize + 31) / 32;

    /// <summary>Whether the pretrained network has been read (on the first image).</summary>
    public bool NetworkLoaded => network.Value is not null;

    public override ImageFeatures forward(Tensor images) => Project(Read(images));

    /// <summary>The frozen network's features of images [B, 3, S, S] in [-1, 1]; they carry gradients to the images only.</summary>
    public PretrainedImageFeatures Read(Tensor images)
    {
        var side = Options.InputSize;
        var resized = images.shape[2] == side && images.shape[3] == side
            ? images
            : nn.functional.interpolate(images, [side, side], mode: InterpolationMode.Bilinear, align_corners: false);
        var stages = Network(images.device).forward(resized);
        var grid = Options.GridSide(side);
        var map = stages.Layer3.shape[2] > grid ? nn.functional.adaptive_avg_pool2d(stages.Layer3, [grid, grid]) : stages.Layer3;
        return new PretrainedImageFeatures(map, stages.Layer4);
    }

    /// <summary>The trained projections of the network's features: regions [B, D, G·G] and global [B, D].</summary>
    public ImageFeatures Project(PretrainedImageFeatures features) =>
        new(regionProjection.forward(features.RegionMap).flatten(2), globalProjection.forward(features.LastMap.flatten(1)));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            network.Value?.Dispose();
        base.Dispose(disposing);
    }

    private ResNet18Features Network(Device device)
    {
        lock (loading)
        {
            if (network.Value is null)
            {
                // Building the network draws its initial weights from torch's generator before the read ones replace them; a run
                // resumed after the first image would read it at another step than the run it continues, so the draws are undone.
                using var generator = torch.get_rng_state();
                network.Value = loadNetwork(device);
                torch.set_rng_state(generator);
            }
            else if (network.Value.parameters().First().device is var current && (current.type != device.type || current.index != device.index))
                network.Value.to(device);
            return network.Value;
        }
    }
}
