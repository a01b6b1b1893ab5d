using TextInpaint.Data.Masks;
using TextInpaint.Data.SynthBirds;
using TextInpaint.Inference;

namespace TextInpaint.Tests.Inference;

public sealed class SampleBirdsTests
{
    [Fact]
    public void Each_sample_caption_names_a_colour_of_a_part_its_centre_hole_hides()
    {
        var samples = SampleBirds.Create(count: 4, size: 96);

        Assert.Equal(4, samples.Count);
        Assert.Equal(4, samples.Select(s => s.Key).Distinct().Count());
        foreach (var sample in samples)
        {
            Assert.Equal((96, 96), (sample.Image.Width, sample.Image.Height));
            Assert.Equal(MaskGenerator.Centre(96).Hole, sample.Hole.ToMask(96, 96).Hole);
            Assert.Contains(sample.Caption, SynthBirdsGenerator.Generate(20_201_012, int.Parse(sample.Key[5..]), 96).Captions.Select(c => c.Text));
            Assert.Contains(BirdCaptions.ColorWords.Values.SelectMany(w => w), sample.Caption.Contains);
        }
    }

    [Fact]
    public void The_same_count_and_size_give_the_same_birds()
    {
        var first = SampleBirds.Create(2, 64);
        var second = SampleBirds.Create(2, 64);

        Assert.Equal(first.Select(s => (s.Key, s.Caption)), second.Select(s => (s.Key, s.Caption)));
        Assert.Equal(first[1].Image.Pixels, second[1].Image.Pixels);
    }
}
