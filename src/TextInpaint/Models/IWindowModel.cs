using TextInpaint.Imaging;
using TextInpaint.Models.Mmfl;
using TextInpaint.Text;

namespace TextInpaint.Models;

/// <summary>
/// A trained model as a fill runs it: square windows around holes (<see cref="ModelWindow"/>) at
/// <see cref="WindowSize"/>, filled in one batch without gradients. Either an MMFL network alone
/// (<see cref="MmflModel"/>) or the detail stage over one (<see cref="Detail.DetailModel"/>); in
/// both, the MMFL network is what reads the caption.
/// </summary>
public interface IWindowModel : IDisposable
{
    /// <summary>The MMFL network that reads the caption: the model itself, or a detail model's base.</summary>
    MmflModel Mmfl { get; }

    /// <summary>The side of the windows the model fills.</summary>
    int WindowSize { get; }

    /// <summary>
    /// Fills windows at <see cref="WindowSize"/> (the hole greyed, as <see cref="ModelWindow.Input"/> gives
    /// them), with zero noise or noise drawn from <paramref name="seed"/>. Call it inside a <c>StepScope</c>;
    /// the tensors die with it. <paramref name="pictures"/>, the whole pictures the windows were cut
    /// from at the MMFL network's side (<see cref="ModelWindow.Picture"/>), are what its Word Demand
    /// Module reads when it reads the shown match (<see cref="MmflGenerator.ReadsShownMatch"/>); without them it reads the windows.
    /// </summary>
    WindowFill Fill(IReadOnlyList<RgbImage> windows, IReadOnlyList<Mask> holes, IReadOnlyList<EncodedCaption> captions, int? seed = null,
        IReadOnlyList<PictureView>? pictures = null);
}
