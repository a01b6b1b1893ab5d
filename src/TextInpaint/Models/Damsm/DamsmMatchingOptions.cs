namespace TextInpaint.Models.Damsm;

/// <summary>
/// The smoothing factors of DAMSM's word-region matching (AttnGAN's γ1, γ2, γ3), which its loss,
/// its retrieval and the text-guided maps read.
/// </summary>
/// <param name="Gamma1">Sharpness of each word's attention over regions (AttnGAN's birds config uses 4).</param>
/// <param name="Gamma2">Weight of the best-matching words in the word-level score.</param>
/// <param name="Gamma3">Scale of both score matrices before the softmax.</param>
public sealed record DamsmMatchingOptions(double Gamma1 = 5, double Gamma2 = 5, double Gamma3 = 10);
