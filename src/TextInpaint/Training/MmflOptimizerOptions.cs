namespace TextInpaint.Training;

/// <summary>
/// Optimiser settings of MMFL training: Adam, lr 2e-4, betas (0.5, 0.999) for G and D, as the
/// released code (which keeps the rate constant). <paramref name="DecayEpochs"/> departs from it
/// where asked: over a run's last epochs the rate of both falls linearly, pix2pix's schedule.
/// </summary>
/// <param name="DecayEpochs">Epochs at the end of the run over which the rate falls (0: constant).</param>
public sealed record MmflOptimizerOptions(double LearningRate = 2e-4, double Beta1 = 0.5, double Beta2 = 0.999, int DecayEpochs = 0)
{
    /// <summary>
    /// The rate in epoch <paramref name="epoch"/> (0-based) of a run of <paramref name="epochs"/>:
    /// constant, then over the last <see cref="DecayEpochs"/> epochs k/(DecayEpochs+1) of it for
    /// k = DecayEpochs down to 1.
    /// </summary>
    public double RateInEpoch(int epoch, int epochs)
    {
        int left = epochs - epoch;
        return left > DecayEpochs ? LearningRate : LearningRate * Math.Max(left, 1) / (DecayEpochs + 1);
    }
}
