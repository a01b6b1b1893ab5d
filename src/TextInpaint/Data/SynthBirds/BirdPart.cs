namespace TextInpaint.Data.SynthBirds;

/// <summary>
/// The label of a pixel in a SynthBirds part map. 0 is everything that is not the bird
/// (background and branch). Wing markings have their own label so that the wing's own pixels
/// keep the wing colour alone.
/// </summary>
public enum BirdPart : byte
{
    None = 0,
    Body = 1,
    Head = 2,
    Belly = 3,
    Crown = 4,
    Wing = 5,
    WingPattern = 6,
    Tail = 7,
    Beak = 8,
    Eye = 9,
    EyeRing = 10,
    Legs = 11,
}
