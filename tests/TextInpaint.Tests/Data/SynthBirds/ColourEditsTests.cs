using TextInpaint.Data.Masks;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;

namespace TextInpaint.Tests.Data.SynthBirds;

public sealed class ColourEditsTests
{
    private static readonly SynthBird[] Birds = Enumerable.Range(0, 40).Select(i => SynthBirdsGenerator.Generate(seed: 23, i, size: 64)).ToArray();

    [Fact]
    public void A_recoloured_pair_changes_a_named_part_at_least_half_hidden_inside_the_hole_only_and_the_caption_names_the_new_colour()
    {
        var hole = Mask.Box(64, 64, 10, 20, 30, 26);
        int edits = 0;
        foreach (var bird in Birds)
            foreach (var caption in bird.Captions)
            {
                if (ColourEdits.Recolour(caption, bird.Rendered.Parts, bird.Rendered.Image, hole, new Random(edits)) is not { } edit)
                    continue;
                edits++;
                var changed = caption.Mentions.Zip(edit.Caption.Mentions).Single(p => p.First.Value != p.Second.Value);
                var part = BirdAttributes.PartOf(changed.First.Trait)!.Value;
                var colour = Enum.Parse<BirdColor>(changed.Second.Value, ignoreCase: true);

                Assert.Contains(BirdPalette.Name(colour), edit.Caption.Text);
                Assert.True(bird.Rendered.Parts.ShareInHole(part, hole) >= 0.5, $"the {part} is edited with less than half of it hidden");
                Assert.Equal(colour, PartColours.Classify(edit.Image, bird.Rendered.Parts, part, hole));
                for (int i = 0; i < hole.Hole.Length; i++)
                    if (!hole.Hole[i] || bird.Rendered.Parts.Labels[i] != (byte)part)
                        Assert.True(edit.Image.Pixels.AsSpan(3 * i, 3).SequenceEqual(bird.Rendered.Image.Pixels.AsSpan(3 * i, 3)), $"pixel {i} changed");
            }
        Assert.True(edits >= 40, $"only {edits} captions could be edited");
    }

    [Fact]
    public void No_pair_is_made_when_the_hole_hides_no_named_part()
    {
        var corner = Mask.Box(64, 64, 0, 0, 3, 3);
        foreach (var bird in Birds)
            foreach (var caption in bird.Captions)
                if (caption.Mentions.All(m => BirdAttributes.PartOf(m.Trait) is not { } part
                        || bird.Rendered.Parts.ShareInHole(part, corner) < ColourEdits.MinShareInHole))
                    Assert.Null(ColourEdits.Recolour(caption, bird.Rendered.Parts, bird.Rendered.Image, corner, new Random(1)));
    }
}
