using static TorchSharp.torch;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// Everything the generator produces for a batch.
/// </summary>
/// <param name="Coarse">The coarse stage's raw output [B,3,S,S].</param>
/// <param name="Final">The refine stage's raw output [B,3,S,S].</param>
/// <param name="CompositedCoarse">The coarse output put into the hole, known pixels kept.</param>
/// <param name="CompositedFinal">The final output put into the hole, known pixels kept: the inpainted image.</param>
/// <param name="WordDemand">How much each word was needed [B,L] (0 on padding; see <see cref="WordDemandModule"/>
/// and <see cref="RegionAffinityWordDemand"/>).</param>
/// <param name="FirstWordAttention">Word attention of the text branch's first stage [B,L,S/4,S/4] (plain words).</param>
/// <param name="SecondWordAttention">Word attention of the second stage [B,L,S/2,S/2] (demand-weighted words).</param>
/// <param name="TextAttention">The TGA map A [B,1,S,S].</param>
/// <param name="ConditioningKl">KL term of the conditioning augmentation (a scalar).</param>
/// <param name="RegionWordAttention">With <see cref="MmflPreset.FusesRegionWords"/>: how much each region of the
/// masked image read each word [B,L,S/2^f,S/2^f] at the fusion level f (sum 1 over the words at every region);
/// otherwise null.</param>
public sealed record MmflOutput(
    Tensor Coarse,
    Tensor Final,
    Tensor CompositedCoarse,
    Tensor CompositedFinal,
    Tensor WordDemand,
    Tensor FirstWordAttention,
    Tensor SecondWordAttention,
    Tensor TextAttention,
    Tensor ConditioningKl,
    Tensor? RegionWordAttention)
{
    /// <summary>
    /// The words' match with the masked picture the Word Demand Module read
    /// (<see cref="GeneratorCaption.ShownMatch"/>), [B,L]; null when it reads none.
    /// </summary>
    public Tensor? ShownMatch { get; init; }
}
