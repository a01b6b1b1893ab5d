using TextInpaint.Models.Damsm;

namespace TextInpaint.Training;

/// <summary>
/// Optimiser settings for DAMSM pre-training. Defaults follow AttnGAN: one Adam over both encoders,
/// learning rate 2e-3, betas (0.5, 0.999), and the text encoder's gradient norm clipped to 0.25.
/// </summary>
public sealed record DamsmTrainingOptions(
    double LearningRate = 2e-3,
    double Beta1 = 0.5,
    double Beta2 = 0.999,
    double TextGradientClip = 0.25,
    DamsmMatchingOptions? Matching = null);
