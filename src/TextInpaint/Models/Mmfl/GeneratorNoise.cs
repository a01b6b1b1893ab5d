using static TorchSharp.torch;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// The random inputs of the generator's text branch: the noise vector z [B, NoiseDim] and the
/// conditioning-augmentation sample epsilon [B, ConditionDim]. Passed in so that inference can
/// be seeded or made deterministic.
/// </summary>
public sealed record GeneratorNoise(Tensor Latent, Tensor ConditioningEpsilon)
{
    /// <summary>Standard normal noise for a batch, drawn from <paramref name="generator"/> when one is given.</summary>
    public static GeneratorNoise Sample(MmflPreset preset, long batch, Device device, Generator? generator = null) => new(
        randn([batch, preset.NoiseDim], generator: generator).to(device),
        randn([batch, preset.ConditionDim], generator: generator).to(device));

    /// <summary>All-zero noise: z = 0 and the conditioning code equal to its mean.</summary>
    public static GeneratorNoise Zero(MmflPreset preset, long batch, Device device) => new(
        zeros([batch, preset.NoiseDim], device: device),
        zeros([batch, preset.ConditionDim], device: device));
}
