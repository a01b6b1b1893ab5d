using TextInpaint.Evaluation.TextConsistency;

namespace TextInpaint.Evaluation;

/// <summary>
/// The Word Demand Module judged on the split (<see cref="DemandRanking"/>): the chance that a hidden
/// part's colour word gets more demand than one in view, and a larger share of its caption's demand,
/// over how many pairs, and the mean normalised demand entropy over how many captions.
/// </summary>
public sealed record DemandSummary(double Ranking, double ShareRanking, long Pairs, double Entropy, int Captions);
