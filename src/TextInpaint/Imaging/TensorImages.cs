using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Imaging;

/// <summary>
/// Conversions between images and tensors, in the conventions of the whole model: an image is
/// float32 [3, H, W] with values in [-1, 1] (byte / 127.5 - 1), a mask is float32 [1, H, W] with
/// 1 on the hole and 0 elsewhere. Batched tensors ([1, 3, H, W], [1, 1, H, W]) convert back too.
/// </summary>
public static class TensorImages
{
    public static Tensor ToTensor(RgbImage image)
    {
        int plane = image.Width * image.Height;
        var values = new float[3 * plane];
        var pixels = image.Pixels;
        for (int i = 0; i < plane; i++)
            for (int c = 0; c < 3; c++)
                values[c * plane + i] = pixels[3 * i + c] / 127.5f - 1f;
        return torch.tensor(values, [3, image.Height, image.Width]);
    }

    public static Tensor ToTensor(Mask mask)
    {
        var values = new float[mask.Hole.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = mask.Hole[i] ? 1f : 0f;
        return torch.tensor(values, [1, mask.Height, mask.Width]);
    }

    /// <summary>Whole pictures as one batch on <paramref name="device"/>: images [B,3,S,S] and holes [B,1,S,S].</summary>
    public static (Tensor Images, Tensor Holes) Stack(IEnumerable<PictureView> pictures, Device device)
    {
        var all = pictures.ToArray();
        return (stack(all.Select(p => ToTensor(p.Image))).to(device), stack(all.Select(p => ToTensor(p.Hole))).to(device));
    }

    /// <summary>Values outside [-1, 1] are clipped; each value is rounded to the nearest byte.</summary>
    public static RgbImage ToImage(Tensor tensor)
    {
        var (height, width) = PlaneSize(tensor, channels: 3);
        var values = Values(tensor);
        int plane = width * height;
        var image = new RgbImage(width, height);
        for (int i = 0; i < plane; i++)
            for (int c = 0; c < 3; c++)
                image.Pixels[3 * i + c] = (byte)Math.Clamp(MathF.Round((values[c * plane + i] + 1f) * 127.5f), 0f, 255f);
        return image;
    }

    /// <summary>A pixel is a hole where the tensor is at least 0.5.</summary>
    public static Mask ToMask(Tensor tensor)
    {
        var (height, width) = PlaneSize(tensor, channels: 1);
        var values = Values(tensor);
        var mask = new Mask(width, height);
        for (int i = 0; i < values.Length; i++)
            mask.Hole[i] = values[i] >= 0.5f;
        return mask;
    }

    private static (int Height, int Width) PlaneSize(Tensor tensor, int channels)
    {
        var shape = tensor.shape;
        bool batchOfOne = shape.Length == 4 && shape[0] == 1;
        if (!(shape.Length == 3 || batchOfOne) || shape[^3] != channels)
            throw new ArgumentException($"expected a [{channels}, H, W] or [1, {channels}, H, W] tensor, got [{string.Join(", ", shape)}]", nameof(tensor));
        return (checked((int)shape[^2]), checked((int)shape[^1]));
    }

    private static float[] Values(Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        return tensor.detach().to(torch.CPU).to(ScalarType.Float32).contiguous().data<float>().ToArray();
    }
}
