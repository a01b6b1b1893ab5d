using TextInpaint.Data.SynthBirds;
using TextInpaint.Imaging;
using TextInpaint.Text;

namespace TextInpaint.Evaluation.TextConsistency;

/// <summary>
/// Whether the Word Demand Module's demand follows the hole, judged from SynthBirds' part maps.
/// Every colour word whose part the hole hides (at least <see cref="HiddenShare"/> of its pixels)
/// is compared with every colour word whose part is in view (at most <see cref="VisibleShare"/>
/// hidden), over all the captions added; the ranking is the share of such pairs in which the hidden
/// part's word has the more demand (ties count half; 0.5 is chance). <see cref="Ranking"/> compares
/// each word's demand as a fill reports it (`--explain`, the page's chips: each gate lies in 0 to 1
/// on its own); <see cref="ShareRanking"/> compares each word's share of its caption's demand,
/// which a caption with many words or with its demand spread thin lowers. The entropy is the
/// demand's normalised entropy over each caption's words (1: all alike).
/// </summary>
public sealed class DemandRanking
{
    public const double HiddenShare = 0.9, VisibleShare = 0.1;

    private readonly List<double> hidden = [], visible = [], hiddenShares = [], visibleShares = [];
    private double entropySum;
    private int captions;

    /// <summary>Pairs of a hidden-part and an in-view colour word compared.</summary>
    public long Pairs => (long)hidden.Count * visible.Count;

    /// <summary>Captions whose entropy was taken.</summary>
    public int Captions => captions;

    /// <summary>The chance that a hidden part's colour word gets more demand than one in view; NaN without pairs.</summary>
    public double Ranking => ChanceAbove(hidden, visible);

    /// <summary>The chance that a hidden part's colour word gets a larger share of its caption's demand than one in view; NaN without pairs.</summary>
    public double ShareRanking => ChanceAbove(hiddenShares, visibleShares);

    private static double ChanceAbove(List<double> higher, List<double> lower)
    {
        long pairs = (long)higher.Count * lower.Count;
        if (pairs == 0) return double.NaN;
        var sorted = lower.Order().ToArray();
        double wins = 0;
        foreach (var h in higher)
        {
            int below = LowerBound(sorted, h), notAbove = UpperBound(sorted, h);
            wins += below + 0.5 * (notAbove - below);
        }
        return wins / pairs;
    }

    /// <summary>Mean normalised demand entropy over the captions; NaN without any.</summary>
    public double MeanEntropy => captions == 0 ? double.NaN : entropySum / captions;

    /// <summary>
    /// Adds one caption read in full (at most <see cref="CaptionEncoder.MaxWords"/> words): the
    /// demand of each of its words in order, its part map and the hole, both at the image's size.
    /// A longer caption, or demand of another length, is not counted.
    /// </summary>
    public void Add(BirdCaption caption, PartLabelMap parts, Mask hole, IReadOnlyList<double> demand)
    {
        var tokens = Tokenizer.Tokenize(caption.Text);
        if (tokens.Count > CaptionEncoder.MaxWords || demand.Count != tokens.Count)
            return;
        if (Entropy(demand) is var entropy && !double.IsNaN(entropy))
        {
            entropySum += entropy;
            captions++;
        }
        double total = demand.Sum();
        if (!(total > 0)) return;
        foreach (var mention in caption.Mentions)
        {
            if (BirdAttributes.PartOf(mention.Trait) is not { } part || !Enum.TryParse<BirdColor>(mention.Value, ignoreCase: true, out _))
                continue;
            int position = Tokenizer.Tokenize(caption.Text[..mention.Start]).Count;
            if (parts.Count(part) == 0 || position >= demand.Count) continue;
            double share = parts.ShareInHole(part, hole);
            if (share >= HiddenShare)
            {
                hidden.Add(demand[position]);
                hiddenShares.Add(demand[position] / total);
            }
            else if (share <= VisibleShare)
            {
                visible.Add(demand[position]);
                visibleShares.Add(demand[position] / total);
            }
        }
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int middle = (low + high) / 2;
            if (sorted[middle] < value) low = middle + 1; else high = middle;
        }
        return low;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int middle = (low + high) / 2;
            if (sorted[middle] <= value) low = middle + 1; else high = middle;
        }
        return low;
    }

    /// <summary>
    /// The entropy of the values read as shares of their sum, divided by log(count): 0 when one
    /// takes all, 1 when all are alike; NaN with fewer than two values or a sum of 0.
    /// </summary>
    public static double Entropy(IReadOnlyList<double> values)
    {
        double total = values.Sum();
        if (values.Count < 2 || !(total > 0)) return double.NaN;
        double entropy = -values.Select(d => d / total).Where(p => p > 0).Sum(p => p * Math.Log(p));
        return entropy / Math.Log(values.Count);
    }
}
