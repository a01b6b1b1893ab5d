using System.Buffers.Binary;
using System.Text;

namespace TextInpaint.Data.Pickle;

/// <summary>
/// Writes the small pickles of the AttnGAN layout (a list of keys, a list of class ids) in
/// pickle protocol 2, which Python 2 and 3 both read.
/// </summary>
public static class PickleWriter
{
    private const byte Proto = 0x80, EmptyList = (byte)']', Mark = (byte)'(', Appends = (byte)'e', Stop = (byte)'.';
    private const byte BinUnicode = (byte)'X', BinInt = (byte)'J';

    public static void WriteStrings(string path, IEnumerable<string> items) =>
        Write(path, items, static (stream, item) =>
        {
            var bytes = Encoding.UTF8.GetBytes(item);
            stream.WriteByte(BinUnicode);
            WriteInt32(stream, bytes.Length);
            stream.Write(bytes);
        });

    public static void WriteInts(string path, IEnumerable<int> items) =>
        Write(path, items, static (stream, item) =>
        {
            stream.WriteByte(BinInt);
            WriteInt32(stream, item);
        });

    private static void Write<T>(string path, IEnumerable<T> items, Action<Stream, T> writeItem) =>
        AtomicFile.Write(path, stream =>
        {
            stream.WriteByte(Proto);
            stream.WriteByte(2);
            stream.WriteByte(EmptyList);
            stream.WriteByte(Mark);
            foreach (var item in items)
                writeItem(stream, item);
            stream.WriteByte(Appends);
            stream.WriteByte(Stop);
        });

    private static void WriteInt32(Stream stream, int value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, value);
        stream.Write(buffer);
    }
}
