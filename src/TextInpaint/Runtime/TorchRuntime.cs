using System.Runtime.InteropServices;
using TorchSharp;

namespace TextInpaint.Runtime;

/// <summary>
/// One place that prepares libtorch for this process: loads the native backend, turns off
/// NNPACK (on CPUs it does not support, libtorch would print "Could not initialize NNPACK!"
/// for every convolution it considers; the fallback kernels are the ones used anyway) and
/// resolves a device name. oneDNN (mkldnn) kernels stay on: the convolutions whose input
/// gradients they get wrong avoid them layer by layer (<see cref="Models.OneDnnConvolutions"/>).
/// It also sets the C allocator to keep freed memory for the next training step instead of
/// returning it to the kernel (docs/performance.md).
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool initialized;

    public static void Initialize()
    {
        lock (Gate)
        {
            if (initialized) return;
            KeepFreedMemory();
            torch.InitializeDeviceType(DeviceType.CPU);
            DisableNnpack();
            initialized = true;
        }
    }

    /// <summary>
    /// Sets the number of threads libtorch computes with. On a machine shared with other busy
    /// processes, fewer threads than cores can be much faster: libtorch's threads wait for each
    /// other at every operation.
    /// </summary>
    public static void SetThreads(int threads)
    {
        if (threads < 1)
            throw new UserInputException($"--threads {threads}: must be at least 1.");
        Initialize();
        torch.set_num_threads(threads);
    }

    /// <summary>Parses "cpu", "cuda" or "cuda:N" and checks that the device can be used.</summary>
    public static torch.Device ResolveDevice(string name)
    {
        Initialize();
        var device = name.Trim().ToLowerInvariant();
        if (device == "cpu") return torch.CPU;
        if (device.StartsWith("cuda", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
                throw new UserInputException($"device '{name}': CUDA is not available (this build uses the TorchSharp-cpu backend; build with "
                    + $"-p:TorchSharpBackendPackage=TorchSharp-cuda-linux on a GPU machine).");
            return torch.device(device);
        }
        throw new UserInputException($"device '{name}': expected cpu, cuda or cuda:N.");
    }

    // A training step allocates and frees the same few hundred tensors every step. glibc serves
    // blocks from 128 KiB up (the dynamic threshold grows to 32 MiB) with fresh mmaps and trims
    // the heap's top after each free, so each step pays again for zeroed pages. Fixing the mmap
    // threshold at its 32 MiB maximum and never trimming keeps the memory of one step for the next;
    // the process's resident size stays at its peak instead of going down between steps.
    private static void KeepFreedMemory()
    {
        if (!OperatingSystem.IsLinux()) return;
        const int trimThreshold = -1, topPad = -2, mmapThreshold = -3;
        KeepsFreedMemory = mallopt(mmapThreshold, 32 << 20) == 1
            & mallopt(trimThreshold, int.MaxValue) == 1
            & mallopt(topPad, 64 << 20) == 1;
    }

    /// <summary>Whether the C allocator took the settings above (glibc's mallopt answers 1 when it does).</summary>
    internal static bool KeepsFreedMemory { get; private set; }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);

    /// <summary>at::globalContext().userEnabledNNPACK(); null where the symbol cannot be found.</summary>
    internal static bool? NnpackEnabled()
    {
        if (!TryGetExport("_ZNK2at7Context17userEnabledNNPACKEv", out var getNnpack) || GlobalContext() is not { } context)
            return null;
        unsafe
        {
            return ((delegate* unmanaged<nint, byte>)getNnpack)(context) != 0;
        }
    }

    // at::globalContext().setUserEnabledNNPACK(false), reached through libtorch's exported C++ symbols.
    private static void DisableNnpack()
    {
        if (!TryGetExport("_ZN2at7Context20setUserEnabledNNPACKEb", out var setNnpack) || GlobalContext() is not { } context)
            return;
        unsafe
        {
            ((delegate* unmanaged<nint, byte, void>)setNnpack)(context, 0);
        }
    }

    /// <summary>at::globalContext().userEnabledMkldnn(); null where the symbol cannot be found.</summary>
    internal static bool? OneDnnEnabled()
    {
        if (!TryGetExport("_ZNK2at7Context17userEnabledMkldnnEv", out var getMkldnn) || GlobalContext() is not { } context)
            return null;
        unsafe
        {
            return ((delegate* unmanaged<nint, byte>)getMkldnn)(context) != 0;
        }
    }

    private static nint? GlobalContext()
    {
        if (!TryGetExport("_ZN2at13globalContextEv", out var getContext)) return null;
        unsafe
        {
            return ((delegate* unmanaged<nint>)getContext)();
        }
    }

    private static bool TryGetExport(string symbol, out nint address)
    {
        address = 0;
        return OperatingSystem.IsLinux()
            && NativeLibrary.TryLoad("libtorch_cpu.so", typeof(torch).Assembly, null, out var library)
            && NativeLibrary.TryGetExport(library, symbol, out address);
    }
}
