using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace TextInpaint.Data.Pickle;

/// <summary>
/// Reads the plain-data pickles of the AttnGAN layout (lists of keys, lists of class ids),
/// written by Python 2 or 3 with any protocol from 0 to 5. Only data opcodes are understood
/// (numbers, strings, bytes, lists, tuples, dicts); a pickle that builds Python objects
/// (GLOBAL, REDUCE, ...) is refused, so reading a file never runs anything.
/// </summary>
/// <remarks>
/// Values come back as: None → null, bool, int → long, float → double, str → string,
/// bytes → byte[], list → List&lt;object?&gt;, tuple → object?[], dict → Dictionary&lt;object, object?&gt;.
/// Python 2 byte strings (STRING, BINSTRING, SHORT_BINSTRING) are text: UTF-8 when valid, else latin-1.
/// </remarks>
public static class PickleReader
{
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
    public static object? Parse(byte[] bytes, string source) => new Unpickler(bytes, source).Run();

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

    private sealed class Unpickler(byte[] data, string source)
    {
        private const int HighestProtocol = 5;

        private readonly List<object?> _stack = [];
        private readonly Stack<int> _marks = new();
        private readonly Dictionary<long, object?> _memo = [];
        private int _position;
        private int _opcodeStart;

        public object? Run()
        {
            if (data.Length == 0)
                throw new UserInputException($"{source}: the file is empty, not a pickle.");
            while (true)
            {
                _opcodeStart = _position;
                byte opcode = ReadByte();
                switch (opcode)
                {
                    case 0x80: // PROTO
                        int protocol = ReadByte();
                        if (protocol > HighestProtocol)
                            throw new UserInputException($"{source}: pickle protocol {protocol} is newer than the highest known ({HighestProtocol}).");
                        break;
                    case 0x95: // FRAME: a length prefix for buffered reading; the bytes follow in line.
                        ReadBytes(8);
                        break;
                    case (byte)'.': // STOP
                        if (_stack.Count != 1 || _marks.Count != 0)
                            throw Malformed("STOP reached with an unbalanced stack");
                        return _stack[0];
                    case (byte)'(': // MARK
                        _marks.Push(_stack.Count);
                        break;

                    case (byte)'p': // PUT
                        _memo[ParseLong(ReadLine())] = Top();
                        break;
                    case (byte)'q': // BINPUT
                        _memo[ReadByte()] = Top();
                        break;
                    case (byte)'r': // LONG_BINPUT
                        _memo[BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4))] = Top();
                        break;
                    case 0x94: // MEMOIZE
                        _memo[_memo.Count] = Top();
                        break;
                    case (byte)'g': // GET
                        Push(Recall(ParseLong(ReadLine())));
                        break;
                    case (byte)'h': // BINGET
                        Push(Recall(ReadByte()));
                        break;
                    case (byte)'j': // LONG_BINGET
                        Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4))));
                        break;

                    case (byte)'N': // NONE
                        Push(null);
                        break;
                    case 0x88: // NEWTRUE
                        Push(true);
                        break;
                    case 0x89: // NEWFALSE
                        Push(false);
                        break;

                    case (byte)'I': // INT (protocol 0 writes True and False as I01 and I00)
                        string intText = ReadLine();
                        Push(intText switch { "01" => true, "00" => false, _ => ParseLong(intText) });
                        break;
                    case (byte)'L': // LONG
                        Push(ParseLong(ReadLine().TrimEnd('L')));
                        break;
                    case (byte)'J': // BININT
                        Push((long)BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4)));
                        break;
                    case (byte)'K': // BININT1
                        Push((long)ReadByte());
                        break;
                    case (byte)'M': // BININT2
                        Push((long)BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2)));
                        break;
                    case 0x8a: // LONG1
                        Push(LittleEndianSigned(ReadBytes(ReadByte())));
                        break;
                    case 0x8b: // LONG4
                        Push(LittleEndianSigned(ReadBytes(ReadLength(4))));
                        break;

                    case (byte)'F': // FLOAT
                        string floatText = ReadLine();
                        if (!double.TryParse(floatText, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
                            throw Malformed($"FLOAT holds '{floatText}', not a number");
                        Push(number);
                        break;
                    case (byte)'G': // BINFLOAT
                        Push(BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8)));
                        break;

                    case (byte)'S': // STRING: a Python-2 repr, quoted and escaped
                        Push(DecodeByteString(Unquote(ReadLine())));
                        break;
                    case (byte)'T': // BINSTRING
                        Push(DecodeByteString(ReadBytes(ReadLength(4)).ToArray()));
                        break;
                    case (byte)'U': // SHORT_BINSTRING
                        Push(DecodeByteString(ReadBytes(ReadByte()).ToArray()));
                        break;
                    case (byte)'V': // UNICODE: raw-unicode-escape text
                        Push(RawUnicodeUnescape(ReadLineBytes()));
                        break;
                    case (byte)'X': // BINUNICODE
                        Push(DecodeUtf8(ReadBytes(ReadLength(4))));
                        break;
                    case 0x8c: // SHORT_BINUNICODE
                        Push(DecodeUtf8(ReadBytes(ReadByte())));
                        break;
                    case 0x8d: // BINUNICODE8
                        Push(DecodeUtf8(ReadBytes(ReadLength(8))));
                        break;
                    case (byte)'B': // BINBYTES
                        Push(ReadBytes(ReadLength(4)).ToArray());
                        break;
                    case (byte)'C': // SHORT_BINBYTES
                        Push(ReadBytes(ReadByte()).ToArray());
                        break;

                    case (byte)']': // EMPTY_LIST
                        Push(new List<object?>());
                        break;
                    case (byte)'l': // LIST
                        Push(PopToMark());
                        break;
                    case (byte)'a': // APPEND
                        var item = Pop();
                        TopList().Add(item);
                        break;
                    case (byte)'e': // APPENDS
                        var items = PopToMark();
                        TopList().AddRange(items);
                        break;
                    case (byte)')': // EMPTY_TUPLE
                        Push(Array.Empty<object?>());
                        break;
                    case (byte)'t': // TUPLE
                        Push(PopToMark().ToArray());
                        break;
                    case 0x85: // TUPLE1
                    case 0x86: // TUPLE2
                    case 0x87: // TUPLE3
                        Push(PopCount(opcode - 0x84));
                        break;
                    case (byte)'}': // EMPTY_DICT
                        Push(new Dictionary<object, object?>());
                        break;
                    case (byte)'d': // DICT
                        var dict = new Dictionary<object, object?>();
                        AddPairs(dict, PopToMark());
                        Push(dict);
                        break;
                    case (byte)'s': // SETITEM
                        var value = Pop();
                        var key = Pop();
                        AddPairs(TopDict(), [key, value]);
                        break;
                    case (byte)'u': // SETITEMS
                        var pairs = PopToMark();
                        AddPairs(TopDict(), pairs);
                        break;

                    default:
                        throw Unsupported(opcode);
                }
            }
        }

        private UserInputException Unsupported(byte opcode)
        {
            string? name = opcode switch
            {
                (byte)'P' => "PERSID",
                (byte)'Q' => "BINPERSID",
                (byte)'R' => "REDUCE",
                (byte)'b' => "BUILD",
                (byte)'c' => "GLOBAL",
                (byte)'i' => "INST",
                (byte)'o' => "OBJ",
                (byte)'0' => "POP",
                (byte)'1' => "POP_MARK",
                (byte)'2' => "DUP",
                0x81 => "NEWOBJ",
                0x82 => "EXT1",
                0x83 => "EXT2",
                0x84 => "EXT4",
                0x8e => "BINBYTES8",
                0x8f => "EMPTY_SET",
                0x90 => "ADDITEMS",
                0x91 => "FROZENSET",
                0x92 => "NEWOBJ_EX",
                0x93 => "STACK_GLOBAL",
                0x96 => "BYTEARRAY8",
                0x97 => "NEXT_BUFFER",
                0x98 => "READONLY_BUFFER",
                _ => null,
            };
            return name is null
                ? new UserInputException($"{source}: not a pickle this reader understands (unknown opcode 0x{opcode:x2} at byte {_opcodeStart}).")
                : new UserInputException($"{source}: unsupported pickle opcode {name} at byte {_opcodeStart}; only plain lists, tuples, dicts, "
                    + $"strings and numbers can be read (save the data without numpy or other Python objects).");
        }

        private UserInputException Malformed(string problem) =>
            new($"{source}: malformed pickle ({problem}, at byte {_opcodeStart}).");

        private UserInputException Truncated() =>
            new($"{source}: the pickle is truncated (the file ends at byte {data.Length} before the pickle does).");

        private byte ReadByte() => _position < data.Length ? data[_position++] : throw Truncated();

        private ReadOnlySpan<byte> ReadBytes(long count)
        {
            if (count < 0 || count > data.Length - _position)
                throw Truncated();
            var span = data.AsSpan(_position, (int)count);
            _position += (int)count;
            return span;
        }

        private long ReadLength(int width)
        {
            var bytes = ReadBytes(width);
            return width == 4
                ? BinaryPrimitives.ReadUInt32LittleEndian(bytes)
                : (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(bytes), long.MaxValue);
        }

        private ReadOnlySpan<byte> ReadLineBytes()
        {
            int end = Array.IndexOf(data, (byte)'\n', _position);
            if (end < 0)
                throw Truncated();
            var line = data.AsSpan(_position, end - _position);
            _position = end + 1;
            return line;
        }

        private string ReadLine() => Encoding.ASCII.GetString(ReadLineBytes()).TrimEnd('\r');

        private long ParseLong(string text) =>
            long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
                ? value
                : throw Malformed($"'{text}' is not an integer this reader can hold");

        private long LittleEndianSigned(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > 8)
                throw Malformed($"an integer of {bytes.Length} bytes is too large");
            if (bytes.Length == 0)
                return 0;
            long value = (sbyte)bytes[^1]; // the sign comes from the most significant byte
            for (int i = bytes.Length - 2; i >= 0; i--)
                value = (value << 8) | bytes[i];
            return value;
        }

        private string DecodeUtf8(ReadOnlySpan<byte> bytes)
        {
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw Malformed("a unicode string is not valid UTF-8");
            }
        }

        /// <summary>Undoes Python 2's repr of a byte string: 'text' or "text" with backslash escapes.</summary>
        private byte[] Unquote(string literal)
        {
            if (literal.Length < 2 || literal[0] != literal[^1] || literal[0] is not ('\'' or '"'))
                throw Malformed("STRING is not a quoted literal");
            var body = literal[1..^1];
            var bytes = new List<byte>(body.Length);
            for (int i = 0; i < body.Length; i++)
            {
                char c = body[i];
                if (c != '\\' || i + 1 == body.Length)
                {
                    bytes.Add((byte)c);
                    continue;
                }
                char e = body[++i];
                switch (e)
                {
                    case 'n': bytes.Add((byte)'\n'); break;
                    case 'r': bytes.Add((byte)'\r'); break;
                    case 't': bytes.Add((byte)'\t'); break;
                    case 'a': bytes.Add(7); break;
                    case 'b': bytes.Add(8); break;
                    case 'f': bytes.Add(12); break;
                    case 'v': bytes.Add(11); break;
                    case 'x' when IsHex(body, i + 1, 2):
                        bytes.Add(byte.Parse(body.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 2;
                        break;
                    case >= '0' and <= '7':
                        int value = 0, digits = 0;
                        while (digits < 3 && i < body.Length && body[i] is >= '0' and <= '7')
                        {
                            value = value * 8 + (body[i] - '0');
                            i++;
                            digits++;
                        }
                        i--;
                        bytes.Add((byte)value);
                        break;
                    default:
                        if (e is not ('\\' or '\'' or '"'))
                            bytes.Add((byte)'\\');
                        bytes.Add((byte)e);
                        break;
                }
            }
            return [.. bytes];
        }

        /// <summary>Python's raw-unicode-escape: latin-1 bytes, with \uXXXX and \UXXXXXXXX escapes.</summary>
        private static string RawUnicodeUnescape(ReadOnlySpan<byte> line)
        {
            var text = Encoding.Latin1.GetString(line);
            var result = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == 'u' && IsHex(text, i + 2, 4))
                {
                    result.Append((char)int.Parse(text.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 5;
                }
                else if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == 'U' && IsHex(text, i + 2, 8))
                {
                    result.Append(char.ConvertFromUtf32(int.Parse(text.AsSpan(i + 2, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                    i += 9;
                }
                else
                {
                    result.Append(text[i]);
                }
            }
            return result.ToString();
        }

        private static bool IsHex(string text, int start, int count) =>
            start + count <= text.Length && !text.AsSpan(start, count).ContainsAnyExcept("0123456789abcdefABCDEF");

        private void Push(object? value) => _stack.Add(value);

        private object? Top() => _stack.Count > 0 ? _stack[^1] : throw Malformed("the stack is empty");

        private object? Pop()
        {
            var value = Top();
            _stack.RemoveAt(_stack.Count - 1);
            if (_marks.Count > 0 && _marks.Peek() > _stack.Count)
                throw Malformed("an item was taken from below a MARK");
            return value;
        }

        private object?[] PopCount(int count)
        {
            if (_stack.Count < count)
                throw Malformed("the stack holds too few items");
            var items = _stack.GetRange(_stack.Count - count, count).ToArray();
            _stack.RemoveRange(_stack.Count - count, count);
            return items;
        }

        private List<object?> PopToMark()
        {
            if (_marks.Count == 0)
                throw Malformed("no MARK to collect items from");
            int mark = _marks.Pop();
            var items = _stack.GetRange(mark, _stack.Count - mark);
            _stack.RemoveRange(mark, _stack.Count - mark);
            return items;
        }

        private object? Recall(long index) =>
            _memo.TryGetValue(index, out var value) ? value : throw Malformed($"memo entry {index} was never stored");

        private List<object?> TopList() =>
            Top() as List<object?> ?? throw Malformed($"append to {Describe(Top())}, not a list");

        private Dictionary<object, object?> TopDict() =>
            Top() as Dictionary<object, object?> ?? throw Malformed($"set an item of {Describe(Top())}, not a dict");

        private void AddPairs(Dictionary<object, object?> dict, IReadOnlyList<object?> pairs)
        {
            if (pairs.Count % 2 != 0)
                throw Malformed("a dict was given an odd number of keys and values");
            for (int i = 0; i < pairs.Count; i += 2)
            {
                var key = pairs[i] switch
                {
                    null => throw Malformed("a dict key is None, which this reader does not hold"),
                    List<object?> or Dictionary<object, object?> => throw Malformed("a dict key is not hashable"),
                    var k => k,
                };
                dict[key] = pairs[i + 1];
            }
        }
    }
}
