using TextInpaint.Data.Pickle;

namespace TextInpaint.Tests.Data.Pickle;

public sealed class PickleReaderTests : IDisposable
{
    // python3 -c "import pickle; print(list(pickle.dumps(['002.Laysan_Albatross/Laysan_Albatross_0002_1027', 'b\u00e9'], protocol=0)))"
    private static readonly byte[] Protocol0Keys =
    [
        40, 108, 112, 48, 10, 86, 48, 48, 50, 46, 76, 97, 121, 115, 97, 110, 95, 65, 108, 98, 97, 116, 114, 111, 115, 115, 47,
        76, 97, 121, 115, 97, 110, 95, 65, 108, 98, 97, 116, 114, 111, 115, 115, 95, 48, 48, 48, 50, 95, 49, 48, 50, 55, 10,
        112, 49, 10, 97, 86, 98, 233, 10, 112, 50, 10, 97, 46,
    ];

    // python3 -c "import pickle; print(list(pickle.dumps(['a/x', 'b/y', 'c/z'], protocol=4)))"
    internal static readonly byte[] Protocol4Keys =
    [
        128, 4, 149, 23, 0, 0, 0, 0, 0, 0, 0, 93, 148, 40, 140, 3, 97, 47, 120, 148, 140, 3, 98, 47, 121, 148, 140, 3, 99, 47,
        122, 148, 101, 46,
    ];

    // python3 -c "import pickle; print(list(pickle.dumps(['a/x', 'b/y', 'c/z'], protocol=5)))"
    private static readonly byte[] Protocol5Keys =
    [
        128, 5, 149, 23, 0, 0, 0, 0, 0, 0, 0, 93, 148, 40, 140, 3, 97, 47, 120, 148, 140, 3, 98, 47, 121, 148, 140, 3, 99, 47,
        122, 148, 101, 46,
    ];

    // python3 -c "import pickle; print(list(pickle.dumps([1, 2, 200], protocol=0)))"
    internal static readonly byte[] Protocol0ClassIds = [40, 108, 112, 48, 10, 73, 49, 10, 97, 73, 50, 10, 97, 73, 50, 48, 48, 10, 97, 46];

    // python3 -c "import pickle; print(list(pickle.dumps([1, 2, 200, 70000, 2**40, -3, 1.5, True, False, None,
    //     (1, 2), {'a': 1}, b'hi', 'caf\u00e9'], protocol=4)))"
    private static readonly byte[] Protocol4Mixed =
    [
        128, 4, 149, 69, 0, 0, 0, 0, 0, 0, 0, 93, 148, 40, 75, 1, 75, 2, 75, 200, 74, 112, 17, 1, 0, 138, 6, 0, 0, 0, 0, 0, 1,
        74, 253, 255, 255, 255, 71, 63, 248, 0, 0, 0, 0, 0, 0, 136, 137, 78, 75, 1, 75, 2, 134, 148, 125, 148, 140, 1, 97, 148,
        75, 1, 115, 67, 2, 104, 105, 148, 140, 5, 99, 97, 102, 195, 169, 148, 101, 46,
    ];

    // python3 -c "import pickle; print(list(pickle.dumps([1, 2**40, -3, 1.5, True, None, (1, 2), {'a': 1}], protocol=0)))"
    private static readonly byte[] Protocol0Mixed =
    [
        40, 108, 112, 48, 10, 73, 49, 10, 97, 76, 49, 48, 57, 57, 53, 49, 49, 54, 50, 55, 55, 55, 54, 76, 10, 97, 73, 45, 51,
        10, 97, 70, 49, 46, 53, 10, 97, 73, 48, 49, 10, 97, 78, 97, 40, 73, 49, 10, 73, 50, 10, 116, 112, 49, 10, 97, 40, 100,
        112, 50, 10, 86, 97, 10, 112, 51, 10, 73, 49, 10, 115, 97, 46,
    ];

    // python3 -c "import pickle; print(list(pickle.dumps({'train': ['a/x']}, protocol=2)))"
    internal static readonly byte[] Protocol2Dict =
    [
        128, 2, 125, 113, 0, 88, 5, 0, 0, 0, 116, 114, 97, 105, 110, 113, 1, 93, 113, 2, 88, 3, 0, 0, 0, 97, 47, 120, 113, 3,
        97, 115, 46,
    ];

    // python3 -c "import pickle, collections; print(list(pickle.dumps(collections.OrderedDict(a=1), protocol=2)))"
    private static readonly byte[] Protocol2OrderedDict =
    [
        128, 2, 99, 99, 111, 108, 108, 101, 99, 116, 105, 111, 110, 115, 10, 79, 114, 100, 101, 114, 101, 100, 68, 105, 99, 116,
        10, 113, 0, 41, 82, 113, 1, 88, 1, 0, 0, 0, 97, 113, 2, 75, 1, 115, 46,
    ];

    // Python 2's pickle.dumps(['a/x', 'b/\xc3\xa9'], 2): byte strings as SHORT_BINSTRING ('U'), memoised with BINPUT ('q').
    private static readonly byte[] Python2ShortBinStrings =
        [0x80, 2, (byte)']', (byte)'q', 1, (byte)'(', (byte)'U', 3, (byte)'a', (byte)'/', (byte)'x', (byte)'q', 2,
         (byte)'U', 4, (byte)'b', (byte)'/', 0xc3, 0xa9, (byte)'q', 3, (byte)'e', (byte)'.'];

    // Python 2's pickle.dumps(['a/x', 'caf\xe9', "it's"], 0): quoted STRING reprs, memoised with PUT and fetched with GET.
    private static readonly byte[] Python2Protocol0Strings =
        "(lp0\nS'a/x'\np1\naS'caf\\xe9'\np2\naS\"it's\"\np3\nag1\na."u8.ToArray();

    // Pickles that would build or call Python objects. Evil.__reduce__ returns (os.system, ('touch /tmp/pwned-by-pickle',)):
    // python3 -c "import pickle; print(list(pickle.dumps(Evil(), protocol=P)))" for P = 0 and 4; os.system pickles as posix.system.
    private static readonly byte[] Protocol0OsSystem = "cposix\nsystem\np0\n(Vtouch /tmp/pwned-by-pickle\np1\ntp2\nRp3\n."u8.ToArray();
    private static readonly byte[] Protocol4OsSystem =
    [
        128, 4, 149, 53, 0, 0, 0, 0, 0, 0, 0, 140, 5, 112, 111, 115, 105, 120, 148, 140, 6, 115, 121, 115, 116, 101, 109, 148, 147,
        148, 140, 26, 116, 111, 117, 99, 104, 32, 47, 116, 109, 112, 47, 112, 119, 110, 101, 100, 45, 98, 121, 45, 112, 105, 99, 107,
        108, 101, 148, 133, 148, 82, 148, 46,
    ];

    // The same with builtins.eval of '__import__("os").system(...)', protocol 2 (GLOBAL __builtin__.eval, REDUCE).
    private static readonly byte[] Protocol2Eval =
    [
        128, 2, 99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 101, 118, 97, 108, 10, 113, 0, 88, 53, 0, 0, 0, 95, 95, 105,
        109, 112, 111, 114, 116, 95, 95, 40, 34, 111, 115, 34, 41, 46, 115, 121, 115, 116, 101, 109, 40, 34, 116, 111, 117, 99, 104, 32,
        47, 116, 109, 112, 47, 112, 119, 110, 101, 100, 45, 98, 121, 45, 112, 105, 99, 107, 108, 101, 34, 41, 113, 1, 133, 113, 2, 82,
        113, 3, 46,
    ];

    // python3 -c "import pickle; print(list(pickle.dumps({1, 2}, protocol=P)))": protocol 2 calls __builtin__.set, 4 has EMPTY_SET.
    private static readonly byte[] Protocol2Set =
        [128, 2, 99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 115, 101, 116, 10,
            113, 0, 93, 113, 1, 40, 75, 1, 75, 2, 101, 133, 113, 2, 82, 113, 3, 46];
    private static readonly byte[] Protocol4Set = [128, 4, 149, 9, 0, 0, 0, 0, 0, 0, 0, 143, 148, 40, 75, 1, 75, 2, 144, 46];

    // numpy's protocol-2 pickle of np.arange(3): numpy.core.multiarray._reconstruct, ndarray and dtype, REDUCE and BUILD.
    private static readonly byte[] Protocol2NumpyArray =
    [
        128, 2, 99, 110, 117, 109, 112, 121, 46, 99, 111, 114, 101, 46, 109, 117, 108, 116, 105, 97, 114, 114, 97, 121, 10, 95, 114,
        101, 99, 111, 110, 115, 116, 114, 117, 99, 116, 10, 113, 0, 99, 110, 117, 109, 112, 121, 10, 110, 100, 97, 114, 114, 97, 121,
        10, 113, 1, 75, 0, 133, 113, 2, 67, 1, 98, 113, 3, 135, 113, 4, 82, 113, 5, 40, 75, 1, 75, 3, 133, 113, 6, 99, 110, 117, 109,
        112, 121, 10, 100, 116, 121, 112, 101, 10, 113, 7, 88, 2, 0, 0, 0, 105, 56, 113, 8, 137, 136, 135, 113, 9, 82, 113, 10, 40,
        75, 3, 88, 1, 0, 0, 0, 60, 113, 11, 78, 78, 78, 74, 255, 255, 255, 255, 74, 255, 255, 255, 255, 75, 0, 116, 113, 12, 98, 137,
        67, 24, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 116, 113, 13, 98, 46,
    ];

    // A set built and dropped again (POP), leaving an empty list: still refused, as it builds an object on the way.
    private static readonly byte[] BuiltAndDropped = "c__builtin__\nset\n(]tR0]."u8.ToArray();

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Lists_written_by_the_pickle_writer_read_back_unchanged()
    {
        var keys = new[] { "002.Laysan_Albatross/Laysan_Albatross_0002_1027", "ünïcødé/名前", "" };
        var ids = new[] { 0, 1, 255, 256, 65535, 65536, -1, int.MaxValue, int.MinValue };
        var keysPath = _folder.File("filenames.pickle");
        var idsPath = _folder.File("class_info.pickle");
        PickleWriter.WriteStrings(keysPath, keys);
        PickleWriter.WriteInts(idsPath, ids);

        Assert.Equal(keys, PickleReader.ReadStringList(keysPath));
        Assert.Equal(ids, PickleReader.ReadIntList(idsPath));
    }

    [Fact]
    public void Protocol_0_lists_of_text_and_ints_made_by_python_3_are_read()
    {
        Assert.Equal(["002.Laysan_Albatross/Laysan_Albatross_0002_1027", "bé"],
            PickleReader.ReadStringList(_folder.WriteBytes("keys.pickle", Protocol0Keys)));
        Assert.Equal([1, 2, 200], PickleReader.ReadIntList(_folder.WriteBytes("ids.pickle", Protocol0ClassIds)));
    }

    [Fact]
    public void Protocol_4_and_5_lists_with_frames_and_memoize_are_read()
    {
        Assert.Equal(["a/x", "b/y", "c/z"], PickleReader.ReadStringList(_folder.WriteBytes("p4.pickle", Protocol4Keys)));
        Assert.Equal(["a/x", "b/y", "c/z"], PickleReader.ReadStringList(_folder.WriteBytes("p5.pickle", Protocol5Keys)));
    }

    [Fact]
    public void Every_plain_value_type_comes_back_as_its_dotnet_counterpart()
    {
        var p4 = Assert.IsType<List<object?>>(PickleReader.Parse(Protocol4Mixed, "mixed"));
        Assert.Equal(new object?[] { 1L, 2L, 200L, 70000L, 1L << 40, -3L, 1.5, true, false, null }, p4.Take(10));
        Assert.Equal(new object?[] { 1L, 2L }, Assert.IsType<object?[]>(p4[10]));
        Assert.Equal(1L, Assert.IsType<Dictionary<object, object?>>(p4[11])["a"]);
        Assert.Equal("hi"u8.ToArray(), Assert.IsType<byte[]>(p4[12]));
        Assert.Equal("café", p4[13]);

        var p0 = Assert.IsType<List<object?>>(PickleReader.Parse(Protocol0Mixed, "mixed"));
        Assert.Equal(new object?[] { 1L, 1L << 40, -3L, 1.5, true, null }, p0.Take(6));
        Assert.Equal(new object?[] { 1L, 2L }, Assert.IsType<object?[]>(p0[6]));
        Assert.Equal(1L, Assert.IsType<Dictionary<object, object?>>(p0[7])["a"]);
    }

    [Fact]
    public void Python_2_byte_strings_are_read_as_text_utf8_when_valid_else_latin1()
    {
        Assert.Equal(["a/x", "b/é"], PickleReader.ReadStringList(_folder.WriteBytes("py2.pickle", Python2ShortBinStrings)));
        Assert.Equal(["a/x", "café", "it's", "a/x"],
            PickleReader.ReadStringList(_folder.WriteBytes("py2-p0.pickle", Python2Protocol0Strings)));
    }

    [Fact]
    public void A_dict_where_a_list_is_expected_is_refused_naming_the_file_and_what_was_found()
    {
        var path = _folder.WriteBytes("filenames.pickle", Protocol2Dict);
        var error = Assert.Throws<UserInputException>(() => PickleReader.ReadStringList(path));
        Assert.Equal($"{path}: expected a list of file names, found a dict.", error.Message);
    }

    [Fact]
    public void A_list_of_strings_where_class_ids_are_expected_names_the_first_bad_position()
    {
        var path = _folder.WriteBytes("class_info.pickle", Protocol4Keys);
        var error = Assert.Throws<UserInputException>(() => PickleReader.ReadIntList(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("expected a list of class ids, found a list holding a str at position 0", error.Message);
    }

    [Fact]
    public void A_pickle_that_builds_python_objects_is_refused_naming_the_opcode()
    {
        var path = _folder.WriteBytes("objects.pickle", Protocol2OrderedDict);
        var error = Assert.Throws<UserInputException>(() => PickleReader.Read(path));
        Assert.StartsWith($"{path}: unsupported pickle opcode GLOBAL at byte 2", error.Message);
    }

    public static TheoryData<string, byte[], string, int> ObjectPickles => new()
    {
        { "os.system, protocol 0", Protocol0OsSystem, "GLOBAL", 0 },
        { "os.system, protocol 4", Protocol4OsSystem, "STACK_GLOBAL", 28 },
        { "builtins.eval", Protocol2Eval, "GLOBAL", 2 },
        { "a set, protocol 2", Protocol2Set, "GLOBAL", 2 },
        { "a set, protocol 4", Protocol4Set, "EMPTY_SET", 11 },
        { "a numpy array", Protocol2NumpyArray, "GLOBAL", 2 },
        { "an object built and dropped", BuiltAndDropped, "GLOBAL", 0 },
    };

    [Theory]
    [MemberData(nameof(ObjectPickles))]
    public void A_pickle_that_would_build_or_call_a_python_object_is_refused_in_one_line_before_anything_is_built(
        string what, byte[] pickle, string opcode, int at)
    {
        var path = _folder.WriteBytes("hostile.pickle", pickle);

        var error = Assert.Throws<UserInputException>(() => PickleReader.ReadStringList(path));

        Assert.StartsWith($"{path}: unsupported pickle opcode {opcode} at byte {at}; only plain lists", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Null(error.InnerException);
        Assert.False(File.Exists("/tmp/pwned-by-pickle"), what);
    }

    [Fact]
    public void A_list_that_holds_itself_is_read_as_one_list_and_nesting_past_a_thousand_levels_is_refused()
    {
        var itself = Assert.IsType<List<object?>>(PickleReader.Parse([(byte)']', (byte)'q', 0, (byte)'h', 0, (byte)'a', (byte)'.'], "itself"));
        Assert.Same(itself, Assert.Single(itself));

        byte[] Nested(int depth) => [.. Enumerable.Repeat((byte)']', depth), .. Enumerable.Repeat((byte)'a', depth - 1), (byte)'.'];
        Assert.IsType<List<object?>>(PickleReader.Parse(Nested(1_001), "deep"));
        var error = Assert.Throws<UserInputException>(() => PickleReader.Parse(Nested(1_002), "deeper"));
        Assert.Equal("deeper: lists, tuples and dicts nest more than 1,000 deep.", error.Message);
    }

    [Fact]
    public void Data_opcodes_that_do_not_fit_together_or_an_integer_past_64_bits_are_a_malformed_pickle()
    {
        var append = Assert.Throws<UserInputException>(() => PickleReader.Parse("a."u8.ToArray(), "append"));
        Assert.StartsWith("append: malformed pickle (", append.Message);
        Assert.DoesNotContain('\n', append.Message);

        byte[] large = [0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte)'.'];
        Assert.Equal("large: malformed pickle (an integer beyond 64 bits).",
            Assert.Throws<UserInputException>(() => PickleReader.Parse(large, "large")).Message);
    }

    [Fact]
    public void A_truncated_pickle_is_reported_as_truncated_wherever_it_stops()
    {
        for (int length = 1; length < Protocol4Keys.Length; length++)
        {
            var path = _folder.WriteBytes("cut.pickle", Protocol4Keys[..length]);
            var error = Assert.Throws<UserInputException>(() => PickleReader.Read(path));
            Assert.Equal($"{path}: the pickle is truncated (the file ends at byte {length} before the pickle does).", error.Message);
        }
    }

    [Fact]
    public void An_empty_or_missing_file_is_refused_with_its_name()
    {
        var empty = _folder.WriteBytes("empty.pickle", []);
        Assert.Equal($"{empty}: the file is empty, not a pickle.", Assert.Throws<UserInputException>(() => PickleReader.Read(empty)).Message);
        var missing = _folder.File("missing.pickle");
        Assert.Equal($"{missing}: no such file.", Assert.Throws<UserInputException>(() => PickleReader.Read(missing)).Message);
    }
}
