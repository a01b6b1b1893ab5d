using TextInpaint.Losses;
using TextInpaint.Models.Damsm;
using static TorchSharp.torch;
using TextInpaint.Runtime;

namespace TextInpaint.Training;

/// <summary>
/// One optimisation step of DAMSM pre-training: both encoders forward, the four DAMSM terms
/// summed, backward, the text encoder's gradients clipped, one Adam step. Every tensor made by a
/// step dies with it; the losses leave as numbers. A frozen pretrained network's weights are not
/// among the encoder's parameters, so the optimiser never sees them. Owns its optimiser (its state can be saved
/// through <see cref="Optimizer"/>), not the encoders.
/// </summary>
public sealed class DamsmTrainingStep : IDisposable
{
    private readonly TextEncoder textEncoder;
    private readonly ImageEncoder imageEncoder;
    private readonly DamsmLoss loss;
    private readonly double textGradientClip;

    public DamsmTrainingStep(TextEncoder textEncoder, ImageEncoder imageEncoder, DamsmTrainingOptions options)
    {
        if (textEncoder.Options.FeatureSize != imageEncoder.Options.FeatureSize)
            throw new ArgumentException($"The text encoder gives {textEncoder.Options.FeatureSize}-d features but the image encoder "
                + $"{imageEncoder.Options.FeatureSize}-d.");
        this.textEncoder = textEncoder;
        this.imageEncoder = imageEncoder;
        loss = new DamsmLoss(options.Matching ?? new DamsmMatchingOptions());
        textGradientClip = options.TextGradientClip;
        var parameters = textEncoder.parameters().Concat(imageEncoder.parameters());
        Optimizer = optim.Adam(parameters, options.LearningRate, options.Beta1, options.Beta2);
    }

    public optim.Optimizer Optimizer { get; }

    /// <summary>The optimiser's learning rate (set between steps to follow a schedule).</summary>
    public double LearningRate
    {
        get => Optimizer.ParamGroups.First().LearningRate;
        set
        {
            foreach (var group in Optimizer.ParamGroups)
                group.LearningRate = value;
        }
    }

    /// <summary>
    /// Trains on one batch of matched pairs; returns the batch's loss terms before the update. A batch whose loss is
    /// not finite is not applied.
    /// </summary>
    /// <param name="tokens">Token ids int64 [B, L], 0 = padding.</param>
    /// <param name="lengths">Real words per caption, int64 [B].</param>
    /// <param name="images">Images [B, 3, S, S] in [-1, 1].</param>
    /// <param name="classIds">Class ids int64 [B]; pairs of one class are not used as each other's negatives.</param>
    /// <remarks>The caller's step scope holds every tensor it makes.</remarks>
    public DamsmLossValues Train(Tensor tokens, Tensor lengths, Tensor images, Tensor classIds) =>
        Train(tokens, lengths, () => imageEncoder.forward(images), classIds);

    /// <summary>
    /// Trains on one batch whose images the frozen network of a <see cref="ResNet18ImageEncoder"/> has already read
    /// (<see cref="PretrainedFeatureCache"/>): the same step as on the images, without reading them again.
    /// </summary>
    public DamsmLossValues Train(Tensor tokens, Tensor lengths, PretrainedImageFeatures images, Tensor classIds) =>
        imageEncoder is ResNet18ImageEncoder pretrained
            ? Train(tokens, lengths, () => pretrained.Project(images), classIds)
            : throw new InvalidOperationException("Only a ResNet-18 image encoder trains on the features of its frozen network.");

    private DamsmLossValues Train(Tensor tokens, Tensor lengths, Func<ImageFeatures> encodeImages, Tensor classIds)
    {
        textEncoder.train();
        imageEncoder.train();
        Optimizer.zero_grad();
        var terms = Compute(tokens, lengths, encodeImages, classIds);
        var values = terms.ToValues();
        if (!double.IsFinite(values.Total))
            return values; // not applied: a step with a loss that is not finite would ruin the weights
        terms.Total.backward();
        nn.utils.clip_grad_norm_(textEncoder.parameters(), textGradientClip);
        Optimizer.step();
        return values;
    }

    /// <summary>The loss terms of one batch in evaluation mode, without gradients or an update.</summary>
    public DamsmLossValues Evaluate(Tensor tokens, Tensor lengths, Tensor images, Tensor classIds)
    {
        using var scope = StepScope.Open();
        using var noGrad = no_grad();
        textEncoder.eval();
        imageEncoder.eval();
        return Compute(tokens, lengths, () => imageEncoder.forward(images), classIds).ToValues();
    }

    public void Dispose() => Optimizer.Dispose();

    private DamsmLossTerms Compute(Tensor tokens, Tensor lengths, Func<ImageFeatures> encodeImages, Tensor classIds)
    {
        var text = textEncoder.forward(tokens, lengths);
        var image = encodeImages();
        return loss.Compute(image.Regions, image.Global, text.Words, lengths, text.Sentence, classIds);
    }
}
