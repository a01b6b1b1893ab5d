using TextInpaint.Losses;

namespace TextInpaint.Training;

/// <summary>
/// Weights of the generator's loss terms. Defaults are MMFL's released code (docs/method.md section 3):
/// L_G = L1(coarse) + L1(final) + L_TGA + 0.002 L_GAN + 0.001 (L_word + L_sent). The
/// conditioning-augmentation KL term is not in the released code; its weight defaults to 0.
/// A term whose weight is 0 is not computed. <paramref name="NamedParts"/> is not a term: with
/// the named parts' TGA map (<see cref="TextAttentionMapSource.Parts"/>) it is how much of the TGA map's weight the parts
/// the caption names take against the rest of the hole (1: as much; see
/// <see cref="TextGuidedAttention.MapFromParts"/>), and <paramref name="NamedPartMargin"/> how
/// many pixels around each named part share its weight (0: the part's own pixels; negative: only
/// the pixels that far inside it), and over which pixels the part-colour term takes its means.
/// <paramref name="PartColours"/> weighs a second text-guided term on the named parts, their mean
/// colours (<see cref="TextGuidedAttention.PartColourLoss"/>); 0, its default, leaves it out.
/// <paramref name="WordDemand"/> weighs the term that teaches the Word Demand Module which words
/// the hole needs (<see cref="WordDemandTarget"/>); 0, its default, leaves it out. <paramref name="WordDemandFloor"/> is not a
/// term: the loss of match spread evenly over the caption before that term's target is taken (<see cref="WordDemandTarget.From"/>;
/// 0: none), <paramref name="WordDemandSharpness"/> the power that target's shares are raised to (1: as they are), and
/// <paramref name="WordDemandFloorPower"/> how sharply it turns from uniform to those shares around the floor (1: the floor's plain form).
/// <paramref name="Perceptual"/> weighs a perceptual term on the features of the frozen ImageNet
/// ResNet-18 (<see cref="FeatureDistance.PerceptualLoss"/>), not in MMFL; 0, its default, leaves
/// it out, and the network is then not loaded.
/// </summary>
public sealed record MmflLossWeights(
    double CoarseL1 = 1,
    double FinalL1 = 1,
    double TextAttention = 1,
    double Adversarial = 0.002,
    double DamsmWord = 0.001,
    double DamsmSentence = 0.001,
    double ConditioningKl = 0,
    double NamedParts = 1,
    int NamedPartMargin = 0,
    double PartColours = 0,
    double WordDemand = 0,
    double Perceptual = 0,
    double WordDemandFloor = 0,
    double WordDemandSharpness = 1,
    double WordDemandFloorPower = 1)
{
    /// <summary>
    /// These weights with the paper's loss ablations applied: without the text-guided attention
    /// losses, per pixel and per named part (`--no-tga-loss`), without the text-image matching
    /// losses (`--no-damsm-loss`), without the adversarial term (`--no-gan-loss`; the
    /// discriminator is then not trained either).
    /// </summary>
    public MmflLossWeights Without(bool textAttention, bool matching, bool adversarial = false) => this with
    {
        TextAttention = textAttention ? 0 : TextAttention,
        PartColours = textAttention ? 0 : PartColours,
        Adversarial = adversarial ? 0 : Adversarial,
        DamsmWord = matching ? 0 : DamsmWord,
        DamsmSentence = matching ? 0 : DamsmSentence,
    };
}
