using TextInpaint.Losses;
using TextInpaint.Models.Detail;
using TextInpaint.Models.Mmfl;
using TextInpaint.Models.Pretrained;
using TextInpaint.Storage;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TextInpaint.Training;

/// <summary>
/// One optimisation step of the detail stage (docs/method.md section 13): the frozen base fills each
/// window at its own side (no gradients, evaluation mode, its noise drawn as in MMFL training), its
/// fill is upsampled to the detail side, and the detail generator paints each window's crop over
/// the same crop of it; with an adversarial weight, a discriminator step on the detached result
/// comes first, as in MMFL; with a perceptual weight, the frozen ImageNet ResNet-18 is loaded for
/// the perceptual term (and only then). With a share of truth fills, that share of the windows,
/// drawn anew each step, gets the truth brought down to the base's side and back instead of the
/// base's fill (<see cref="DetailRecipe.TruthFills"/>). The terms are a table of (name, weight,
/// term) that skips a zero weight; a step whose loss is not finite is not applied
/// (<see cref="TrainingLoop.SkippedStep"/>). Every tensor made by a step dies with it; the figures leave as numbers, under stable names, with
/// <c>base_hole_l1</c>, the upsampled fill's own hole L1, to judge the stage against.
/// </summary>
public sealed class DetailTrainingStep : IDisposable
{
    private readonly DetailModel model;
    private readonly PatchDiscriminator? discriminator;
    private readonly DetailLossWeights weights;
    private readonly ResNet18Features? perceptualNetwork;
    private readonly double truthFills;

    /// <param name="discriminator">Needed for an adversarial weight above 0; null otherwise.</param>
    /// <param name="truthFills">The share of windows painted over the truth brought down to the base's side and back (0 to 1).</param>
    public DetailTrainingStep(DetailModel model, PatchDiscriminator? discriminator, DetailLossWeights weights, MmflOptimizerOptions optimizer,
        double truthFills = 0)
    {
        if (truthFills is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(truthFills), truthFills, "a share from 0 to 1");
        this.truthFills = truthFills;
        if (weights.Adversarial > 0 && discriminator is null)
            throw new ArgumentNullException(nameof(discriminator), "an adversarial weight needs a discriminator");
        this.model = model;
        this.discriminator = discriminator;
        this.weights = weights;
        var frozen = model.Base;
        frozen.Generator.eval();
        frozen.Damsm.Text.eval();
        frozen.Damsm.Image.eval();
        foreach (var p in frozen.Generator.parameters().Concat(frozen.Damsm.Text.parameters()).Concat(frozen.Damsm.Image.parameters()))
            p.requires_grad = false;
        perceptualNetwork = weights.Perceptual > 0 ? ResNet18Package.Load(model.Device) : null;
        GeneratorOptimizer = optim.Adam(model.Generator.parameters(), optimizer.LearningRate, optimizer.Beta1, optimizer.Beta2);
        DiscriminatorOptimizer = discriminator is null ? null
            : optim.Adam(discriminator.parameters(), optimizer.LearningRate, optimizer.Beta1, optimizer.Beta2);
    }

    public Adam GeneratorOptimizer { get; }

    /// <summary>Null without a discriminator.</summary>
    public Adam? DiscriminatorOptimizer { get; }

    /// <summary>Sets the learning rate of the optimisers.</summary>
    public void SetLearningRate(double rate)
    {
        foreach (var group in GeneratorOptimizer.ParamGroups.Concat(DiscriminatorOptimizer?.ParamGroups ?? []))
            group.LearningRate = rate;
    }

    /// <summary>Trains one step on <paramref name="batch"/>; the caller's step scope holds every tensor it makes.</summary>
    public IReadOnlyDictionary<string, double> Train(DetailBatch batch)
    {
        model.Generator.train();
        discriminator?.train();
        Tensor fill;
        using (no_grad())
        {
            var preset = model.Base.Config.Preset;
            var baseOutput = model.Base.Generate(batch.BaseInput, GeneratorNoise.Sample(preset, batch.Windows.shape[0], batch.Windows.device));
            var side = (int)batch.Windows.shape[2];
            var upsampled = DetailModel.Upsample(baseOutput.CompositedFinal, side);
            if (truthFills > 0)
            {
                var perfect = DetailModel.Upsample(nn.functional.adaptive_avg_pool2d(batch.Windows, [preset.ImageSize, preset.ImageSize]), side);
                var chosen = rand(batch.Windows.shape[0], device: batch.Windows.device).lt(truthFills).view(-1, 1, 1, 1);
                upsampled = where(chosen, perfect, upsampled);
            }
            fill = batch.Crop(upsampled);
        }
        var truth = batch.Crop(batch.Windows);
        var holes = batch.Crop(batch.Holes);
        var generated = model.Paint(truth, holes, fill);
        var figures = new Dictionary<string, double>();

        if (weights.Adversarial > 0 && !GanStep.TrainDiscriminator(discriminator!, DiscriminatorOptimizer!, truth, generated, figures))
            return figures;

        var terms = new List<(string Name, double Weight, Func<Tensor> Term)>
        {
            ("gen_hole_l1", weights.HoleL1, () => Reconstruction.HoleL1(generated, truth, holes)),
            ("gen_adv", weights.Adversarial,
                () => RelativisticLsgan.GeneratorLoss(discriminator!.forward(truth, generated), discriminator.forward(generated, truth))),
            ("gen_perceptual", weights.Perceptual, () => FeatureDistance.PerceptualLoss(perceptualNetwork!, generated, truth)),
        };
        if (!GanStep.TrainGenerator(terms, GeneratorOptimizer, figures))
            return figures;
        figures["base_hole_l1"] = Reconstruction.HoleL1(fill, truth, holes).ToDouble();
        return figures;
    }

    public void Dispose()
    {
        GeneratorOptimizer.Dispose();
        DiscriminatorOptimizer?.Dispose();
        perceptualNetwork?.Dispose();
    }
}
