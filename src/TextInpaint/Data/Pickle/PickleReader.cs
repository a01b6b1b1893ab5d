using System.Collections;
using System.Numerics;
using System.Text;
using Razorvine.Pickle;

namespace TextInpaint.Data.Pickle;

/// <summary>
/// Reads the plain-data pickles of the AttnGAN layout (lists of keys, lists of class ids),
/// written by Python 2 or 3 with any protocol from 0 to 5, with Razorvine.Pickle. A pickle that
/// would build anything but numbers, strings, bytes, lists, tuples and dicts (GLOBAL, REDUCE, ...)
/// is refused before it is unpickled (<see cref="PlainPickle"/>), so reading a file never builds
/// a Python object, let alone runs one.
/// </summary>
/// <remarks>
/// Values come back as: None → null, bool, int → long, float → double, str → string,
/// bytes → byte[], list → List&lt;object?&gt;, tuple → object?[], dict → Dictionary&lt;object, object?&gt;
/// (its order not kept). Python 2 byte strings (STRING, BINSTRING, SHORT_BINSTRING) are text: UTF-8
/// when valid, else latin-1; in a pickle that has them this goes for every string of up to U+00FF,
/// as a value no longer says which opcode made it.
/// </remarks>
public static class PickleReader
{
    /// <summary>How deep lists, tuples and dicts may nest: far beyond any data set's, well short of the stack's end.</summary>
    private const int MaxDepth = 1_000;

    public static object? Read(string path)
    {
        if (!File.Exists(path))
            throw new UserInputException(Directory.Exists(path) ? $"{path}: is a folder, not a pickle file." : $"{path}: no such file.");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot be read ({e.Message}).", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Unpickles bytes; <paramref name="source"/> names them in error messages.</summary>
    public static object? Parse(byte[] bytes, string source)
    {
        bool python2Strings = PlainPickle.Check(bytes, source);
        object? value;
        try
        {
            using var unpickler = new Unpickler();
            value = unpickler.loads(bytes);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // What is left is a pickle whose data opcodes do not fit together (an item taken from an empty stack, ...).
            throw new UserInputException($"{source}: malformed pickle ({e.Message.ReplaceLineEndings(" ")}).", e);
        }
        return new Converter(source, python2Strings).Plain(value, 0);
    }

    /// <summary>Reads a pickled list (or tuple) of strings, such as filenames.pickle.</summary>
    public static IReadOnlyList<string> ReadStringList(string path)
    {
        var items = ExpectList(Read(path), path, "a list of file names");
        var result = new List<string>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            result.Add(items[i] switch
            {
                string text => text,
                byte[] bytes => DecodeByteString(bytes),
                var other => throw new UserInputException(
                    $"{path}: expected a list of file names, found a list holding {Describe(other)} at position {i}."),
            });
        }
        return result;
    }

    /// <summary>Reads a pickled list (or tuple) of plain Python ints, such as class_info.pickle.</summary>
    public static IReadOnlyList<int> ReadIntList(string path)
    {
        var items = ExpectList(Read(path), path, "a list of class ids");
        var result = new List<int>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is not long value)
                throw new UserInputException(
                    $"{path}: expected a list of class ids, found a list holding {Describe(items[i])} at position {i}.");
            if (value is < int.MinValue or > int.MaxValue)
                throw new UserInputException($"{path}: the class id {value} at position {i} is out of range.");
            result.Add((int)value);
        }
        return result;
    }

    /// <summary>A Python-flavoured description of a value for messages: "a dict", "an int", "None".</summary>
    public static string Describe(object? value) => value switch
    {
        null => "None",
        bool => "a bool",
        long => "an int",
        double => "a float",
        string => "a str",
        byte[] => "bytes",
        List<object?> => "a list",
        object?[] => "a tuple",
        Dictionary<object, object?> => "a dict",
        _ => value.GetType().Name,
    };

    private static IReadOnlyList<object?> ExpectList(object? value, string path, string expected) => value switch
    {
        List<object?> list => list,
        object?[] tuple => tuple,
        _ => throw new UserInputException($"{path}: expected {expected}, found {Describe(value)}."),
    };

    private static string DecodeByteString(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>
    /// Razorvine's values as this reader's types (see the remarks above). A container met again,
    /// shared through the memo or even inside itself, becomes the same converted container.
    /// </summary>
    private sealed class Converter(string source, bool python2Strings)
    {
        private readonly Dictionary<object, object> _converted = new(ReferenceEqualityComparer.Instance);

        public object? Plain(object? value, int depth)
        {
            if (depth > MaxDepth)
                throw new UserInputException($"{source}: lists, tuples and dicts nest more than {MaxDepth:N0} deep.");
            switch (value)
            {
                case null or bool or long or double or byte[]:
                    return value;
                case int number:
                    return (long)number;
                case BigInteger:
                    throw new UserInputException($"{source}: malformed pickle (an integer beyond 64 bits).");
                case string text:
                    // Razorvine reads Python 2 byte strings as latin-1, one char a byte; they often hold UTF-8.
                    return python2Strings && !text.Any(c => c > 0xff) ? DecodeByteString(Encoding.Latin1.GetBytes(text)) : text;
                case ArrayList or object[] or Hashtable when _converted.TryGetValue(value, out var converted):
                    return converted;
                case ArrayList list:
                    var items = new List<object?>(list.Count);
                    _converted[list] = items;
                    foreach (var item in list)
                        items.Add(Plain(item, depth + 1));
                    return items;
                case object[] tuple:
                    var members = new object?[tuple.Length];
                    _converted[tuple] = members;
                    for (int i = 0; i < tuple.Length; i++)
                        members[i] = Plain(tuple[i], depth + 1);
                    return members;
                case Hashtable table:
                    var dict = new Dictionary<object, object?>(table.Count);
                    _converted[table] = dict;
                    foreach (DictionaryEntry entry in table)
                        dict[Key(Plain(entry.Key, depth + 1))] = Plain(entry.Value, depth + 1);
                    return dict;
                default:
                    throw new UserInputException($"{source}: holds a {value.GetType().Name}, which is not plain data.");
            }
        }

        private object Key(object? key) => key is null or List<object?> or Dictionary<object, object?>
            ? throw new UserInputException($"{source}: malformed pickle (a dict key is {Describe(key)}, which this reader does not hold).")
            : key;
    }
}
