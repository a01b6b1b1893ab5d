using System.Net.Http.Headers;
using TextInpaint.Imaging;

namespace TextInpaint.Web.Tests;

/// <summary>Test images and the multipart forms of <c>POST /api/v1/inpaint</c> and <c>POST /api/v1/classical</c>.</summary>
public static class Forms
{
    public static RgbImage Picture(int width, int height)
    {
        var image = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = ((byte)(40 + x % 170), (byte)(60 + y % 150), (byte)((x * y) % 200));
        return image;
    }

    public static byte[] Png(int width = 96, int height = 80) => ImageBytes.EncodePng(Picture(width, height));

    public static MultipartFormDataContent Fill(byte[] image, string? box = "24,20,40,36", string caption = "a bird with a red crown",
        byte[]? mask = null, string? seed = null, string imageName = "photo.png", string imageType = "image/png")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = new MediaTypeHeaderValue(imageType);
        form.Add(file, "image", imageName);
        if (mask is not null)
            form.Add(new ByteArrayContent(mask), "mask", "mask.png");
        if (box is not null)
            form.Add(new StringContent(box), "box");
        form.Add(new StringContent(caption), "caption");
        if (seed is not null)
            form.Add(new StringContent(seed), "seed");
        return form;
    }

    /// <summary>The form of <c>POST /api/v1/classical</c>.</summary>
    public static MultipartFormDataContent Classical(byte[] image, string method, string box = "24,20,40,36") => new()
    {
        { new ByteArrayContent(image), "image", "photo.png" },
        { new StringContent(box), "box" },
        { new StringContent(method), "method" },
    };

    public static HttpRequestMessage FillRequest(MultipartFormDataContent form, bool json = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/inpaint") { Content = form };
        if (json)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }
}
