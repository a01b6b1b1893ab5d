using TextInpaint.Models.Mmfl;
using TextInpaint.Text;

namespace TextInpaint.Inference;

/// <summary>One word of the caption and what the model made of it.</summary>
/// <param name="Word">The word as the tokenizer gave it (lower case).</param>
/// <param name="State">Known; unknown (the vocabulary lacks it: read as &lt;unk&gt;); or dropped (past the 16
/// words the model reads: not read, no demand, no attention).</param>
/// <param name="Demand">The Word Demand Module's weight for the word: a gate in (0, 1) of its own, or for a model
/// with softmax demand its share (the shares add up to 1).</param>
/// <param name="Attention">
/// Where the word was placed, a row-major <see cref="InpaintResult.AttentionSide"/>² map over the
/// model's input square; at each position the weights of all words add up to 1. It is the masked
/// image's own reading of the words at the fusion level where the model has one
/// (<see cref="MmflPreset.FusesRegionWords"/>), otherwise the text branch's second-stage word attention.
/// </param>
public sealed record WordUse(string Word, WordState State, double? Demand, float[]? Attention)
{
    /// <summary>Whether the vocabulary knows the word and the model read it.</summary>
    public bool Known => State == WordState.Known;
}
