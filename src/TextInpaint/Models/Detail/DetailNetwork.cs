namespace TextInpaint.Models.Detail;

/// <summary>
/// The detail generator's sizes (<see cref="DetailGenerator"/>): channels at full, half and quarter
/// resolution, and the dilated residual blocks at quarter resolution. The defaults keep a
/// 256x256 window well within the fill's time on two CPU cores (docs/method.md section 13).
/// </summary>
public sealed record DetailNetwork(int FullWidth = 16, int HalfWidth = 32, int QuarterWidth = 64, int ResidualBlocks = 4)
{
    /// <summary>The generator halves the size twice: a window's side must be a multiple of this.</summary>
    public const int Stride = 4;

    /// <summary>The dilation of residual block <paramref name="block"/>: 1, 2, 4, 8, then again from 1.</summary>
    public static int DilationOf(int block) => 1 << (block % 4);
}
