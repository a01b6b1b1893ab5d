using TextInpaint.Models.Mmfl;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TextInpaint.Models.Detail;

/// <summary>
/// The detail stage (docs/method.md section 13): a fully convolutional U-Net that paints a window
/// at full resolution over the MMFL network's fill of the same window. Its input is the window
/// with the hole zeroed (3 channels), the hole (1) and the MMFL fill upsampled to the window's
/// size (3); text reaches it only through that fill. Levels: a 3x3 convolution at full
/// resolution, two 4x4 stride-2 convolutions to a quarter, dilated residual blocks there
/// (<see cref="DilatedResidualBlock"/>), and two 4x4 stride-2 transposed convolutions back, each
/// joined with the encoder's map of its size. It paints a correction to the upsampled fill (the
/// last convolution starts at zero, so an untrained stage returns the fill as it is), and the
/// result is composited into the hole. Any side that is a multiple of
/// <see cref="DetailNetwork.Stride"/> works, so it trains on crops and runs on whole windows.
/// </summary>
public sealed class DetailGenerator : Module<Tensor, Tensor, Tensor, Tensor>
{
    private const double Slope = 0.2;

    private readonly Sequential fullLevel;
    private readonly Sequential toHalf;
    private readonly Sequential toQuarter;
    private readonly ModuleList<DilatedResidualBlock> blocks = new();
    private readonly Sequential upToHalf;
    private readonly Sequential mergeHalf;
    private readonly Sequential upToFull;
    private readonly Convolution toImage;

    public DetailGenerator(DetailNetwork network) : base(nameof(DetailGenerator))
    {
        Network = network;
        int full = network.FullWidth, half = network.HalfWidth, quarter = network.QuarterWidth;
        fullLevel = Sequential(Convolution.Conv2d(7, full, 3, padding: 1), LeakyReLU(Slope));
        toHalf = Sequential(Convolution.Conv2d(full, half, 4, stride: 2, padding: 1), LeakyReLU(Slope));
        toQuarter = Sequential(Convolution.Conv2d(half, quarter, 4, stride: 2, padding: 1), LeakyReLU(Slope));
        for (int block = 0; block < network.ResidualBlocks; block++)
            blocks.Add(new DilatedResidualBlock(quarter, DetailNetwork.DilationOf(block)));
        upToHalf = Sequential(LeakyReLU(Slope), Convolution.Transposed(quarter, half, 4, stride: 2, padding: 1), LeakyReLU(Slope));
        mergeHalf = Sequential(Convolution.Conv2d(2 * half, half, 3, padding: 1), LeakyReLU(Slope));
        upToFull = Sequential(Convolution.Transposed(half, full, 4, stride: 2, padding: 1), LeakyReLU(Slope));
        toImage = Convolution.Conv2d(2 * full, 3, 3, padding: 1);
        using (no_grad())
        {
            toImage.Weight.zero_();
            toImage.Bias!.zero_();
        }
        RegisterComponents();
    }

    public DetailNetwork Network { get; }

    /// <summary>
    /// maskedWindow [B,3,H,W] in [-1, 1] with the hole zeroed, hole [B,1,H,W] (1 = hole), fill
    /// [B,3,H,W]: the MMFL fill upsampled to H x W -> the painted window [B,3,H,W], outside the
    /// hole the masked window exactly. H and W are multiples of <see cref="DetailNetwork.Stride"/>.
    /// </summary>
    public override Tensor forward(Tensor maskedWindow, Tensor hole, Tensor fill)
    {
        CheckShapes(maskedWindow, hole, fill);
        var full = fullLevel.forward(cat([maskedWindow, hole, fill], 1));
        var half = toHalf.forward(full);
        var x = toQuarter.forward(half);
        foreach (var block in blocks)
            x = block.forward(x);
        x = mergeHalf.forward(cat([upToHalf.forward(x), half], 1));
        var correction = toImage.forward(cat([upToFull.forward(x), full], 1));
        return HoleComposite.Fill(maskedWindow, fill + correction, hole);
    }

    private static void CheckShapes(Tensor maskedWindow, Tensor hole, Tensor fill)
    {
        var shape = maskedWindow.shape;
        if (maskedWindow.Dimensions != 4 || shape[1] != 3 || shape[2] % DetailNetwork.Stride != 0 || shape[3] % DetailNetwork.Stride != 0)
            throw new ArgumentException($"the detail generator expects windows of shape [B,3,H,W] with H and W multiples of {DetailNetwork.Stride}, "
                + $"got [{string.Join(",", shape)}].", nameof(maskedWindow));
        if (!hole.shape.SequenceEqual([shape[0], 1, shape[2], shape[3]]))
            throw new ArgumentException($"expected a hole of shape [{shape[0]},1,{shape[2]},{shape[3]}], got [{string.Join(",", hole.shape)}].", nameof(hole));
        if (!fill.shape.SequenceEqual(shape))
            throw new ArgumentException($"expected a fill of shape [{string.Join(",", shape)}], got [{string.Join(",", fill.shape)}].", nameof(fill));
    }
}
