using TextInpaint.Imaging;
using TextInpaint.Runtime;
using TorchSharp;

namespace TextInpaint.Tests.Imaging;

[Collection(TorchCollection.Name)]
public sealed class TensorImagesTests
{
    [Fact]
    public void Images_become_channel_first_tensors_in_minus_one_to_one_and_convert_back_exactly()
    {
        TorchRuntime.Initialize();
        using var scope = torch.NewDisposeScope();
        var image = new RgbImage(3, 2);
        image[0, 0] = (0, 128, 255);
        image[2, 1] = (10, 20, 30);

        var tensor = TensorImages.ToTensor(image);

        Assert.Equal(new long[] { 3, 2, 3 }, tensor.shape);
        Assert.Equal(torch.ScalarType.Float32, tensor.dtype);
        Assert.Equal(-1f, tensor[0, 0, 0].ToSingle());
        Assert.Equal(1f, tensor[2, 0, 0].ToSingle());
        Assert.Equal(20 / 127.5f - 1f, tensor[1, 1, 2].ToSingle(), 6);
        Assert.Equal(image.Pixels, TensorImages.ToImage(tensor).Pixels);
        Assert.Equal(image.Pixels, TensorImages.ToImage(tensor.unsqueeze(0)).Pixels);
    }

    [Fact]
    public void Values_outside_the_image_range_are_clipped_when_converting_back()
    {
        TorchRuntime.Initialize();
        using var scope = torch.NewDisposeScope();
        var tensor = torch.tensor(new float[] { -3f, 0f, 5f }, [3, 1, 1]);

        Assert.Equal(new byte[] { 0, 128, 255 }, TensorImages.ToImage(tensor).Pixels);
    }

    [Fact]
    public void Masks_become_one_on_the_hole_and_zero_elsewhere_and_convert_back()
    {
        TorchRuntime.Initialize();
        using var scope = torch.NewDisposeScope();
        var mask = Mask.Box(4, 3, 1, 1, 2, 1);

        var tensor = TensorImages.ToTensor(mask);

        Assert.Equal(new long[] { 1, 3, 4 }, tensor.shape);
        Assert.Equal(2f, tensor.sum().ToSingle());
        Assert.Equal(1f, tensor[0, 1, 2].ToSingle());
        Assert.Equal(mask.Hole, TensorImages.ToMask(tensor).Hole);
    }

    [Fact]
    public void A_tensor_of_the_wrong_shape_is_refused()
    {
        TorchRuntime.Initialize();
        using var scope = torch.NewDisposeScope();

        Assert.Throws<ArgumentException>(() => TensorImages.ToImage(torch.zeros(2, 3, 4, 4)));
        Assert.Throws<ArgumentException>(() => TensorImages.ToMask(torch.zeros(3, 4, 4)));
    }
}
