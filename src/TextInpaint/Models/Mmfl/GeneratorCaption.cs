using static TorchSharp.torch;

namespace TextInpaint.Models.Mmfl;

/// <summary>What the generator is given of a batch's captions.</summary>
/// <param name="Words">Word features [B,D,L] of the frozen DAMSM text encoder.</param>
/// <param name="Sentence">Sentence features [B,D].</param>
/// <param name="Lengths">Real words per caption [B] (int64, at least 1).</param>
/// <param name="ShownMatch">
/// How well each word finds itself in the masked picture (the whole picture a window was cut from,
/// or the image itself), as the frozen DAMSM encoders read it
/// (<see cref="Damsm.WordMatching.OwnWordRelevance"/>), [B,L]; needed by a preset whose Word Demand
/// Module reads it (<see cref="MmflPreset.WordDemandReadsShownMatch"/>), null otherwise.
/// </param>
public sealed record GeneratorCaption(Tensor Words, Tensor Sentence, Tensor Lengths, Tensor? ShownMatch = null);
