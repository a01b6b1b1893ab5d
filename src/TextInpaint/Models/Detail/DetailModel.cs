using TextInpaint.Imaging;
using TextInpaint.Models.Mmfl;
using TextInpaint.Text;
using static TorchSharp.torch;

namespace TextInpaint.Models.Detail;

/// <summary>
/// A trained detail model: the MMFL network it paints over (the base, which reads the caption)
/// and the detail generator, on one device (docs/method.md section 13). A window at
/// <see cref="DetailConfig.Side"/> is filled in three steps, for inference, evaluation and
/// training alike: the base fills the window resized to its own side (<see cref="BaseView"/>),
/// its fill is upsampled to the window's side (<see cref="Upsample"/>), and the detail generator
/// paints the window over it (<see cref="Paint"/>).
/// </summary>
public sealed class DetailModel(DetailConfig config, MmflModel baseModel, DetailGenerator generator, Device device) : IWindowModel
{
    public DetailConfig Config { get; } = config;

    /// <summary>The MMFL network whose fill the detail stage paints over.</summary>
    public MmflModel Base { get; } = baseModel;

    public DetailGenerator Generator { get; } = generator;

    public Device Device { get; } = device;

    MmflModel IWindowModel.Mmfl => Base;

    public int WindowSize => Config.Side;

    /// <summary>
    /// What the base sees of a window of <paramref name="side"/>: the whole window resized to the base's
    /// <paramref name="baseSize"/> by <see cref="ModelWindow"/>'s own code, as a fill cuts a window for the base alone.
    /// </summary>
    public static ModelWindow BaseView(int side, int baseSize) => new(new CropWindow(0, 0, side), baseSize);

    /// <summary>The base's fill [B,3,s,s] upsampled bilinearly to <paramref name="side"/> x <paramref name="side"/>.</summary>
    public static Tensor Upsample(Tensor baseFill, int side) =>
        nn.functional.interpolate(baseFill, [side, side], mode: InterpolationMode.Bilinear, align_corners: false);

    /// <summary>
    /// The detail generator on windows [B,3,S,S] (what they hold in the hole is never read) and holes [B,1,S,S], over
    /// the base's fill already upsampled to S (or the same crop of it): the painted windows, composited.
    /// </summary>
    public Tensor Paint(Tensor windows, Tensor holes, Tensor upsampledFill) => Generator.forward(windows * (1 - holes), holes, upsampledFill);

    /// <summary>Fills windows at <see cref="DetailConfig.Side"/>: the base on its view of them, then the detail stage over its fill.</summary>
    public WindowFill Fill(IReadOnlyList<RgbImage> windows, IReadOnlyList<Mask> holes, IReadOnlyList<EncodedCaption> captions, int? seed = null,
        IReadOnlyList<PictureView>? pictures = null)
    {
        using var noGrad = no_grad();
        var view = BaseView(Config.Side, Base.Config.Preset.ImageSize);
        var baseOutput = Base.Inpaint(windows.Select((window, i) => view.Input(window, holes[i])).ToArray(), holes.Select(view.Hole).ToArray(),
            captions, seed, pictures);
        var images = stack(windows.Select(TensorImages.ToTensor)).to(Device);
        var masks = stack(holes.Select(TensorImages.ToTensor)).to(Device);
        return new WindowFill(Paint(images, masks, Upsample(baseOutput.CompositedFinal, Config.Side)), baseOutput);
    }

    public void Dispose()
    {
        Generator.Dispose();
        Base.Dispose();
    }
}
