namespace TextInpaint.Data.SynthBirds;

public enum WingPattern
{
    Solid,
    Bars,
    Spots,
}
