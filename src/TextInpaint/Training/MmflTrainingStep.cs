using TextInpaint.Losses;
using TextInpaint.Models.Damsm;
using TextInpaint.Models.Mmfl;
using TextInpaint.Storage;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using TextInpaint.Runtime;

namespace TextInpaint.Training;

/// <summary>
/// Weights of the generator's loss terms. Defaults are MMFL's released code (MMFL.md section 3):
/// L_G = L1(coarse) + L1(final) + L_TGA + 0.002 L_GAN + 0.001 (L_word + L_sent). The
/// conditioning-augmentation KL term is not in the released code; its weight defaults to 0.
/// A term whose weight is 0 is not computed.
/// </summary>
public sealed record MmflLossWeights(
    double CoarseL1 = 1,
    double FinalL1 = 1,
    double TextAttention = 1,
    double Adversarial = 0.002,
    double DamsmWord = 0.001,
    double DamsmSentence = 0.001,
    double ConditioningKl = 0);

/// <summary>Optimiser settings of MMFL training: Adam, lr 2e-4, betas (0.5, 0.999) for G and D.</summary>
public sealed record MmflOptimizerOptions(double LearningRate = 2e-4, double Beta1 = 0.5, double Beta2 = 0.999);

/// <summary>One batch as the MMFL step takes it: ground truth, hole, caption ids and lengths, classes.</summary>
public sealed record MmflBatch(Tensor Images, Tensor Masks, Tensor Captions, Tensor CaptionLengths, Tensor ClassIds);

/// <summary>
/// One optimisation step of MMFL: a discriminator step on the detached result, then a generator
/// step on the weighted loss terms. Text features come from the frozen DAMSM text encoder and the
/// text-image matching loss from the frozen DAMSM encoders. A network whose loss is not finite is
/// not updated, and the step says so (<see cref="TrainingLoop.SkippedStep"/>). Every tensor made by a step dies
/// with it; the figures leave as numbers, under stable names.
/// </summary>
public sealed class MmflTrainingStep : IDisposable
{
    private readonly MmflGenerator generator;
    private readonly PatchDiscriminator discriminator;
    private readonly DamsmEncoders damsm;
    private readonly DamsmLoss damsmLoss;
    private readonly MmflLossWeights weights;
    private readonly bool useText;

    public MmflTrainingStep(MmflGenerator generator, PatchDiscriminator discriminator, DamsmEncoders damsm,
        MmflLossWeights weights, MmflOptimizerOptions optimizer, bool useText = true)
    {
        this.generator = generator;
        this.discriminator = discriminator;
        this.damsm = damsm;
        this.weights = weights;
        this.useText = useText;
        damsmLoss = new DamsmLoss(damsm.Config.Loss);
        damsm.Text.eval();
        damsm.Image.eval();
        foreach (var p in damsm.Text.parameters().Concat(damsm.Image.parameters()))
            p.requires_grad = false;
        GeneratorOptimizer = optim.Adam(generator.parameters(), optimizer.LearningRate, optimizer.Beta1, optimizer.Beta2);
        DiscriminatorOptimizer = optim.Adam(discriminator.parameters(), optimizer.LearningRate, optimizer.Beta1, optimizer.Beta2);
    }

    public Adam GeneratorOptimizer { get; }

    public Adam DiscriminatorOptimizer { get; }

    public IReadOnlyDictionary<string, double> Train(MmflBatch batch)
    {
        using var scope = StepScope.Open();
        generator.train();
        discriminator.train();
        var truth = batch.Images;
        var text = TextFeaturesOf(damsm, batch, useText);
        var output = Generate(generator, text, batch, GeneratorNoise.Sample(generator.Preset, truth.shape[0], truth.device));
        var generated = output.CompositedFinal;
        var figures = new Dictionary<string, double>();

        if (weights.Adversarial > 0)
        {
            // r = D(x, z_hat), f = D(z_hat, x), with z_hat detached: this loss trains D only.
            var fake = generated.detach();
            var discriminatorLoss = RelativisticLsgan.DiscriminatorLoss(discriminator.forward(truth, fake), discriminator.forward(fake, truth));
            figures["discr_adv"] = discriminatorLoss.ToDouble();
            if (!double.IsFinite(figures["discr_adv"]))
            {
                figures[TrainingLoop.SkippedStep] = 1;
                return figures;
            }
            DiscriminatorOptimizer.zero_grad();
            discriminatorLoss.backward();
            DiscriminatorOptimizer.step();
        }

        var terms = new List<(string Name, double Weight, Func<Tensor> Term)>
        {
            ("gen_l1_coarse", weights.CoarseL1, () => Reconstruction.L1(output.CompositedCoarse, truth)),
            ("gen_l1_final", weights.FinalL1, () => Reconstruction.L1(generated, truth)),
            ("gen_tga", weights.TextAttention, () => TextGuidedAttention.Loss(output.TextAttention, generated, truth)),
            ("gen_adv", weights.Adversarial, () => RelativisticLsgan.GeneratorLoss(discriminator.forward(truth, generated), discriminator.forward(generated, truth))),
            ("gen_kl", weights.ConditioningKl, () => output.ConditioningKl),
        };
        if (useText && (weights.DamsmWord > 0 || weights.DamsmSentence > 0))
        {
            var matching = Matching(generated, text, batch);
            terms.Add(("gen_damsm_word", weights.DamsmWord, () => matching.Word));
            terms.Add(("gen_damsm_sentence", weights.DamsmSentence, () => matching.Sentence));
        }

        Tensor? total = null;
        foreach (var (name, weight, term) in terms.Where(t => t.Weight > 0))
        {
            var value = term();
            figures[name] = value.ToDouble();
            total = total is null ? weight * value : total + weight * value;
        }
        figures["gen_total"] = total!.ToDouble();
        if (!double.IsFinite(figures["gen_total"]))
        {
            figures[TrainingLoop.SkippedStep] = 1;
            return figures;
        }
        GeneratorOptimizer.zero_grad();
        total!.backward();
        GeneratorOptimizer.step();

        figures["hole_l1"] = Reconstruction.HoleL1(generated.detach(), truth, batch.Masks).ToDouble();
        return figures;
    }

    /// <summary>
    /// The frozen DAMSM text encoder's features of the batch's captions; for a model trained
    /// without text, zeros of the same shape (the generator then sees no caption at all).
    /// </summary>
    public static TextFeatures TextFeaturesOf(DamsmEncoders damsm, MmflBatch batch, bool useText) =>
        TextFeaturesOf(damsm, batch.Captions, batch.CaptionLengths, useText);

    /// <summary>The same for caption ids [B,L] and lengths [B].</summary>
    public static TextFeatures TextFeaturesOf(DamsmEncoders damsm, Tensor captions, Tensor lengths, bool useText)
    {
        using var noGrad = no_grad();
        var text = damsm.Text.forward(captions, lengths);
        return useText ? text : new TextFeatures(zeros_like(text.Words), zeros_like(text.Sentence));
    }

    /// <summary>Runs the generator on a batch's masked images with the given text features and noise.</summary>
    public static MmflOutput Generate(MmflGenerator generator, TextFeatures text, MmflBatch batch, GeneratorNoise noise)
    {
        var masked = batch.Images * (1 - batch.Masks);
        return generator.forward(masked, batch.Masks, text.Words, text.Sentence, batch.CaptionLengths, noise);
    }

    /// <summary>DAMSM word and sentence losses between the inpainted images and their captions (MMFL's L_TIM).</summary>
    private DamsmLossTerms Matching(Tensor generated, TextFeatures text, MmflBatch batch)
    {
        var image = damsm.Image.forward(generated);
        return damsmLoss.Compute(image.Regions, image.Global, text.Words, batch.CaptionLengths, text.Sentence, batch.ClassIds);
    }

    public void Dispose()
    {
        GeneratorOptimizer.Dispose();
        DiscriminatorOptimizer.Dispose();
    }
}
