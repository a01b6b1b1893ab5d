using System.Reflection;
using TextInpaint.Data.Masks;
using TextInpaint.Models.Mmfl;
using TextInpaint.Storage;
using TextInpaint.Training;

namespace TextInpaint.Tests.Storage;

public sealed class ConfigDifferencesTests
{
    [Fact]
    public void Equal_configurations_have_no_differences()
    {
        var recipe = MmflRecipe.For("synth64", "data", "damsm") with { Mask = MaskKind.Any, SourceSize = 256 };

        Assert.Empty(ConfigDifferences.Between(recipe, recipe with { }));
    }

    /// <summary>Every field of the recipe, nested ones included, is compared and named by its path when it differs.</summary>
    [Fact]
    public void Each_field_of_the_recipe_that_differs_is_named_by_its_path()
    {
        var recipe = MmflRecipe.For("synth64", "data", "damsm");
        var fields = Leaves(typeof(MmflRecipe), "").ToList();
        Assert.Contains("weights.partColours", fields);
        Assert.Contains("optimizer.decayEpochs", fields);
        Assert.Contains("sourceSize", fields);

        foreach (var field in fields)
        {
            var changed = Change(recipe, field.Split('.'));
            var differences = ConfigDifferences.Between(recipe, changed);
            Assert.Single(differences);
            Assert.StartsWith(field + " ", differences[0]);
        }
    }

    [Fact]
    public void A_refusal_names_every_field_that_differs_and_the_folder()
    {
        var saved = new MmflConfig(MmflPreset.Synth64, UsesText: true);
        var asked = new MmflConfig(MmflPreset.Tiny, UsesText: false);

        var error = Assert.Throws<UserInputException>(() => ConfigDifferences.Require(saved, asked, "runs/x", "network"));

        Assert.Contains("runs/x", error.Message);
        Assert.Contains("preset.name \"synth64\" (asked \"tiny\")", error.Message);
        Assert.Contains("preset.imageSize 64 (asked 32)", error.Message);
        Assert.Contains("usesText true (asked false)", error.Message);
    }

    [Fact]
    public void A_version_1_model_json_reads_as_the_same_network_as_its_version_2_and_the_shipped_model_keeps_version_2()
    {
        using var temp = new TempFolder();
        // The same model's model.json as versions 1 and 2 wrote it (the model shipped until 2026-12-07).
        foreach (var version in new[] { "v1", "v2" })
        {
            Directory.CreateDirectory(temp.Combine(version));
            File.Copy(Path.Combine(Repository.Root, "tests", "TextInpaint.Tests", "Storage", $"model-{version}.json"), temp.Combine(version, "model.json"));
        }

        var v1 = MmflFolder.LoadConfig(temp.Combine("v1"));
        var v2 = MmflFolder.LoadConfig(temp.Combine("v2"));

        Assert.Equal(1, v1.Version);
        Assert.Equal(2, v2.Version);
        Assert.Equal(v2, v1 with { Version = 2 });
        Assert.Equal(2, MmflFolder.LoadConfig(Path.Combine(Repository.Root, "models", "synthbirds64")).Version);
        var written = File.ReadAllText(Path.Combine(Repository.Root, "models", "synthbirds64", "model.json"));
        foreach (var training in new[] { "trainingMask", "trainingBatchSize", "textAttentionFromParts", "fusionSize", "depth" })
            Assert.DoesNotContain($"\"{training}\"", written);
    }

    [Fact]
    public void The_shipped_models_recipe_reads_as_a_recipe()
    {
        var recipe = ModelFiles.LoadJson<MmflRecipe>(Path.Combine(Repository.Root, "models", "synthbirds64", MmflFolder.RecipeFile));

        Assert.Equal(("synthbirds256", MaskKind.Any, 16, 0.5, TextAttentionMapSource.Parts),
            (recipe.Data, recipe.Mask, recipe.BatchSize, recipe.CaptionEdits, recipe.TextAttentionMap));
        Assert.Equal(256, recipe.SourceSize);
        Assert.Equal((0.2, 0.2, 0.0, 2.0, 1.0), (recipe.Weights.PartColours, recipe.Weights.WordDemand, recipe.Weights.WordDemandFloor,
            recipe.Weights.WordDemandSharpness, recipe.Weights.WordDemandFloorPower));
        Assert.Equal(("synthbirds64", 1, 1, 5e-5), (recipe.InitFrom, recipe.Epochs, recipe.Optimizer.DecayEpochs, recipe.Optimizer.LearningRate));
    }

    private static IEnumerable<string> Leaves(Type type, string prefix)
    {
        foreach (var property in Settable(type))
        {
            var name = prefix + char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            var inner = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (inner.IsClass && inner != typeof(string))
                foreach (var leaf in Leaves(inner, name + "."))
                    yield return leaf;
            else
                yield return name;
        }
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null && p.Name != "EqualityContract");

    /// <summary>A copy of <paramref name="value"/> with the field at <paramref name="path"/> set to another value.</summary>
    private static T Change<T>(T value, string[] path) where T : class
    {
        var clone = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(value, null)!;
        var property = Settable(typeof(T)).Single(p => string.Equals(p.Name, path[0], StringComparison.OrdinalIgnoreCase));
        var current = property.GetValue(clone);
        object? other = path.Length > 1
            ? typeof(ConfigDifferencesTests).GetMethod(nameof(Change), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(property.PropertyType).Invoke(null, [current, path[1..]])
            : Other(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, current);
        property.SetValue(clone, other);
        return clone;
    }

    private static object Other(Type type, object? current) => type switch
    {
        _ when type == typeof(string) => (string?)current + "-other",
        _ when type == typeof(int) => (int?)current + 1 ?? 1,
        _ when type == typeof(double) => (double?)current + 0.5 ?? 0.5,
        _ when type == typeof(bool) => !(bool)current!,
        _ when type.IsEnum => Enum.GetValues(type).Cast<object>().First(v => !v.Equals(current)),
        _ => throw new NotSupportedException(type.Name),
    };
}
