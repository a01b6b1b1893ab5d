using System.Buffers.Binary;
using Razorvine.Pickle;

namespace TextInpaint.Data.Pickle;

/// <summary>
/// Walks a pickle's opcodes before anything is unpickled and refuses every one that is not plain
/// data: only None, booleans, numbers, strings, bytes, lists, tuples and dicts, with the memo and
/// the framing around them, may appear. GLOBAL, REDUCE, BUILD and every other opcode that names
/// or calls a Python object never reach the unpickler, so no object but those is ever built.
/// </summary>
internal static class PlainPickle
{
    private const int HighestProtocol = 5;

    /// <summary>How an opcode's argument follows it: nothing, a fixed number of bytes, a line, or a count and that many bytes.</summary>
    private enum Argument { None, Fixed1, Fixed2, Fixed4, Fixed8, Line, Counted1, Counted4, Counted8 }

    private static readonly Dictionary<byte, Argument> Allowed = new()
    {
        [Opcodes.PROTO] = Argument.Fixed1, [Opcodes.FRAME] = Argument.Fixed8, [Opcodes.STOP] = Argument.None, [Opcodes.MARK] = Argument.None,
        [Opcodes.PUT] = Argument.Line, [Opcodes.BINPUT] = Argument.Fixed1, [Opcodes.LONG_BINPUT] = Argument.Fixed4, [Opcodes.MEMOIZE] = Argument.None,
        [Opcodes.GET] = Argument.Line, [Opcodes.BINGET] = Argument.Fixed1, [Opcodes.LONG_BINGET] = Argument.Fixed4,
        [Opcodes.NONE] = Argument.None, [Opcodes.NEWTRUE] = Argument.None, [Opcodes.NEWFALSE] = Argument.None,
        [Opcodes.INT] = Argument.Line, [Opcodes.LONG] = Argument.Line, [Opcodes.BININT] = Argument.Fixed4, [Opcodes.BININT1] = Argument.Fixed1,
        [Opcodes.BININT2] = Argument.Fixed2, [Opcodes.LONG1] = Argument.Counted1, [Opcodes.LONG4] = Argument.Counted4,
        [Opcodes.FLOAT] = Argument.Line, [Opcodes.BINFLOAT] = Argument.Fixed8,
        [Opcodes.STRING] = Argument.Line, [Opcodes.BINSTRING] = Argument.Counted4, [Opcodes.SHORT_BINSTRING] = Argument.Counted1,
        [Opcodes.UNICODE] = Argument.Line, [Opcodes.BINUNICODE] = Argument.Counted4, [Opcodes.SHORT_BINUNICODE] = Argument.Counted1,
        [Opcodes.BINUNICODE8] = Argument.Counted8, [Opcodes.BINBYTES] = Argument.Counted4, [Opcodes.SHORT_BINBYTES] = Argument.Counted1,
        [Opcodes.EMPTY_LIST] = Argument.None, [Opcodes.LIST] = Argument.None, [Opcodes.APPEND] = Argument.None, [Opcodes.APPENDS] = Argument.None,
        [Opcodes.EMPTY_TUPLE] = Argument.None, [Opcodes.TUPLE] = Argument.None, [Opcodes.TUPLE1] = Argument.None,
        [Opcodes.TUPLE2] = Argument.None, [Opcodes.TUPLE3] = Argument.None,
        [Opcodes.EMPTY_DICT] = Argument.None, [Opcodes.DICT] = Argument.None, [Opcodes.SETITEM] = Argument.None, [Opcodes.SETITEMS] = Argument.None,
    };

    /// <summary>Every opcode's name, from Razorvine's table, for messages.</summary>
    private static readonly Dictionary<byte, string> Names = typeof(Opcodes).GetFields()
        .Where(f => f.FieldType == typeof(byte)).ToDictionary(f => (byte)f.GetRawConstantValue()!, f => f.Name);

    /// <summary>
    /// Refuses, in one line naming <paramref name="source"/>, a pickle that is empty, cut short,
    /// newer than protocol 5 or uses an opcode beyond plain data. Answers whether it holds Python 2
    /// byte strings (STRING, BINSTRING, SHORT_BINSTRING).
    /// </summary>
    public static bool Check(byte[] data, string source)
    {
        if (data.Length == 0)
            throw new UserInputException($"{source}: the file is empty, not a pickle.");
        bool byteStrings = false;
        int position = 0;
        while (true)
        {
            int start = position;
            byte opcode = Take(1)[0];
            if (!Allowed.TryGetValue(opcode, out var argument))
                throw Names.TryGetValue(opcode, out var name)
                    ? new UserInputException($"{source}: unsupported pickle opcode {name} at byte {start}; only plain lists, tuples, dicts, "
                        + "strings and numbers can be read (save the data without numpy or other Python objects).")
                    : new UserInputException($"{source}: not a pickle this reader understands (unknown opcode 0x{opcode:x2} at byte {start}).");
            if (opcode == Opcodes.STOP)
                return byteStrings;
            byteStrings |= opcode is Opcodes.STRING or Opcodes.BINSTRING or Opcodes.SHORT_BINSTRING;
            var argumentBytes = argument switch
            {
                Argument.Fixed1 => Take(1),
                Argument.Fixed2 => Take(2),
                Argument.Fixed4 => Take(4),
                Argument.Fixed8 => Take(8),
                Argument.Line => Take(LineLength()),
                Argument.Counted1 => Take(Take(1)[0]),
                Argument.Counted4 => Take(BinaryPrimitives.ReadUInt32LittleEndian(Take(4))),
                Argument.Counted8 => Take(BinaryPrimitives.ReadUInt64LittleEndian(Take(8))),
                _ => [],
            };
            if (opcode == Opcodes.PROTO && argumentBytes[0] > HighestProtocol)
                throw new UserInputException($"{source}: pickle protocol {argumentBytes[0]} is newer than the highest known ({HighestProtocol}).");
        }

        // The next count bytes, or the truncation's message when the file ends before them.
        ReadOnlySpan<byte> Take(ulong count)
        {
            if (count > (ulong)(data.Length - position))
                throw new UserInputException($"{source}: the pickle is truncated (the file ends at byte {data.Length} before the pickle does).");
            var bytes = data.AsSpan(position, (int)count);
            position += (int)count;
            return bytes;
        }

        // A line's length with its newline.
        ulong LineLength()
        {
            int end = Array.IndexOf(data, (byte)'\n', position);
            return end < 0 ? ulong.MaxValue : (ulong)(end - position + 1);
        }
    }
}
