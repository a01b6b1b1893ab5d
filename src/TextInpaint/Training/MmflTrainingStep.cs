using TextInpaint.Data.Batching;
using TextInpaint.Losses;
using TextInpaint.Models.Damsm;
using TextInpaint.Models.Mmfl;
using TextInpaint.Models.Pretrained;
using TextInpaint.Storage;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using TextInpaint.Runtime;

namespace TextInpaint.Training;

/// <summary>
/// One optimisation step of MMFL: a discriminator step on the detached result, then a generator
/// step on the weighted loss terms. Text features come from the frozen DAMSM text encoder and the
/// text-image matching loss from the frozen DAMSM encoders; with a perceptual weight, the frozen
/// ImageNet ResNet-18 is loaded for the perceptual term (and only then). A network whose loss is
/// not finite is not updated, and the step says so (<see cref="TrainingLoop.SkippedStep"/>). Every tensor made by a step dies
/// with it; the figures leave as numbers, under stable names.
/// </summary>
public sealed class MmflTrainingStep : IDisposable
{
    private readonly MmflModel model;
    private readonly MmflGenerator generator;
    private readonly PatchDiscriminator discriminator;
    private readonly DamsmEncoders damsm;
    private readonly DamsmLoss damsmLoss;
    private readonly MmflLossWeights weights;
    private readonly bool useText;
    private readonly ResNet18Features? perceptualNetwork;

    private readonly TextAttentionMapSource textAttentionMap;

    /// <param name="textAttentionMap">Which map weights the TGA loss; <see cref="TextAttentionMapSource.Parts"/>
    /// needs batches with <see cref="InpaintingBatch.NamedParts"/>.</param>
    public MmflTrainingStep(MmflModel model, PatchDiscriminator discriminator, MmflLossWeights weights, MmflOptimizerOptions optimizer,
        TextAttentionMapSource textAttentionMap = TextAttentionMapSource.Parts)
    {
        this.textAttentionMap = textAttentionMap;
        this.model = model;
        generator = model.Generator;
        damsm = model.Damsm;
        this.discriminator = discriminator;
        this.weights = weights;
        useText = model.Config.UsesText;
        damsmLoss = new DamsmLoss(damsm.Config.Matching);
        damsm.Text.eval();
        damsm.Image.eval();
        foreach (var p in damsm.Text.parameters().Concat(damsm.Image.parameters()))
            p.requires_grad = false;
        perceptualNetwork = weights.Perceptual > 0 ? ResNet18Package.Load(model.Device) : null;
        GeneratorOptimizer = optim.Adam(generator.parameters(), optimizer.LearningRate, optimizer.Beta1, optimizer.Beta2);
        DiscriminatorOptimizer = optim.Adam(discriminator.parameters(), optimizer.LearningRate, optimizer.Beta1, optimizer.Beta2);
    }

    public Adam GeneratorOptimizer { get; }

    /// <summary>Sets the learning rate of both optimisers.</summary>
    public void SetLearningRate(double rate)
    {
        foreach (var group in GeneratorOptimizer.ParamGroups.Concat(DiscriminatorOptimizer.ParamGroups))
            group.LearningRate = rate;
    }

    public Adam DiscriminatorOptimizer { get; }

    /// <summary>
    /// Whether a step reads the whole pictures windows were cut from (<see cref="InpaintingBatch.Pictures"/>):
    /// the Word Demand Module reads its shown match there, or the demand term its target.
    /// </summary>
    public bool ReadsPictures => generator.ReadsShownMatch || (useText && generator.UsesWordDemand && weights.WordDemand > 0);

    /// <summary>The generator being trained.</summary>
    public MmflGenerator Generator => generator;

    /// <summary>Trains one step on <paramref name="batch"/>; the caller's step scope holds every tensor it makes.</summary>
    public IReadOnlyDictionary<string, double> Train(InpaintingBatch batch)
    {
        generator.train();
        discriminator.train();
        var truth = batch.Images;
        var text = model.ReadCaptions(batch.Captions, batch.CaptionLengths);
        var output = model.Generate(InputOf(batch), text, GeneratorNoise.Sample(generator.Preset, truth.shape[0], truth.device));
        var generated = output.CompositedFinal;
        var figures = new Dictionary<string, double>();

        if (weights.Adversarial > 0 && !GanStep.TrainDiscriminator(discriminator, DiscriminatorOptimizer, truth, generated, figures))
            return figures;

        var terms = new List<(string Name, double Weight, Func<Tensor> Term)>
        {
            ("gen_l1_coarse", weights.CoarseL1, () => Reconstruction.L1(output.CompositedCoarse, truth)),
            ("gen_l1_final", weights.FinalL1, () => Reconstruction.L1(generated, truth)),
            ("gen_tga", weights.TextAttention, () => TextGuidedAttention.Loss(TextAttentionOf(output, text, batch), generated, truth)),
            ("gen_adv", weights.Adversarial,
                () => RelativisticLsgan.GeneratorLoss(discriminator.forward(truth, generated), discriminator.forward(generated, truth))),
            ("gen_kl", weights.ConditioningKl, () => output.ConditioningKl),
        };
        if (perceptualNetwork is not null)
            terms.Add(("gen_perceptual", weights.Perceptual, () => FeatureDistance.PerceptualLoss(perceptualNetwork, generated, truth)));
        if (useText && generator.UsesWordDemand)
            terms.Add(("gen_word_demand", weights.WordDemand, () => WordDemandLoss(output, text, batch)));
        if (batch.NamedParts is { } namedParts)
            terms.Add(("gen_part_colour", weights.PartColours,
                () => TextGuidedAttention.PartColourLoss(namedParts, batch.Masks, generated, truth, weights.NamedPartMargin)));
        if (useText && (weights.DamsmWord > 0 || weights.DamsmSentence > 0))
        {
            var matching = Matching(generated, text, batch);
            terms.Add(("gen_damsm_word", weights.DamsmWord, () => matching.Word));
            terms.Add(("gen_damsm_sentence", weights.DamsmSentence, () => matching.Sentence));
        }

        if (!GanStep.TrainGenerator(terms, GeneratorOptimizer, figures))
            return figures;
        figures["hole_l1"] = Reconstruction.HoleL1(generated.detach(), truth, batch.Masks).ToDouble();
        return figures;
    }

    /// <summary>What the generator is given of a training batch: the ground truth (its hole is masked by the model), holes and captions.</summary>
    public static MmflInput InputOf(InpaintingBatch batch) =>
        new(batch.Images, batch.Masks, batch.Captions, batch.CaptionLengths) { Pictures = batch.Pictures, PictureHoles = batch.PictureHoles };

    /// <summary>
    /// The map the TGA loss weights by: the named parts' (when the batch has part labels), where
    /// the demanded words lie in the true image, or the generator's (<see cref="TextAttentionMapSource"/>).
    /// </summary>
    private Tensor TextAttentionOf(MmflOutput output, TextFeatures text, InpaintingBatch batch)
    {
        if (textAttentionMap == TextAttentionMapSource.Parts && batch.NamedParts is { } namedParts)
            return TextGuidedAttention.MapFromParts(namedParts, batch.Masks, weights.NamedParts, weights.NamedPartMargin);
        if (textAttentionMap == TextAttentionMapSource.Generator)
            return output.TextAttention;
        using var noGrad = no_grad();
        var truthRegions = damsm.Image.forward(batch.Images).Regions;
        var attention = damsmLoss.Options.OwnWordAttention(truthRegions, text.Words, batch.CaptionLengths);
        return TextGuidedAttention.MapFromTruth(attention, output.WordDemand, batch.Masks);
    }

    /// <summary>
    /// How far the module's demand is from the share of each word's match with the image that the
    /// hole takes away, read by the frozen DAMSM encoders on the true and the masked image: the
    /// whole picture when the batch carries it, otherwise the window.
    /// </summary>
    private Tensor WordDemandLoss(MmflOutput output, TextFeatures text, InpaintingBatch batch)
    {
        Tensor target, realWords;
        using (no_grad())
        {
            var (truth, holes) = batch.Pictures is { } pictures ? (pictures, batch.PictureHoles!) : (batch.Images, batch.Masks);
            var truthRegions = damsm.Image.forward(truth).Regions;
            // A module that reads the shown match was given this very relevance to the masked image.
            var toMasked = output.ShownMatch ?? damsmLoss.Options.OwnWordRelevance(
                damsm.Image.forward(truth * (1 - holes)).Regions, text.Words, batch.CaptionLengths);
            realWords = WordMatching.RealWordMask(batch.CaptionLengths, text.Words.shape[2]);
            target = WordDemandTarget.From(damsmLoss.Options.OwnWordRelevance(truthRegions, text.Words, batch.CaptionLengths), toMasked, realWords,
                weights.WordDemandFloor, weights.WordDemandSharpness, weights.WordDemandFloorPower);
        }
        return WordDemandTarget.Loss(output.WordDemand, target, realWords);
    }

    /// <summary>DAMSM word and sentence losses between the inpainted images and their captions (MMFL's L_TIM).</summary>
    private DamsmLossTerms Matching(Tensor generated, TextFeatures text, InpaintingBatch batch)
    {
        var image = damsm.Image.forward(generated);
        return damsmLoss.Compute(image.Regions, image.Global, text.Words, batch.CaptionLengths, text.Sentence, batch.ClassIds);
    }

    public void Dispose()
    {
        GeneratorOptimizer.Dispose();
        DiscriminatorOptimizer.Dispose();
        perceptualNetwork?.Dispose();
    }
}
