using TextInpaint.Models.Damsm;
using TextInpaint.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Runtime;

[Collection(TorchCollection.Name)]
public sealed class TorchRuntimeTests
{
    [Fact]
    public void The_text_encoder_and_a_convolution_run_forward_and_backward_on_this_platform()
    {
        // Guards the build's repair of the native library: libtorch loads and its LSTM and
        // convolution kernels run, through the project's own text encoder.
        TorchRuntime.Initialize();
        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        using var conv = nn.Conv2d(3, 8, 3, padding: 1);
        using var text = new TextEncoder(new TextEncoderOptions(VocabularySize: 12, EmbeddingSize: 10, HiddenPerDirection: 8));
        var image = torch.randn(2, 3, 16, 16, requires_grad: true);
        var words = torch.tensor(new long[] { 2, 3, 4, 5, 0, 6, 7, 0, 0, 0 }, [2, 5]);

        var features = conv.forward(image);
        var encoded = text.forward(words, torch.tensor(new long[] { 4, 2 }));
        var loss = features.square().mean() + encoded.Words.square().mean() + encoded.Sentence.square().mean();
        loss.backward();

        Assert.Equal(new long[] { 2, 16, 5 }, encoded.Words.shape);
        Assert.Equal(new long[] { 2, 16 }, encoded.Sentence.shape);
        Assert.True(image.grad!.abs().sum().ToSingle() > 0);
        Assert.True(text.parameters().Count(p => p.grad is not null && p.grad.abs().sum().ToSingle() > 0) > 1);
    }

    [Fact]
    public void Nnpack_is_switched_off_so_libtorch_does_not_warn_about_it()
    {
        TorchRuntime.Initialize();
        Assert.False(TorchRuntime.NnpackEnabled());
    }

    [Fact]
    public void The_C_allocator_is_set_to_keep_freed_memory_for_the_next_step()
    {
        TorchRuntime.Initialize();
        Assert.True(TorchRuntime.KeepsFreedMemory);
    }

    [Fact]
    public void Unknown_device_names_are_refused_with_a_clear_message()
    {
        var error = Assert.Throws<UserInputException>(() => TorchRuntime.ResolveDevice("tpu"));
        Assert.Contains("tpu", error.Message);
        Assert.Equal(torch.CPU.type, TorchRuntime.ResolveDevice("cpu").type);
    }
}
