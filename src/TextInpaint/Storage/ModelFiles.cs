using System.Text.Json;
using System.Text.Json.Serialization;
using TorchSharp;
using TorchSharp.Modules;

namespace TextInpaint.Storage;

/// <summary>
/// Reading and writing the files of a model folder: module weights (TorchSharp's format) and
/// JSON documents. Writes are atomic; a missing or unreadable file is a
/// <see cref="UserInputException"/> that names it.
/// </summary>
public static class ModelFiles
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static void SaveWeights(torch.nn.Module module, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            module.save(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static void LoadWeights(torch.nn.Module module, string path)
    {
        RequireFile(path);
        try
        {
            module.load(path, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException)
        {
            throw new UserInputException($"{path}: the weights do not fit this model ({e.Message}); was it saved by another preset or vocabulary?", e);
        }
    }

    public static void SaveJson<T>(T value, string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Json));

    /// <summary>
    /// Loads the weights a run starts from (<c>--init-from</c>) into <paramref name="module"/> through
    /// <paramref name="start"/>, a module of the starting network: the file must fit
    /// <paramref name="start"/> exactly, and every tensor of it must fit <paramref name="module"/>,
    /// which may hold tensors the start lacks (a block the starting network did not have); those
    /// keep their initial values. Returns their names. The start's tensors under
    /// <paramref name="leftOutBlock"/> (a block this network drops, for an ablation) are not loaded.
    /// </summary>
    public static IReadOnlyList<string> LoadStartingWeights(torch.nn.Module module, torch.nn.Module start, string path, string? leftOutBlock = null)
    {
        LoadWeights(start, path);
        var target = module.state_dict();
        var source = start.state_dict()
            .Where(entry => leftOutBlock is null || !entry.Key.StartsWith(leftOutBlock + ".", StringComparison.Ordinal))
            .ToDictionary(entry => entry.Key, entry => entry.Value);
        if (source.Keys.Where(name => !target.ContainsKey(name) || !target[name].shape.SequenceEqual(source[name].shape)).ToList()
            is { Count: > 0 } misfits)
            throw new UserInputException($"{path}: the weights do not fit this model ({string.Join(", ", misfits)} differ or are missing).");
        using (torch.no_grad())
            foreach (var (name, value) in source)
                target[name].copy_(value);
        return target.Keys.Where(name => !source.ContainsKey(name)).ToList();
    }

    public static T LoadJson<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(UserFiles.ReadAllText(path, "JSON file"), Json)
                ?? throw new UserInputException($"{path}: empty JSON document.");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: not a valid {typeof(T).Name} document ({e.Message}).", e);
        }
    }

    /// <summary>Saves an optimiser's state (Adam's moments and step counts) atomically.</summary>
    public static void SaveOptimizer(torch.optim.Optimizer optimizer, string path)
    {
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        try
        {
            AsHelper(optimizer).save_state_dict(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static void LoadOptimizer(torch.optim.Optimizer optimizer, string path)
    {
        RequireFile(path);
        try
        {
            AsHelper(optimizer).load_state_dict(path);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException)
        {
            throw new UserInputException($"{path}: the optimiser state does not fit this model ({e.Message}).", e);
        }
    }

    private static OptimizerHelper AsHelper(torch.optim.Optimizer optimizer) =>
        optimizer as OptimizerHelper ?? throw new ArgumentException($"{optimizer.GetType().Name} cannot save its state.", nameof(optimizer));

    /// <summary>Saves torch's random-number generator state (so dropout and noise repeat after a resume).</summary>
    public static void SaveRngState(string path)
    {
        using var state = torch.get_rng_state();
        AtomicFile.WriteAllBytes(path, state.data<byte>().ToArray());
    }

    public static void LoadRngState(string path)
    {
        var bytes = UserFiles.ReadAllBytes(path, UserFiles.MaxTextBytes, "random state file");
        using (var current = torch.get_rng_state())
            if (bytes.Length != current.NumberOfElements)
                throw new UserInputException($"{path}: {bytes.Length} bytes, but torch's random state has {current.NumberOfElements}; the "
                    + $"checkpoint is damaged.");
        using var state = torch.tensor(bytes, torch.ScalarType.Byte);
        torch.set_rng_state(state);
    }

    /// <summary>Largest weights or optimiser-state file read (the paper preset's generator and its Adam state are about 1.8 GB).</summary>
    public const long MaxWeightBytes = 4L << 30;

    /// <summary>A file of a model or checkpoint folder: a regular file (never a folder, FIFO or device, whatever link leads there) of bounded size.</summary>
    public static void RequireFile(string path) => UserFiles.RequireRegularFile(path, MaxWeightBytes, "model file");
}
