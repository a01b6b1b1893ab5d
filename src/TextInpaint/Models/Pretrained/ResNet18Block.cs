using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TextInpaint.Models.Pretrained;

/// <summary>
/// ResNet's basic block (He et al. 2016, figure 2): two 3×3 convolutions with batch normalisation,
/// added to the input, then a ReLU. A block that halves the map (stride 2) or widens it projects
/// its input with a 1×1 convolution and batch normalisation (the paper's option B). The state-dict
/// keys are torchvision's (<c>conv1</c>, <c>bn1</c>, <c>conv2</c>, <c>bn2</c>, <c>downsample.0</c>, <c>downsample.1</c>).
/// </summary>
public sealed class ResNet18Block : nn.Module<Tensor, Tensor>
{
    private readonly Convolution conv1;
    private readonly BatchNorm2d bn1;
    private readonly Convolution conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;
    private readonly int stride;

    public ResNet18Block(int input, int output, int stride) : base(nameof(ResNet18Block))
    {
        this.stride = stride;
        // A stride-2 convolution pads only the top and the left (see Forward), so it pads nothing itself.
        conv1 = Convolution.Conv2d(input, output, 3, stride: stride, padding: stride == 1 ? 1 : 0, bias: false);
        bn1 = nn.BatchNorm2d(output, eps: ResNet18Features.NormEpsilon);
        conv2 = Convolution.Conv2d(output, output, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(output, eps: ResNet18Features.NormEpsilon);
        if (stride != 1 || input != output)
            downsample = nn.Sequential(
                Convolution.Conv2d(input, output, 1, stride: stride, bias: false),
                nn.BatchNorm2d(output, eps: ResNet18Features.NormEpsilon));
        RegisterComponents();
    }

    /// <summary>[B, Cin, H, W] -> [B, Cout, H/stride, W/stride].</summary>
    public override Tensor forward(Tensor input)
    {
        var padded = stride == 1 ? input : ResNet18Features.PadTopLeft(input, 1);
        var residual = bn2.forward(conv2.forward(nn.functional.relu(bn1.forward(conv1.forward(padded)))));
        var shortcut = downsample is null ? input : downsample.forward(input);
        return nn.functional.relu(residual + shortcut);
    }
}
