using TextInpaint.Losses;

namespace TextInpaint.Training;

/// <summary>
/// Weights of the detail stage's loss terms (docs/method.md section 13); a term whose weight is 0
/// is not computed. <paramref name="HoleL1"/> weighs the L1 over the hole's pixels; outside the
/// hole the output is the input exactly (it is composited), so no term could teach anything there.
/// <paramref name="Adversarial"/> weighs the generator's relativistic least-squares term against
/// a spectrally normalised patch discriminator (MMFL's GAN loss, <see cref="RelativisticLsgan"/>);
/// 0, its default, trains on L1 alone and no discriminator is made. <paramref name="Perceptual"/>
/// weighs the perceptual term on the frozen ImageNet ResNet-18's features of the painted crop
/// against the truth (<see cref="FeatureDistance.PerceptualLoss"/>, as `train --perceptual-weight`);
/// 0, its default, leaves it out and the network is not loaded. A new term is one more weight
/// here, 0 by default so that a recipe saved before it reads it as off, and one more row in the
/// step's table of terms (<see cref="DetailTrainingStep"/>).
/// </summary>
public sealed record DetailLossWeights(double HoleL1 = 1, double Adversarial = 0, double Perceptual = 0);
