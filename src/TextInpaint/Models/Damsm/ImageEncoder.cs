using TextInpaint.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TextInpaint.Models.Damsm;

/// <summary>Sizes of the DAMSM image encoder; saved with a model so that it can be rebuilt.</summary>
/// <param name="FeatureSize">Size D of region and global features; must equal the text encoder's.</param>
/// <param name="BaseWidth">Channels of the first convolution; each later stage doubles it.</param>
/// <param name="MaxGridSide">Largest side of the region grid; larger grids are average-pooled down to it.</param>
public sealed record ImageEncoderOptions(int FeatureSize = 256, int BaseWidth = 32, int MaxGridSide = 16)
{
    /// <summary>Side of the region grid for a square input of side <paramref name="imageSize"/>.</summary>
    public int GridSide(int imageSize) => Math.Min(MaxGridSide, (imageSize + 7) / 8);
}

/// <summary>Region features [B, D, R] (R = grid side squared, row-major) and global features [B, D].</summary>
public sealed record ImageFeatures(Tensor Regions, Tensor Global);

/// <summary>
/// The DAMSM image encoder. AttnGAN uses an ImageNet Inception-v3 (regions from its 17×17 "mixed_6e"
/// map, the global feature from its pooled last layer); no such weights exist here, so this is a
/// small CNN trained from scratch with the text encoder, of the same shape of output: regions
/// from a grid at 1/8 of the input (capped at <see cref="ImageEncoderOptions.MaxGridSide"/>),
/// projected by a 1×1 convolution, and a global feature from one stage deeper, pooled and
/// projected by a linear layer. Input: images [B, 3, S, S] in [-1, 1].
/// </summary>
public sealed class ImageEncoder : nn.Module<Tensor, ImageFeatures>
{
    private readonly Sequential regionStages;
    private readonly Sequential globalStage;
    private readonly Convolution regionProjection;
    private readonly Linear globalProjection;

    public ImageEncoder(ImageEncoderOptions options) : base(nameof(ImageEncoder))
    {
        Options = options;
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

    public ImageEncoderOptions Options { get; }

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
