using Razorvine.Pickle;

namespace TextInpaint.Data.Pickle;

/// <summary>
/// Writes the small pickles of the AttnGAN layout (a list of keys, a list of class ids) with
/// Razorvine.Pickle, in pickle protocol 2, which Python 2 and 3 both read.
/// </summary>
public static class PickleWriter
{
    public static void WriteStrings(string path, IEnumerable<string> items) => Write(path, items.ToList());

    public static void WriteInts(string path, IEnumerable<int> items) => Write(path, items.ToList());

    /// <summary>A .NET list pickles as a Python list (an array would be a tuple, or an <c>array.array</c> of numbers).</summary>
    private static void Write<T>(string path, List<T> items)
    {
        using var pickler = new Pickler(useMemo: false);
        AtomicFile.WriteAllBytes(path, pickler.dumps(items));
    }
}
