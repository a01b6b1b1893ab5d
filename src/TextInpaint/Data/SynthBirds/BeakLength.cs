namespace TextInpaint.Data.SynthBirds;

public enum BeakLength
{
    Short,
    Long,
}
