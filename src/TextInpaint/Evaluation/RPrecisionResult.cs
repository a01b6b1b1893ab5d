namespace TextInpaint.Evaluation;

/// <summary>
/// R-precision over several random draws of distractor captions.
/// </summary>
/// <param name="Mean">Mean over draws of the rate at which an image's own caption ranks first.</param>
/// <param name="StandardDeviation">Population standard deviation over draws (as AttnGAN's np.std).</param>
/// <param name="Draws">Number of draws.</param>
/// <param name="CandidatesUsed">Candidates per image (its caption plus distractors); smaller than
/// asked for when some image has too few captions of other classes (the smallest count is reported).</param>
/// <param name="OracleMean">When a truth predicate was given: the expected R-precision of a perfect
/// model over the same draws, which can only win ties with distractors that are also true.</param>
/// <param name="OracleStandardDeviation">Standard deviation of the oracle over draws.</param>
public sealed record RPrecisionResult(
    double Mean,
    double StandardDeviation,
    int Draws,
    int CandidatesUsed,
    double? OracleMean,
    double? OracleStandardDeviation);
