using TextInpaint.Data.Masks;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.TextConsistency;

namespace TextInpaint.Inference;

/// <summary>
/// SynthBirds rendered from the demo's seed (<see cref="DemoOptions.Seed"/>), so they are new to a
/// model trained on `textinpaint synth`'s data set; only birds with a caption that names a colour
/// the centre hole hides are kept.
/// </summary>
public static class SampleBirds
{
    public static IReadOnlyList<SampleBird> Create(int count, int size, int seed = 20_201_012)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var hole = MaskGenerator.Centre(size);
        int start = size / 4, side = 3 * size / 4 - start;
        var birds = new List<SampleBird>(count);
        for (int index = 0; birds.Count < count; index++)
        {
            var bird = SynthBirdsGenerator.Generate(seed, index, size);
            var caption = bird.Captions.FirstOrDefault(c => ColourJudge.JudgeableMentions(c, bird.Rendered.Parts, hole).Count > 0);
            if (caption is not null)
                birds.Add(new SampleBird(bird.Key, bird.Rendered.Image, caption.Text, new HoleBox(start, start, side, side)));
        }
        return birds;
    }
}
