using TextInpaint.Data;
using TextInpaint.Data.Batching;
using TextInpaint.Data.SynthBirds;

namespace TextInpaint.Evaluation;

/// <summary>
/// Ground truth about captions where a data set has it: whether the caption drawn for image c
/// is true of image i, i.e. every attribute it states holds for image i. Only SynthBirds knows
/// what its captions state; other data sets give null.
/// </summary>
public static class CaptionTruth
{
    public static Func<int, int, bool>? For(CaptionedDataset data, CaptionedImageDataset samples)
    {
        if (data.Kind != DatasetKind.SynthBirds) return null;
        var truths = data.Entries.Select(e => SynthBirdsTruth.Load(data.Root, e.Key)).ToArray();
        var stated = new IReadOnlyList<TraitMention>?[truths.Length];

        IReadOnlyList<TraitMention> StatedBy(int c)
        {
            if (stated[c] is { } known) return known;
            var text = samples.GetSample(c).CaptionText;
            var caption = truths[c].Captions.FirstOrDefault(x => x.Text == text)
                ?? throw new UserInputException($"{DatasetLayout.AttributesFile(data.Root, truths[c].Key)}: does not list the caption \"{text}\"; "
                    + $"the data set was written by an older version, rewrite it with `textinpaint synth --overwrite`.");
            return stated[c] = caption.Mentions;
        }

        return (i, c) => StatedBy(c).All(m => truths[i].Attributes.ValueOf(m.Trait) == m.Value);
    }
}
