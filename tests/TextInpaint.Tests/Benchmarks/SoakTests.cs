using TextInpaint.Benchmarks;

namespace TextInpaint.Tests.Benchmarks;

[Collection(TorchCollection.Name)]
public sealed class SoakTests
{
    [Fact]
    public void Training_steps_each_in_a_step_scope_leave_the_live_tensor_count_where_it_was()
    {
        int threadsBefore = TorchSharp.torch.get_num_threads();
        try
        {
            var result = Assert.Single(Soak.Run([(BenchmarkCases.Named("mmfl-train-tiny"), 12)], threads: 1, warmupRuns: 2, modelFolder: null));

            Assert.Equal("mmfl-train-tiny", result.Case);
            Assert.Equal(12, result.End.Runs);
            Assert.True(result.Start.LiveTensors > 0);
            Assert.Equal(result.Start.LiveTensors, result.End.LiveTensors);
        }
        finally
        {
            TorchSharp.torch.set_num_threads(threadsBefore);
        }
    }

    [Theory]
    [InlineData(1000, 1049, 100, 100, true)]
    [InlineData(1000, 1051, 100, 100, false)]
    [InlineData(1000, 900, 100, 106, false)]
    public void Flat_means_neither_memory_nor_tensors_grew_by_more_than_five_percent(
        long residentStart, long residentEnd, long tensorsStart, long tensorsEnd, bool flat)
    {
        var result = new SoakResult("case", new SoakSample(0, residentStart, tensorsStart), new SoakSample(10, residentEnd, tensorsEnd),
            TimeSpan.FromSeconds(1));

        Assert.Equal(flat, result.IsFlat);
        Assert.Contains(flat ? "| yes |" : "| no |", Soak.ToMarkdown([result]));
    }

    [Fact]
    public void A_soak_of_no_runs_is_refused_before_any_work()
    {
        var error = Assert.Throws<UserInputException>(() => Soak.Run([(BenchmarkCases.Named("mmfl-train-tiny"), 0)], threads: 1, warmupRuns: 0,
            modelFolder: null));

        Assert.Contains("at least 1", error.Message);
    }
}
