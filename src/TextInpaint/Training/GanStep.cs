using TextInpaint.Losses;
using TextInpaint.Models.Mmfl;
using TextInpaint.Storage;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TextInpaint.Training;

/// <summary>
/// The two updates of a GAN training step, shared by MMFL's step and the detail stage's, and what
/// their checkpoints hold beside the generator. A step whose loss is not finite is not applied: its
/// figures carry <see cref="TrainingLoop.SkippedStep"/>.
/// </summary>
internal static class GanStep
{
    /// <summary>
    /// One discriminator update on the truth and the detached result (relativistic LSGAN:
    /// r = D(x, z_hat), f = D(z_hat, x)), its loss as <c>discr_adv</c>; false when the loss is not finite.
    /// </summary>
    public static bool TrainDiscriminator(PatchDiscriminator discriminator, Adam optimizer, Tensor truth, Tensor generated,
        Dictionary<string, double> figures)
    {
        var fake = generated.detach();
        return Apply(RelativisticLsgan.DiscriminatorLoss(discriminator.forward(truth, fake), discriminator.forward(fake, truth)), "discr_adv",
            optimizer, figures);
    }

    /// <summary>
    /// One generator update on the weighted sum of the terms whose weight is above 0 (each computed
    /// only then, and recorded under its name; the sum as <c>gen_total</c>); false when the sum is not finite.
    /// </summary>
    public static bool TrainGenerator(IEnumerable<(string Name, double Weight, Func<Tensor> Term)> terms, Adam optimizer,
        Dictionary<string, double> figures)
    {
        Tensor? total = null;
        foreach (var (name, weight, term) in terms.Where(t => t.Weight > 0))
        {
            var value = term();
            figures[name] = value.ToDouble();
            total = total is null ? weight * value : total + weight * value;
        }
        return Apply(total ?? throw new InvalidOperationException("no loss term has a weight above 0."), "gen_total", optimizer, figures);
    }

    /// <summary>Records <paramref name="loss"/> as <paramref name="name"/> and, when it is finite, takes the optimiser's step on it.</summary>
    private static bool Apply(Tensor loss, string name, Adam optimizer, Dictionary<string, double> figures)
    {
        figures[name] = loss.ToDouble();
        if (!double.IsFinite(figures[name]))
        {
            figures[TrainingLoop.SkippedStep] = 1;
            return false;
        }
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        return true;
    }

    private const string DiscriminatorFile = "discriminator.pt", GeneratorOptimizerFile = "optimizer_g.pt", DiscriminatorOptimizerFile = "optimizer_d.pt";

    /// <summary>
    /// Saves into a checkpoint folder, beside the generator's weights, the generator's Adam state and
    /// the discriminator with its own (when there is one).
    /// </summary>
    public static void Save(string checkpoint, Adam generatorOptimizer, PatchDiscriminator? discriminator, Adam? discriminatorOptimizer) =>
        EachFile(checkpoint, generatorOptimizer, discriminator, discriminatorOptimizer, ModelFiles.SaveOptimizer, ModelFiles.SaveWeights);

    /// <summary>Loads what <see cref="Save"/> wrote.</summary>
    public static void Load(string checkpoint, Adam generatorOptimizer, PatchDiscriminator? discriminator, Adam? discriminatorOptimizer) =>
        EachFile(checkpoint, generatorOptimizer, discriminator, discriminatorOptimizer, ModelFiles.LoadOptimizer, ModelFiles.LoadWeights);

    private static void EachFile(string checkpoint, Adam generatorOptimizer, PatchDiscriminator? discriminator, Adam? discriminatorOptimizer,
        Action<optim.Optimizer, string> optimizerFile, Action<nn.Module, string> weightsFile)
    {
        optimizerFile(generatorOptimizer, Path.Combine(checkpoint, GeneratorOptimizerFile));
        if (discriminator is null) return;
        weightsFile(discriminator, Path.Combine(checkpoint, DiscriminatorFile));
        optimizerFile(discriminatorOptimizer!, Path.Combine(checkpoint, DiscriminatorOptimizerFile));
    }
}
