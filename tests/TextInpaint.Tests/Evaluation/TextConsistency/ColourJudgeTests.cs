using TextInpaint.Data.Masks;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Evaluation.TextConsistency;
using TextInpaint.Imaging;

namespace TextInpaint.Tests.Evaluation.TextConsistency;

public sealed class ColourJudgeTests
{
    private static readonly Mask CentreHole = MaskGenerator.Centre(64);
    private static readonly SynthBird[] Birds = Enumerable.Range(0, 120).Select(i => SynthBirdsGenerator.Generate(seed: 11, i, size: 64)).ToArray();

    private static SynthBirdsTruth TruthOf(SynthBird bird) =>
        new(bird.Key, bird.Species.ClassId, bird.Rendered.Parts, bird.Attributes, bird.Rendered.FacingLeft, bird.Captions);

    /// <summary>The first caption of a bird with at least one colour judgeable under the centre hole.</summary>
    private static (SynthBird Bird, BirdCaption Caption) JudgeableBird() =>
        Birds.Select(b => (b, b.Captions.FirstOrDefault(c => ColourJudge.JudgeableMentions(c, b.Rendered.Parts, CentreHole).Count > 0)))
            .First(p => p.Item2 is not null)!;

    private static RgbImage Paint(RgbImage image, PartLabelMap parts, BirdPart part, BirdColor colour)
    {
        var painted = image.Clone();
        var (r, g, b) = BirdPalette.Rgb(colour);
        for (int i = 0; i < parts.Labels.Length; i++)
            if (parts.Labels[i] == (byte)part)
                (painted.Pixels[3 * i], painted.Pixels[3 * i + 1], painted.Pixels[3 * i + 2]) = (r, g, b);
        return painted;
    }

    [Fact]
    public void The_classifier_reads_ground_truth_colours_as_the_attributes_state_them()
    {
        var (agreements, judgments) = PartColours.AgreementWithAttributes(Birds.Select(b => (b.Rendered.Image, TruthOf(b))));

        Assert.True(judgments >= 40 * 6, $"only {judgments} judgments");
        Assert.True(agreements >= 0.99 * judgments, $"{agreements}/{judgments} agree");
    }

    [Fact]
    public void The_ground_truth_agrees_with_its_caption_and_a_grey_fill_does_not()
    {
        var accurate = new ConsistencyAccumulator();
        var grey = new ConsistencyAccumulator();
        foreach (var bird in Birds)
        {
            var filled = bird.Rendered.Image.Clone();
            for (int i = 0; i < CentreHole.Hole.Length; i++)
                if (CentreHole.Hole[i])
                    filled.Pixels[3 * i] = filled.Pixels[3 * i + 1] = filled.Pixels[3 * i + 2] = 138;
            accurate.Add(ColourJudge.Judge(bird.Rendered.Image, bird.Rendered.Parts, CentreHole, bird.Captions[0]));
            grey.Add(ColourJudge.Judge(filled, bird.Rendered.Parts, CentreHole, bird.Captions[0]));
        }

        Assert.True(accurate.Compute().Judgments >= 40);
        Assert.True(accurate.Compute().Rate >= 0.99, $"ground truth scores {accurate.Compute().Rate}");
        Assert.True(grey.Compute().Rate < 0.3, $"a grey fill scores {grey.Compute().Rate}");
    }

    [Fact]
    public void Parts_mostly_outside_the_hole_are_not_judged()
    {
        var (bird, caption) = JudgeableBird();
        var smallHole = Mask.Box(64, 64, 0, 0, 4, 4); // a corner: no part of the bird

        Assert.Empty(ColourJudge.JudgeableMentions(caption, bird.Rendered.Parts, smallHole));
    }

    [Fact]
    public void A_colour_word_that_the_sixteen_word_encoding_drops_is_not_judged()
    {
        var (bird, caption) = JudgeableBird();
        var (mention, _, _) = ColourJudge.JudgeableMentions(caption, bird.Rendered.Parts, CentreHole)[0];
        // Filler words before the caption until the evenly spaced 16 words read skip the colour word.
        for (int fillers = 1; fillers <= 40; fillers++)
        {
            var filler = string.Concat(Enumerable.Repeat("very ", fillers));
            var shifted = new BirdCaption(filler + caption.Text, caption.Mentions.Select(m => m with { Start = m.Start + filler.Length }).ToArray());
            var kept = TextInpaint.Text.CaptionEncoder.KeptPositions(TextInpaint.Text.Tokenizer.Tokenize(shifted.Text).Count);
            int position = TextInpaint.Text.Tokenizer.Tokenize(shifted.Text[..(mention.Start + filler.Length)]).Count;
            if (kept.Contains(position))
                continue;

            var judgeable = ColourJudge.JudgeableMentions(shifted, bird.Rendered.Parts, CentreHole);

            Assert.DoesNotContain(judgeable, j => j.Mention.Start == mention.Start + filler.Length);
            return;
        }
        Assert.Fail("no number of filler words up to 40 made the encoding drop the colour word");
    }

    [Fact]
    public void An_edited_caption_changes_one_colour_and_painting_it_is_followed()
    {
        var (bird, caption) = JudgeableBird();

        var edit = CaptionEdits.ChangeOneColour(caption, bird.Rendered.Parts, CentreHole, new Random(3))!;

        Assert.NotEqual(edit.Original, edit.Edited);
        Assert.Equal(caption.Mentions.Count, edit.Caption.Mentions.Count);
        var changed = caption.Mentions.Zip(edit.Caption.Mentions)
            .Where(pair => caption.Text.Substring(pair.First.Start, pair.First.Length) != edit.Caption.Text.Substring(pair.Second.Start, pair.Second.Length))
            .ToArray();
        Assert.Single(changed);
        Assert.Equal(BirdPalette.Name(edit.Edited), changed[0].Second.Value);
        Assert.Equal(BirdPalette.Name(edit.Edited), edit.Caption.Text.Substring(changed[0].Second.Start, changed[0].Second.Length));
        var painted = Paint(bird.Rendered.Image, bird.Rendered.Parts, edit.Part, edit.Edited);
        var judgments = ColourJudge.Judge(painted, bird.Rendered.Parts, CentreHole, edit.Caption).Where(j => j.Part == edit.Part).ToArray();
        Assert.Single(judgments);
        Assert.True(judgments[0].Agrees);
        Assert.False(ColourJudge.Judge(bird.Rendered.Image, bird.Rendered.Parts, CentreHole, edit.Caption).Single(j => j.Part == edit.Part).Agrees);
    }

    [Fact]
    public void Only_the_part_pixels_in_the_hole_are_read_from_the_output()
    {
        var (bird, caption) = JudgeableBird();
        var (_, part, stated) = ColourJudge.JudgeableMentions(caption, bird.Rendered.Parts, CentreHole)[0];
        var other = BirdPalette.Colors.First(c => c != stated);
        var (r, g, b) = BirdPalette.Rgb(other);
        var output = bird.Rendered.Image.Clone();
        for (int i = 0; i < CentreHole.Hole.Length; i++)
            if (CentreHole.Hole[i] && bird.Rendered.Parts.Labels[i] == (byte)part)
                (output.Pixels[3 * i], output.Pixels[3 * i + 1], output.Pixels[3 * i + 2]) = (r, g, b);

        var judgment = ColourJudge.Judge(output, bird.Rendered.Parts, CentreHole, caption).First(j => j.Part == part);

        Assert.Equal(other, judgment.Seen);
    }
}
