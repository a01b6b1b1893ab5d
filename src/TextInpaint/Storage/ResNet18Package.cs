using System.Reflection;
using System.Runtime.InteropServices;
using Onnx;
using TextInpaint.Models.Pretrained;
using TorchSharp;
using static TorchSharp.torch;

namespace TextInpaint.Storage;

/// <summary>
/// The ImageNet ResNet-18 that the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 ships as
/// ONNX files, read into a frozen <see cref="ResNet18Features"/>. The package is restored with the
/// library, and the build records its folder in the NuGet cache (an assembly-metadata attribute), so
/// the weights never enter the repository and no bin folder carries them. Only the feature
/// distances of `eval` and the perceptual training term load it.
/// </summary>
public static class ResNet18Package
{
    public const string Id = "Microsoft.ML.DnnImageFeaturizer.ResNet18";

    private const string FolderKey = "ResNet18PackageFolder";

    /// <summary>The network, ResNet18.onnx, inside the package's folder.</summary>
    public static string NetworkFile => Path.Combine(Folder, "tools", "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");

    /// <summary>The preprocessing graph, ResNetPreprocess.onnx, inside the package's folder: it holds the mean image.</summary>
    public static string PreprocessingFile => Path.Combine(Folder, "tools", "DnnImageModels", "ResNetPrepOnnx", "ResNetPreprocess.onnx");

    private static string Folder => typeof(ResNet18Package).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == FolderKey)?.Value is { Length: > 0 } folder
        ? folder
        : throw new UserInputException($"the build recorded no folder of the NuGet package {Id}; restore and build again (dotnet build).");

    /// <summary>The network with the package's weights, frozen, on <paramref name="device"/>.</summary>
    public static ResNet18Features Load(Device device) => Load(NetworkFile, PreprocessingFile, device);

    /// <summary>The network read from these two files of the package, frozen, on <paramref name="device"/>.</summary>
    internal static ResNet18Features Load(string networkFile, string preprocessingFile, Device device)
    {
        var network = Read(networkFile);
        var preprocessing = Read(preprocessingFile);
        var features = new ResNet18Features();
        try
        {
            using var scope = NewDisposeScope();
            var weights = Weights(networkFile, network.Graph, preprocessing.Graph);
            using (no_grad())
                foreach (var (name, target) in features.state_dict())
                {
                    if (name.EndsWith("num_batches_tracked", StringComparison.Ordinal)) continue;
                    if (!weights.TryGetValue(name, out var source) || !source.shape.SequenceEqual(target.shape))
                        throw new UserInputException($"{networkFile}: not the ResNet-18 this reader knows ({name} is "
                            + $"{(source is null ? "missing" : $"[{string.Join(", ", source.shape)}]")}).");
                    target.copy_(source);
                }
            features.to(device);
            return features;
        }
        catch
        {
            features.Dispose();
            throw;
        }
    }

    private static ModelProto Read(string path)
    {
        if (!File.Exists(path))
            throw new UserInputException($"{path}: missing; the ResNet-18 weights come with the NuGet package {Id} (dotnet restore brings it).");
        using var stream = File.OpenRead(path);
        return ModelProto.Parser.ParseFrom(stream);
    }

    /// <summary>
    /// The graph's weights under <see cref="ResNet18Features"/>'s state-dict keys (torchvision's),
    /// found by the graph's structure rather than its CNTK names: the first convolution reads the
    /// input; each Add closes a residual block (in order: layer1.0, layer1.1, layer2.0, ..., layer4.2), one of
    /// its inputs the block's second batch normalisation, the other its input or a 1×1 projection's.
    /// Each convolution is followed by a BatchNormalization (inputs: scale, bias, mean, variance).
    /// </summary>
    private static Dictionary<string, Tensor> Weights(string file, GraphProto network, GraphProto preprocessing)
    {
        var initializers = network.Initializer.ToDictionary(t => t.Name);
        var producers = network.Node.SelectMany(n => n.Output.Select(o => (Output: o, Node: n))).ToDictionary(p => p.Output, p => p.Node);
        NodeProto Producer(string output) => producers[output];
        NodeProto NormAfter(NodeProto conv) => network.Node.Single(n => n.OpType == "BatchNormalization" && n.Input[0] == conv.Output[0]);

        var weights = new Dictionary<string, Tensor>();
        void AddUnit(string convName, string normName, NodeProto conv)
        {
            var norm = NormAfter(conv);
            var epsilon = norm.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? 1e-5f;
            if (Math.Abs(epsilon - ResNet18Features.NormEpsilon) > 1e-9)
                throw new UserInputException($"{file}: batch normalisation {norm.Name} has epsilon {epsilon}, not {ResNet18Features.NormEpsilon}.");
            weights[$"{convName}.weight"] = ToTensor(file, initializers[conv.Input[1]]);
            string[] keys = ["weight", "bias", "running_mean", "running_var"];
            for (int i = 0; i < keys.Length; i++)
                weights[$"{normName}.{keys[i]}"] = ToTensor(file, initializers[norm.Input[i + 1]]);
        }

        var stem = network.Node.First(n => n.OpType == "Conv" && n.Input[0] == network.Input[0].Name);
        AddUnit("conv1", "bn1", stem);
        var blocks = ResNet18Features.BlocksPerStage.SelectMany((count, stage) => Enumerable.Range(0, count).Select(b => $"layer{stage + 1}.{b}")).ToArray();
        var adds = network.Node.Where(n => n.OpType == "Add").ToArray();
        if (adds.Length != blocks.Length)
            throw new UserInputException($"{file}: {adds.Length} residual additions, where the package's ResNet-18 has {blocks.Length}.");
        for (int b = 0; b < adds.Length; b++)
        {
            var block = blocks[b];
            var convs = adds[b].Input.Select(Producer).Where(n => n.OpType == "BatchNormalization").Select(n => Producer(n.Input[0])).ToArray();
            var second = convs.Single(c => KernelOf(c) == 3);
            var first = Producer(Producer(Producer(second.Input[0]).Input[0]).Input[0]); // conv2 <- ReLU <- BN <- conv1
            AddUnit($"{block}.conv1", $"{block}.bn1", first);
            AddUnit($"{block}.conv2", $"{block}.bn2", second);
            if (convs.SingleOrDefault(c => KernelOf(c) == 1) is { } projection)
                AddUnit($"{block}.downsample.0", $"{block}.downsample.1", projection);
        }
        weights["mean_image"] = ToTensor(file, preprocessing.Initializer.Single(t => t.Name == "MeanImage"));
        return weights;
    }

    private static long KernelOf(NodeProto conv) => conv.Attribute.Single(a => a.Name == "kernel_shape").Ints[0];

    private static Tensor ToTensor(string file, TensorProto proto)
    {
        if (proto.DataType != (int)TensorProto.Types.DataType.Float)
            throw new UserInputException($"{file}: initializer {proto.Name} is not float32.");
        var values = proto.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(proto.RawData.Span).ToArray() : proto.FloatData.ToArray();
        return torch.tensor(values, proto.Dims.ToArray());
    }
}
