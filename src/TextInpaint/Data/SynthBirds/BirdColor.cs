namespace TextInpaint.Data.SynthBirds;

/// <summary>The named colours a SynthBirds part can have, as in CUB's captions.</summary>
public enum BirdColor
{
    Red,
    Orange,
    Yellow,
    Green,
    Blue,
    Purple,
    Brown,
    Black,
    White,
    Grey,
}
