namespace TextInpaint.Data;

public enum Split
{
    Train,
    Test,
}
