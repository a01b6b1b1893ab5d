using static TorchSharp.torch;

namespace TextInpaint.Models.Mmfl;

/// <summary>
/// What the text branch needs: words [B,D,L], the same words re-weighted by the Word Demand Module, the sentence
/// [B,D], the real-word flags [B,L] and the noise.
/// </summary>
public sealed record TextBranchInput(Tensor Words, Tensor DemandedWords, Tensor Sentence, Tensor RealWords, GeneratorNoise Noise);
