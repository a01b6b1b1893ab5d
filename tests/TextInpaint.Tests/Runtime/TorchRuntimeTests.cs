using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Runtime;

[Collection(TorchCollection.Name)]
public sealed class TorchRuntimeTests
{
    [Fact]
    public void A_convolution_and_a_bidirectional_lstm_run_forward_and_backward()
    {
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        using var conv = nn.Conv2d(3, 8, 3, padding: 1);
        using var lstm = nn.LSTM(10, 16, bidirectional: true, batchFirst: true);
        var image = torch.randn(2, 3, 16, 16, requires_grad: true);
        var words = torch.randn(2, 5, 10);

        var features = conv.forward(image);
        var (sequence, _, _) = lstm.forward(words);
        var loss = features.square().mean() + sequence.square().mean();
        loss.backward();

        Assert.Equal(new long[] { 2, 8, 16, 16 }, features.shape);
        Assert.Equal(new long[] { 2, 5, 32 }, sequence.shape);
        Assert.NotNull(image.grad);
        Assert.True(image.grad!.abs().sum().ToSingle() > 0);
        Assert.All(lstm.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().ToSingle() > 0));
    }

    [Fact]
    public void Nnpack_is_switched_off_so_libtorch_does_not_warn_about_it()
    {
        TorchRuntime.Initialize();
        Assert.False(TorchRuntime.NnpackEnabled());
    }

    [Fact]
    public void Unknown_device_names_are_refused_with_a_clear_message()
    {
        var error = Assert.Throws<UserInputException>(() => TorchRuntime.ResolveDevice("tpu"));
        Assert.Contains("tpu", error.Message);
        Assert.Equal(torch.CPU.type, TorchRuntime.ResolveDevice("cpu").type);
    }
}
