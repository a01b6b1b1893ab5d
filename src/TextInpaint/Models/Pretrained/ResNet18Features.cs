using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TextInpaint.Models.Pretrained;

/// <summary>
/// ResNet-18 (He et al. 2016) trained on ImageNet, as a frozen feature extractor for the feature
/// distances of `eval` and the perceptual training term. Its weights, and the mean image its
/// preprocessing subtracts, are ML.NET's ONNX export of a CNTK model, read by
/// <see cref="Storage.ResNet18Package"/>; built here, the module has random weights. It is frozen:
/// evaluation mode (batch normalisation with the stored statistics) and no gradient into its weights;
/// gradients still flow to its input.
/// <para>Preprocessing, as the package's ResNetPreprocess.onnx does it: pixels in [0, 255], RGB
/// reordered to BGR, minus a per-pixel mean image of 224×224 (about 103, 116 and 123 for B, G and R).
/// Other sizes subtract that image resized bilinearly to theirs. CNTK pads its stride-2
/// convolutions and the max-pooling only at the top and the left (ONNX pads [1,1,0,0], [3,3,2,2]
/// for the first convolution), which torchvision's symmetric padding matches only on even sides:
/// this pads as CNTK does. The package's ResNet-18 has three blocks in its last stage where He et
/// al.'s table 1 has two: 22 convolutions in all, as its ONNX graph has them.</para>
/// </summary>
public sealed class ResNet18Features : nn.Module<Tensor, ResNet18Stages>
{
    /// <summary>The side the network was trained at, and the side of its mean image.</summary>
    public const int ImageSize = 224;

    /// <summary>Size of the pooled features.</summary>
    public const int PooledSize = 512;

    /// <summary>Residual blocks in each of the four stages (the package's ResNet-18).</summary>
    public static IReadOnlyList<int> BlocksPerStage { get; } = [2, 2, 2, 3];

    /// <summary>Batch normalisation's epsilon in the ONNX graph.</summary>
    public const double NormEpsilon = 1e-5;

    private readonly Convolution conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential layer1, layer2, layer3, layer4;
    [TorchSharp.Utils.ComponentName(Name = "mean_image")]
    private readonly Tensor meanImage;

    public ResNet18Features() : base(nameof(ResNet18Features))
    {
        conv1 = Convolution.Conv2d(3, 64, 7, stride: 2, bias: false);
        bn1 = nn.BatchNorm2d(64, eps: NormEpsilon);
        layer1 = Stage(64, 64, stride: 1, BlocksPerStage[0]);
        layer2 = Stage(64, 128, stride: 2, BlocksPerStage[1]);
        layer3 = Stage(128, 256, stride: 2, BlocksPerStage[2]);
        layer4 = Stage(256, PooledSize, stride: 2, BlocksPerStage[3]);
        meanImage = zeros(1, 3, ImageSize, ImageSize);
        RegisterComponents();
        // The module owns its tensors: a dispose scope open where it is built must not take them.
        foreach (var tensor in parameters().Concat(buffers()))
            tensor.DetachFromDisposeScope();
        foreach (var parameter in parameters())
            parameter.requires_grad = false;
        eval();
    }

    /// <summary>Images [B, 3, H, W] in [-1, 1], RGB (sides of 32 and more) -> the four stages' maps and the pooled features.</summary>
    public override ResNet18Stages forward(Tensor images)
    {
        var height = images.shape[2];
        var width = images.shape[3];
        var mean = height == ImageSize && width == ImageSize
            ? meanImage
            : nn.functional.interpolate(meanImage, [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
        var bgr = ((images + 1) * 127.5).flip(1) - mean;
        var stem = nn.functional.relu(bn1.forward(conv1.forward(PadTopLeft(bgr, 3, 2))));
        // Zero padding before the max-pooling is the -inf padding of ONNX's MaxPool here: its input is a ReLU's, never negative.
        var pooledStem = nn.functional.max_pool2d(PadTopLeft(stem, 1), 3, stride: 2);
        var l1 = layer1.forward(pooledStem);
        var l2 = layer2.forward(l1);
        var l3 = layer3.forward(l2);
        var l4 = layer4.forward(l3);
        // The graph's 7×7 average pooling of the 7×7 map at 224: the mean over every position.
        return new ResNet18Stages(l1, l2, l3, l4, l4.mean([2, 3]));
    }

    /// <summary>
    /// Pads a map [B, C, H, W] with zeros, <paramref name="before"/> rows and columns at the top and
    /// left, <paramref name="after"/> at the bottom and right.
    /// </summary>
    internal static Tensor PadTopLeft(Tensor map, long before, long after = 0) => nn.functional.pad(map, [before, after, before, after]);

    private static Sequential Stage(int input, int output, int stride, int blocks) =>
        nn.Sequential(Enumerable.Range(0, blocks)
            .Select(b => b == 0 ? new ResNet18Block(input, output, stride) : new ResNet18Block(output, output, 1)).ToArray());
}
