using TextInpaint.Imaging;
using TextInpaint.Inference;

namespace TextInpaint.Web;

/// <summary>
/// An uploaded image and its hole (a mask image or a box), checked from the images' headers and
/// still encoded: they are decoded when their fill runs, so a waiting fill holds its upload's
/// bytes only and a full queue of the largest images stays within bounded memory.
/// </summary>
public sealed record HoleUpload(byte[] Image, byte[]? Mask, HoleBox? Box)
{
    /// <summary>Reads the form's image (given) and hole, refusing in one line what cannot be filled.</summary>
    public static async Task<HoleUpload> ReadAsync(HoleForm form, ServerOptions limits, CancellationToken cancel)
    {
        if ((form.Mask is null) == string.IsNullOrWhiteSpace(form.Box))
            throw new UserInputException("give the hole as the form field 'mask' (an image, white = hole) or 'box' (x,y,width,height), not both.");
        var image = await BytesOf(form.Image!, cancel);
        var (width, height) = ImageBytes.Measure(image, "image", limits.MaxImagePixels);
        byte[]? mask = null;
        HoleBox? box = null;
        if (form.Mask is not null)
            ImageBytes.Measure(mask = await BytesOf(form.Mask, cancel), "mask", limits.MaxImagePixels);
        else
            (box = HoleBox.Parse(form.Box!, "box")).RequireOn(width, height, "box");
        return new HoleUpload(image, mask, box);
    }

    public (RgbImage Image, Mask Hole) Decode(long maxPixels)
    {
        var image = ImageBytes.Decode(Image, "image", maxPixels);
        var hole = Mask is not null ? ImageBytes.DecodeMask(Mask, "mask", maxPixels) : Box!.ToMask(image.Width, image.Height, "box");
        return (image, hole);
    }

    private static async Task<byte[]> BytesOf(IFormFile file, CancellationToken cancel)
    {
        // One array of the part's length, read into directly (a memory stream and its copy made two).
        var bytes = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(bytes, cancel);
        return bytes;
    }
}
