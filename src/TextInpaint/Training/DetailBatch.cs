using TextInpaint.Data.Batching;
using TextInpaint.Imaging;
using TextInpaint.Models.Mmfl;
using static TorchSharp.torch;

namespace TextInpaint.Training;

/// <summary>A batch of detail training examples, as <see cref="DetailTrainingStep"/> takes it.</summary>
/// <param name="Windows">Targets at the detail side, float32 [B,3,S,S] in [-1, 1].</param>
/// <param name="Holes">Holes at the detail side, float32 [B,1,S,S], 1 on the hole.</param>
/// <param name="BaseInputs">What the base sees, [B,3,s,s] at its own side s.</param>
/// <param name="BaseHoles">The holes at the base's side, [B,1,s,s].</param>
/// <param name="Captions">int64 [B,16], word indices padded with 0.</param>
/// <param name="CaptionLengths">int64 [B].</param>
/// <param name="Crops">Each window's square the stage trains on: its top-left corner.</param>
/// <param name="CropSide">The squares' side.</param>
public sealed record DetailBatch(Tensor Windows, Tensor Holes, Tensor BaseInputs, Tensor BaseHoles, Tensor Captions, Tensor CaptionLengths,
    IReadOnlyList<(int X, int Y)> Crops, int CropSide)
{
    /// <summary>The whole pictures the windows were cut from at the base's side [B,3,s,s], the truth in their holes, and those holes [B,1,s,s].</summary>
    public Tensor? BasePictures { get; init; }

    /// <inheritdoc cref="BasePictures"/>
    public Tensor? BasePictureHoles { get; init; }

    /// <summary>What the base is given: its view of the windows, with the whole pictures when the samples carry them.</summary>
    public MmflInput BaseInput => new(BaseInputs, BaseHoles, Captions, CaptionLengths) { Pictures = BasePictures, PictureHoles = BasePictureHoles };

    /// <summary>Stacks samples into a batch on <paramref name="device"/>, in the caller's dispose scope.</summary>
    public static DetailBatch Of(IReadOnlyList<DetailSample> samples, int cropSide, Device device)
    {
        var pictures = InpaintingSample.PicturesOf(samples.Select(s => s.Window).ToArray());
        var (basePictures, basePictureHoles) = pictures is null ? (null, null) : TensorImages.Stack(pictures, device);
        return new(
            stack(samples.Select(s => TensorImages.ToTensor(s.Window.Image))).to(device),
            stack(samples.Select(s => TensorImages.ToTensor(s.Window.Mask))).to(device),
            stack(samples.Select(s => TensorImages.ToTensor(s.BaseInput))).to(device),
            stack(samples.Select(s => TensorImages.ToTensor(s.BaseHole))).to(device),
            stack(samples.Select(s => tensor(s.Window.Caption.Ids))).to(device),
            tensor(samples.Select(s => (long)s.Window.Caption.Length).ToArray()).to(device),
            samples.Select(s => (s.CropX, s.CropY)).ToArray(),
            cropSide)
        {
            BasePictures = basePictures, BasePictureHoles = basePictureHoles,
        };
    }

    /// <summary>Each window's square of a [B,C,S,S] tensor at the detail side: [B,C,CropSide,CropSide].</summary>
    public Tensor Crop(Tensor full) =>
        stack(Crops.Select((corner, i) => full[i].narrow(1, corner.Y, CropSide).narrow(2, corner.X, CropSide)));
}
