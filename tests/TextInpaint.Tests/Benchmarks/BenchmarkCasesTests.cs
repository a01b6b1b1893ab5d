using TextInpaint.Benchmarks;

namespace TextInpaint.Tests.Benchmarks;

public sealed class BenchmarkCasesTests
{
    [Fact]
    public void An_unknown_case_is_refused_with_the_list_of_cases()
    {
        var error = Assert.Throws<UserInputException>(() => BenchmarkCases.Named("mmfl-train-huge"));

        Assert.Contains("'mmfl-train-huge'", error.Message);
        foreach (var name in new[] { "damsm-train", "mmfl-train-synth64", "mmfl-train-paper", "inference-synth64", "inference-paper", "mmfl-train-tiny" })
            Assert.Contains(name, error.Message);
    }
}
