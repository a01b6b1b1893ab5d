using TextInpaint.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TextInpaint.Models.Damsm;

/// <summary>
/// The DAMSM image encoder trained from scratch with the text encoder. AttnGAN builds its encoder on
/// an ImageNet Inception-v3 (regions from its 17×17 "mixed_6e" map, the global feature from its
/// pooled last layer); this small CNN gives the same shape of output from no pretrained weights:
/// regions from a grid at 1/8 of the input (capped at <see cref="ImageEncoderOptions.MaxGridSide"/>),
/// projected by a 1×1 convolution, and a global feature from one stage deeper, pooled and projected
/// by a linear layer. Input: images [B, 3, S, S] in [-1, 1]. The pretrained alternative is
/// <see cref="ResNet18ImageEncoder"/>.
/// </summary>
public sealed class ScratchImageEncoder : ImageEncoder
{
    private readonly Sequential regionStages;
    private readonly Sequential globalStage;
    private readonly Convolution regionProjection;
    private readonly Linear globalProjection;

    public ScratchImageEncoder(ImageEncoderOptions options) : base(nameof(ImageEncoder), options)
    {
        var w = options.BaseWidth;
        regionStages = nn.Sequential(
            Block(3, w, stride: 2),          // S/2
            Block(w, 2 * w, stride: 2),      // S/4
            Block(2 * w, 4 * w, stride: 2),  // S/8
            Block(4 * w, 4 * w, stride: 1));
        globalStage = nn.Sequential(
            Block(4 * w, 8 * w, stride: 2),  // S/16
            nn.AdaptiveAvgPool2d(1),
            nn.Flatten());
        regionProjection = Convolution.Conv2d(4 * w, options.FeatureSize, 1);
        globalProjection = nn.Linear(8 * w, options.FeatureSize);
        RegisterComponents();
    }

    public override ImageFeatures forward(Tensor images)
    {
        var grid = regionStages.forward(images);
        var side = Options.GridSide((int)images.shape[2]);
        var pooled = grid.shape[2] > side ? nn.functional.adaptive_avg_pool2d(grid, [side, side]) : grid;
        var regions = regionProjection.forward(pooled).flatten(2);
        var global = globalProjection.forward(globalStage.forward(grid));
        return new ImageFeatures(regions, global);
    }

    private static Sequential Block(int input, int output, int stride) => nn.Sequential(
        Convolution.Conv2d(input, output, 3, stride: stride, padding: 1, bias: false),
        nn.BatchNorm2d(output),
        nn.ReLU(inplace: true));
}
