using TextInpaint.Text;

namespace TextInpaint.Tests.Text;

public sealed class VocabularyTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("vocabulary-tests-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Special_tokens_come_first_and_words_follow_in_sorted_order()
    {
        var vocabulary = Vocabulary.Build(["the red bird", "A bird, blue"]);

        Assert.Equal(["<end>", "<unk>", "a", "bird", "blue", "red", "the"], vocabulary.Words);
        Assert.Equal(0, vocabulary.IndexOf("<end>"));
        Assert.Equal(3, vocabulary.IndexOf("bird"));
        Assert.Equal("red", vocabulary.WordAt(5));
    }

    [Fact]
    public void The_same_captions_in_another_order_give_the_same_vocabulary()
    {
        var first = Vocabulary.Build(["zebra finch", "a yellow warbler", "finch"]);
        var second = Vocabulary.Build(["finch", "a yellow warbler", "zebra finch"]);

        Assert.Equal(first.Words, second.Words);
    }

    [Fact]
    public void Unknown_words_map_to_the_unknown_index()
    {
        var vocabulary = Vocabulary.Build(["red bird"]);

        Assert.Equal(Vocabulary.UnknownIndex, vocabulary.IndexOf("purple"));
        Assert.False(vocabulary.Contains("purple"));
    }

    [Fact]
    public void A_saved_vocabulary_loads_back_identical()
    {
        var vocabulary = Vocabulary.Build(["a small grey bird", "with a long black beak"]);
        var path = Path.Combine(folder, "sub", "vocabulary.json");

        vocabulary.Save(path);
        var loaded = Vocabulary.Load(path);

        Assert.Equal(vocabulary.Words, loaded.Words);
        Assert.Equal(vocabulary.IndexOf("beak"), loaded.IndexOf("beak"));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"format\": \"textinpaint-vocabulary\", \"version\": 1, \"words\": [\"red\", \"<unk>\"]}")]
    [InlineData("{\"format\": \"textinpaint-vocabulary\", \"version\": 1, \"words\": [\"<end>\", \"<unk>\", \"red\", \"red\"]}")]
    [InlineData("{\"format\": \"textinpaint-vocabulary\", \"version\": 7, \"words\": [\"<end>\", \"<unk>\"]}")]
    [InlineData("{\"format\": \"something-else\", \"version\": 1, \"words\": [\"<end>\", \"<unk>\"]}")]
    public void A_malformed_vocabulary_file_is_refused_naming_the_file(string content)
    {
        var path = Path.Combine(folder, "broken.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<UserInputException>(() => Vocabulary.Load(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_missing_vocabulary_file_is_refused_naming_the_file()
    {
        var path = Path.Combine(folder, "absent.json");

        var error = Assert.Throws<UserInputException>(() => Vocabulary.Load(path));

        Assert.Contains(path, error.Message);
    }
}
