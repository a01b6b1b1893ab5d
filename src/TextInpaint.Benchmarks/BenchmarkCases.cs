using TextInpaint.Benchmarks.Workloads;
using TextInpaint.Models.Detail;
using TextInpaint.Models.Mmfl;
using TextInpaint.Training;

namespace TextInpaint.Benchmarks;

/// <summary>The benchmark cases of `benchmark` and `benchmark-soak`, looked up by name.</summary>
public static class BenchmarkCases
{
    private const int DamsmVocabulary = 5000;

    /// <summary>DAMSM encoders of the default sizes (as `train-damsm` builds them) with a 5000-word vocabulary.</summary>
    private static readonly BenchmarkDamsmSizes DefaultDamsm = new(DamsmVocabulary, EmbeddingSize: 300, ImageEncoderWidth: 32);

    private static readonly BenchmarkDamsmSizes TinyDamsm = new(VocabularySize: 50, EmbeddingSize: 16, ImageEncoderWidth: 8);

    public static IReadOnlyList<BenchmarkCase> All { get; } =
    [
        new("damsm-train", "one DAMSM training step at 64x64", 32, 2, 10, true,
            _ => new DamsmTrainingWorkload(32, 64, DamsmVocabulary)),
        new("mmfl-train-synth64", "one MMFL training step (D then G), synth64 preset", 16, 2, 10, true,
            _ => new MmflTrainingWorkload(MmflPreset.Synth64, 16, DefaultDamsm)),
        new("mmfl-train-synth64-perceptual", "one MMFL training step (D then G), synth64 preset, with the perceptual term (ResNet-18) at weight 1",
            16, 2, 10, false,
            _ => new MmflTrainingWorkload(MmflPreset.Synth64, 16, DefaultDamsm, new MmflLossWeights(Perceptual: 1)),
            "mmfl-train-synth64-perceptual is mmfl-train-synth64 with `train --perceptual-weight 1`: their ratio is the perceptual term's cost."),
        new("mmfl-train-synth64-v1", "one MMFL training step (D then G), synth64-v1 preset (synth64 before its design switches)", 16, 2, 10, false,
            _ => new MmflTrainingWorkload(HistoricalPresets.Synth64FirstDesign, 16, DefaultDamsm),
            "mmfl-train-synth64-v1 is the network that builds before the design switches (docs/method.md section 10) call synth64; it compares "
                + "speed across them on one network."),
        new("mmfl-train-paper", "one MMFL training step (D then G), paper preset at 256x256", 4, 1, 2, false,
            _ => new MmflTrainingWorkload(MmflPreset.Paper, 4, DefaultDamsm),
            "mmfl-train-paper makes 1 warm-up and 2 timed runs by default: a step of the paper's networks at batch 4 takes over a minute on two CPU cores."),
        new("mmfl-train-tiny", "one MMFL training step (D then G), tiny preset at 32x32", 4, 1, 5, false,
            _ => new MmflTrainingWorkload(MmflPreset.Tiny, 4, TinyDamsm)),
        new("inference-synth64", "text encoder + generator forward, synth64 preset, no_grad, zero noise", 1, 5, 50, true,
            _ => new GeneratorInferenceWorkload(MmflPreset.Synth64, 1, DefaultDamsm)),
        new("inference-detail256", "a 256x256 window through a detail model's networks: text encoder + synth64 generator at 64x64, its fill "
                + "upsampled, detail generator at 256x256; no_grad, zero noise", 1, 5, 30, false,
            _ => new DetailInferenceWorkload(MmflPreset.Synth64, 256, new DetailNetwork(), 1, DefaultDamsm),
            "inference-detail256 is the network part of a fill by a detail model (docs/method.md section 13); the target is 150 ms on 2 threads."),
        new("inference-paper", "text encoder + generator forward, paper preset at 256x256, no_grad, zero noise", 1, 1, 5, false,
            _ => new GeneratorInferenceWorkload(MmflPreset.Paper, 1, DefaultDamsm),
            "inference-paper makes 1 warm-up and 5 timed runs by default: the paper's generator is heavy on a CPU."),
        new("inference-paper-v1",
            "text encoder + generator forward, paper-v1 network (paper before the released layout) at 256x256, no_grad, zero noise", 1, 1, 5, false,
            _ => new GeneratorInferenceWorkload(HistoricalPresets.PaperFirstDesign, 1, DefaultDamsm),
            "inference-paper-v1 is the network that builds before the released generator layout call paper; it compares speed across them on one network."),
        new("load-model", "Inpainter.Load of the model folder (config, vocabulary, encoders, generator) and its disposal", 1, 1, 10, false,
            context => new ModelLoadWorkload(context.RequireModel("load-model"))),
        new("inpaint-model", "Inpainter.Inpaint of a 640x480 image with a 160x120 hole: crop, resize, text encoder, generator, paste back", 1, 5, 50, false,
            context => new InpaintWorkload(context.RequireModel("inpaint-model"))),
    ];

    public static IReadOnlyList<BenchmarkCase> Defaults => All.Where(c => c.RunsByDefault).ToArray();

    /// <summary>Looks a case up by name (case-insensitive); an unknown name is refused with the list of cases.</summary>
    public static BenchmarkCase Named(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new UserInputException($"benchmark case '{name}': unknown; the cases are {string.Join(", ", All.Select(c => c.Name))}.");
}
