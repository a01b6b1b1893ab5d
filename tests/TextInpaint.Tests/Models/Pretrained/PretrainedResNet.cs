using TextInpaint.Models.Pretrained;
using TextInpaint.Runtime;
using TextInpaint.Storage;
using static TorchSharp.torch;

namespace TextInpaint.Tests.Models.Pretrained;

/// <summary>The package's ResNet-18, read once for the tests that need it (reading the 64 MB file takes a second or two).</summary>
internal static class PretrainedResNet
{
    private static readonly Lazy<ResNet18Features> Network = new(() =>
    {
        TorchRuntime.Initialize();
        return ResNet18Package.Load(CPU);
    });

    public static ResNet18Features Shared => Network.Value;
}
