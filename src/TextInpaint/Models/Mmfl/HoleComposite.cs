using static TorchSharp.torch;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// The one place where the generator's output tensors are put into the hole and known pixels kept (for images in
/// files, <c>MaskOps.PasteHole</c>).
/// </summary>
public static class HoleComposite
{
    /// <summary>
    /// image * (1 - mask) + generated * mask: outside the hole (mask 0) the result is the input
    /// image exactly. Works with the masked image (hole zeroed) or the full image alike.
    /// </summary>
    public static Tensor Fill(Tensor image, Tensor generated, Tensor mask) => image * (1 - mask) + generated * mask;
}
