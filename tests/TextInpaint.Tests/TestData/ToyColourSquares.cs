using TextInpaint.Imaging;

namespace TextInpaint.Tests.TestData;

/// <summary>
/// A tiny captioned data set in the plain-folder layout (train/ and test/ subfolders): each
/// image is a coloured square on a background of another colour, and its captions name both.
/// </summary>
public static class ToyColourSquares
{
    public static readonly (string Name, byte R, byte G, byte B)[] Colours =
        [("red", 220, 30, 30), ("green", 30, 200, 40), ("blue", 30, 60, 220), ("yellow", 230, 220, 30)];

    public static void Write(string root, int trainCount, int testCount, int size = 32, int seed = 1)
    {
        var random = new Random(seed);
        WriteSplit(Path.Combine(root, "train"), trainCount, size, random);
        WriteSplit(Path.Combine(root, "test"), testCount, size, random);
    }

    private static void WriteSplit(string folder, int count, int size, Random random)
    {
        Directory.CreateDirectory(folder);
        for (int i = 0; i < count; i++)
        {
            int square = random.Next(Colours.Length), background = (square + 1 + random.Next(Colours.Length - 1)) % Colours.Length;
            var image = new RgbImage(size, size);
            int lo = size / 4, hi = 3 * size / 4;
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                {
                    var c = x >= lo && x < hi && y >= lo && y < hi ? Colours[square] : Colours[background];
                    image[x, y] = (c.R, c.G, c.B);
                }
            var name = $"toy_{i:D4}";
            ImageFiles.SavePng(image, Path.Combine(folder, name + ".png"));
            File.WriteAllLines(Path.Combine(folder, name + ".txt"),
            [
                $"a {Colours[square].Name} square on a {Colours[background].Name} background",
                $"the background is {Colours[background].Name} and the square is {Colours[square].Name}",
            ]);
        }
    }
}
