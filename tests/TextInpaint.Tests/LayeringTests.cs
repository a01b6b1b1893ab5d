using System.Text.RegularExpressions;

namespace TextInpaint.Tests;

/// <summary>
/// The library's top-level namespaces (its folders under src/TextInpaint) depend on each other one
/// way: read from the sources, a folder depends on another when it imports it (`using
/// TextInpaint.X`) or names one of its types through it (`TextInpaint.X.Y`, `X.Y`).
/// The projects under src stand one way too: the library, the server above it, the benchmarks
/// above both (they time training steps and load the server), the command line on top.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string Library = Path.Combine(Repository.Root, "src", "TextInpaint");

    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Dependencies = Read();

    [Theory]
    [InlineData("Inference")]
    [InlineData("Storage")]
    [InlineData("Evaluation")]
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
        Assert.Contains("Models", Reachable("Inference"));
    }

    [Fact]
    public void The_projects_reference_each_other_one_way()
    {
        var expected = new Dictionary<string, string[]>
        {
            ["TextInpaint"] = [],
            ["TextInpaint.Web"] = ["TextInpaint"],
            ["TextInpaint.Benchmarks"] = ["TextInpaint", "TextInpaint.Web"],
            ["TextInpaint.Cli"] = ["TextInpaint", "TextInpaint.Benchmarks", "TextInpaint.Web"],
        };
        var actual = Directory.GetFiles(Path.Combine(Repository.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), ProjectReferences);

        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (project, references) in expected)
            Assert.Equal(references, actual[project]);
    }

    [Fact]
    public void The_server_never_reaches_training()
    {
        var server = Path.Combine(Repository.Root, "src", "TextInpaint.Web");
        var naming = Directory.GetFiles(server, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => Regex.IsMatch(Regex.Replace(File.ReadAllText(f), @"//.*", ""), @"TextInpaint\.Training\b"))
            .Select(Path.GetFileName).ToList();
        Assert.Empty(naming);
    }

    private static string[] ProjectReferences(string project) =>
        Regex.Matches(File.ReadAllText(project), @"<ProjectReference Include=""[^""]*?([\w.]+)\.csproj""")
            .Select(m => m.Groups[1].Value).Order().ToArray();

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
