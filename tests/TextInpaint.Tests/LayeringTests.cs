using System.Text.RegularExpressions;

namespace TextInpaint.Tests;

/// <summary>
/// The library's top-level namespaces (its folders under src/TextInpaint) depend on each other one
/// way: read from the sources, a folder depends on another when it imports it (`using
/// TextInpaint.X`) or names one of its types through it (`TextInpaint.X.Y`, `X.Y`).
/// </summary>
public sealed class LayeringTests
{
    private static readonly string Library = Path.Combine(Repository.Root, "src", "TextInpaint");

    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Dependencies = Read();

    [Theory]
    [InlineData("Inference")]
    [InlineData("Evaluation")]
    [InlineData("Benchmarks")]
    [InlineData("Models")]
    [InlineData("Data")]
    public void A_layer_below_training_never_reaches_it(string layer)
    {
        Assert.DoesNotContain("Training", Reachable(layer));
    }

    [Theory]
    [InlineData("Losses")]
    [InlineData("Data")]
    public void The_networks_reach_neither_losses_nor_data(string layer)
    {
        Assert.DoesNotContain(layer, Reachable("Models"));
    }

    [Fact]
    public void No_two_namespaces_depend_on_each_other_even_through_others()
    {
        var cycles = Dependencies.Keys.Where(n => Reachable(n).Contains(n)).Order().ToList();
        Assert.Empty(cycles);
    }

    [Fact]
    public void The_reading_finds_the_dependencies_that_are_there()
    {
        Assert.Contains("Models", Dependencies["Training"]);
        Assert.Contains("Imaging", Dependencies["Baselines"]);
        Assert.Contains("Inference", Reachable("Benchmarks"));
    }

    private static HashSet<string> Reachable(string from)
    {
        var seen = new HashSet<string>();
        var open = new Stack<string>([from]);
        while (open.TryPop(out var next))
            foreach (var target in Dependencies[next])
                if (seen.Add(target))
                    open.Push(target);
        return seen;
    }

    private static IReadOnlyDictionary<string, IReadOnlySet<string>> Read()
    {
        var names = Directory.GetDirectories(Library).Select(Path.GetFileName).OfType<string>()
            .Where(n => n is not ("bin" or "obj")).ToList();
        var result = new Dictionary<string, IReadOnlySet<string>>();
        foreach (var name in names)
        {
            var code = string.Join('\n', Directory.GetFiles(Path.Combine(Library, name), "*.cs", SearchOption.AllDirectories)
                .Select(f => Regex.Replace(File.ReadAllText(f), @"//.*", "")));
            result[name] = names.Where(other => other != name && Regex.IsMatch(code,
                $@"using (static )?TextInpaint\.{other}\b|TextInpaint\.{other}\.|(?<![\w.]){other}\.[A-Z]")).ToHashSet();
        }
        return result;
    }
}
