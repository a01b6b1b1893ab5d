using TextInpaint.Data;
using TextInpaint.Storage;

namespace TextInpaint.Evaluation;

/// <param name="Output">Folder for damsm-eval.md and word-attention.png (default: the DAMSM folder's eval/).</param>
/// <param name="Overwrite">Write into the output folder even when it holds files an earlier eval-damsm did not write (see <see cref="OutputFolder"/>).</param>
public sealed record DamsmReportOptions(string Model, string Data, string DataKind = DatasetLoader.Auto, int Draws = 10, int Seed = 0, string Device = "cpu",
    string? Output = null, bool Overwrite = false)
{
    /// <summary>The folder the report goes to.</summary>
    public string OutputFolder => Output ?? Path.Combine(Model, RunLayout.EvalFolder);
}
