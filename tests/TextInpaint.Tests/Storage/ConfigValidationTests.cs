using TorchSharp;
using System.Text.Json.Nodes;
using TextInpaint.Storage;
using TextInpaint.Runtime;

namespace TextInpaint.Tests.Storage;

[Collection(TorchCollection.Name)]
public sealed class ConfigValidationTests
{
    private static readonly string ShippedModel = Path.Combine(Repository.Root, "models", "synthbirds64");

    /// <summary>A copy of the shipped model's config files with one change, in a fresh folder.</summary>
    private static string Edited(TempFolder temp, string file, Action<JsonNode> change)
    {
        var model = temp.Combine("model");
        Directory.CreateDirectory(Path.Combine(model, "damsm"));
        File.Copy(Path.Combine(ShippedModel, "model.json"), Path.Combine(model, "model.json"));
        File.Copy(Path.Combine(ShippedModel, "damsm", "damsm.json"), Path.Combine(model, "damsm", "damsm.json"));
        var path = Path.Combine(model, file);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        change(json);
        File.WriteAllText(path, json.ToJsonString());
        return model;
    }

    [Theory]
    [InlineData("preset", null, "has no 'preset'")]
    [InlineData("preset.imageSize", 0, "image size 0")]
    [InlineData("preset.imageSize", 48, "image size 48")]
    [InlineData("preset.coarseMaxWidth", 100000000, "sizes differ from its definition")]
    [InlineData("preset.name", "huge", "'huge': unknown")]
    [InlineData("version", 99, "format version 99; this build reads versions 1 to 2.")]
    public void A_damaged_model_json_stops_with_one_line_naming_the_file_and_field(string field, object? value, string expected)
    {
        using var temp = new TempFolder();
        var model = Edited(temp, "model.json", json => Set(json, field, value));

        var error = Assert.Throws<UserInputException>(() => MmflFolder.LoadConfig(model));

        Assert.Contains(Path.Combine(model, "model.json"), error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Word_demand_shares_without_independent_gates_stop_with_one_line()
    {
        using var temp = new TempFolder();
        var model = Edited(temp, "model.json", json =>
        {
            Set(json, "preset.wordDemandShares", true);
            Set(json, "preset.independentWordGates", false);
        });

        var error = Assert.Throws<UserInputException>(() => MmflFolder.LoadConfig(model));

        Assert.Contains(Path.Combine(model, "model.json"), error.Message);
        Assert.Contains("'preset.wordDemandShares' needs 'preset.independentWordGates'", error.Message);
    }

    [Theory]
    [InlineData("textEncoder", null, "'textEncoder' is missing")]
    [InlineData("imageSize", 0, "'imageSize' is 0")]
    [InlineData("textEncoder.hiddenPerDirection", 100000000, "'textEncoder.hiddenPerDirection'")]
    [InlineData("loss.gamma1", -1, "'loss.gamma1' is -1")]
    [InlineData("imageEncoder.inputSize", 100, "'imageEncoder.inputSize' is 100; expected a multiple of 16 from 32 to 1024")]
    [InlineData("imageEncoder.network", "vgg16", "not a valid DamsmConfig document")]
    [InlineData("version", 2, "format version 2; this build reads version 1.")]
    public void A_damaged_damsm_json_stops_with_one_line_naming_the_file_and_field(string field, object? value, string expected)
    {
        using var temp = new TempFolder();
        var model = Edited(temp, Path.Combine("damsm", "damsm.json"), json => Set(json, field, value));

        var error = Assert.Throws<UserInputException>(() => DamsmFolder.LoadConfig(Path.Combine(model, "damsm")));

        Assert.Contains("damsm.json", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_damsm_json_written_before_the_image_encoder_choice_reads_as_the_encoder_trained_from_scratch()
    {
        TorchRuntime.Initialize();
        var folder = Path.Combine(ShippedModel, "damsm");
        Assert.DoesNotContain("network", File.ReadAllText(Path.Combine(folder, DamsmFolder.ConfigFile)));

        using var encoders = DamsmFolder.Load(folder, torch.CPU);

        Assert.Equal(TextInpaint.Models.Damsm.ImageEncoderNetwork.Scratch, encoders.Config.ImageEncoder.Network);
        Assert.IsType<TextInpaint.Models.Damsm.ScratchImageEncoder>(encoders.Image);
    }

    [Fact]
    public void A_damsm_config_with_the_resnet18_encoder_is_written_and_read_back_the_same()
    {
        using var temp = new TempFolder();
        var shipped = DamsmFolder.LoadConfig(Path.Combine(ShippedModel, "damsm"));
        var config = shipped with
        {
            ImageSize = 256,
            ImageEncoder = shipped.ImageEncoder with { Network = TextInpaint.Models.Damsm.ImageEncoderNetwork.ResNet18, InputSize = 160 },
        };

        ModelFiles.SaveJson(config, temp.Combine(DamsmFolder.ConfigFile));
        var read = DamsmFolder.LoadConfig(temp.Path);

        Assert.Equal(config, read);
        Assert.Contains("\"network\": \"resnet18\"", File.ReadAllText(temp.Combine(DamsmFolder.ConfigFile)));
        Assert.Empty(ConfigDifferences.Between(config, read));
    }

    [Fact]
    public void The_shipped_configs_pass()
    {
        Assert.Equal("synth64", MmflFolder.LoadConfig(ShippedModel).Preset.Name);
        Assert.Equal(64, DamsmFolder.LoadConfig(Path.Combine(ShippedModel, "damsm")).ImageSize);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Weights_or_a_vocabulary_that_are_a_fifo_a_device_or_a_folder_are_refused_without_being_read()
    {
        TorchRuntime.Initialize();
        using var temp = new TempFolder();
        UserFilesTests.Fifo(temp.Combine("generator.pt"));
        File.CreateSymbolicLink(temp.Combine("vocabulary.json"), "/dev/zero");
        Directory.CreateDirectory(temp.Combine("text_encoder.pt"));
        using var module = torch.nn.Linear(2, 2);

        var fifo = Assert.Throws<UserInputException>(() => ModelFiles.LoadWeights(module, temp.Combine("generator.pt")));
        var device = Assert.Throws<UserInputException>(() => TextInpaint.Text.Vocabulary.Load(temp.Combine("vocabulary.json")));
        var folder = Assert.Throws<UserInputException>(() => ModelFiles.LoadWeights(module, temp.Combine("text_encoder.pt")));

        Assert.Equal($"{temp.Combine("generator.pt")}: is not a regular file (a device, FIFO or socket) and is not read.", fifo.Message);
        Assert.Equal($"{temp.Combine("vocabulary.json")}: is not a regular file (a device, FIFO or socket) and is not read.", device.Message);
        Assert.Equal($"{temp.Combine("text_encoder.pt")}: is a folder, not a model file.", folder.Message);
    }

    [Fact]
    public void Starting_weights_may_lack_an_added_block_but_not_hold_a_tensor_the_model_lacks()
    {
        TorchRuntime.Initialize();
        using var temp = new TempFolder();
        var tiny = TextInpaint.Models.Mmfl.MmflPreset.Tiny;
        using var without = new TextInpaint.Models.Mmfl.MmflGenerator(tiny);
        using var with = new TextInpaint.Models.Mmfl.MmflGenerator(tiny with { WordDemandReadsShownMatch = true });
        ModelFiles.SaveWeights(without, temp.Combine("without.pt"));
        ModelFiles.SaveWeights(with, temp.Combine("with.pt"));

        using var start = new TextInpaint.Models.Mmfl.MmflGenerator(tiny);
        var fresh = ModelFiles.LoadStartingWeights(with, start, temp.Combine("without.pt"));

        Assert.Equal(["wordDemand.shownMatchWeight.weight", "wordDemand.shownMatchWeight.bias"], fresh);
        var started = with.state_dict();
        foreach (var (name, value) in without.state_dict())
            Assert.True(value.allclose(started[name], rtol: 0, atol: 0), $"{name} is not the starting model's");
        using var other = new TextInpaint.Models.Mmfl.MmflGenerator(tiny with { WordDemandReadsShownMatch = true });
        var extra = Assert.Throws<UserInputException>(() => ModelFiles.LoadStartingWeights(without, other, temp.Combine("with.pt")));
        Assert.Contains("the weights do not fit this model (wordDemand.shownMatchWeight.weight, ", extra.Message);
    }

    [Fact]
    public void An_empty_or_short_random_state_stops_with_one_line()
    {
        TorchRuntime.Initialize();
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.Combine("rng.bin"), []);
        File.WriteAllBytes(temp.Combine("short.bin"), new byte[17]);

        Assert.Contains("damaged", Assert.Throws<UserInputException>(() => ModelFiles.LoadRngState(temp.Combine("rng.bin"))).Message);
        Assert.Contains("damaged", Assert.Throws<UserInputException>(() => ModelFiles.LoadRngState(temp.Combine("short.bin"))).Message);
    }

    private static void Set(JsonNode json, string field, object? value)
    {
        var path = field.Split('.');
        var parent = path[..^1].Aggregate(json, (node, key) => node[key]!).AsObject();
        if (value is null) parent.Remove(path[^1]);
        else parent[path[^1]] = JsonValue.Create(value);
    }
}
