namespace TextInpaint.Data.SynthBirds;

public enum BirdSize
{
    Small,
    Medium,
    Large,
}
