namespace TextInpaint.Models.Mmfl;

/// <summary>The model a run took its initial generator weights from.</summary>
/// <param name="Model">That model folder's name.</param>
/// <param name="Steps">The training steps its generator had seen, its own initial weights' included.</param>
public sealed record MmflInitialWeights(string Model, long Steps);
