using System.Globalization;
using System.Text;

namespace TextInpaint.Storage;

/// <summary>
/// The figures of a run, one CSV row per logged step (<c>step</c> first, then named values such
/// as <c>gen_l1</c> or <c>discr_adv</c>). Resuming from a checkpoint drops the rows logged
/// after it, so the log always matches the weights.
/// </summary>
public sealed class MetricsLog
{
    /// <summary>The log's name in a model or DAMSM folder.</summary>
    public const string FileName = RunLayout.MetricsFile;

    private readonly string path;
    private readonly List<string> columns = [];
    private readonly List<(long Step, Dictionary<string, double> Values)> rows = [];

    public MetricsLog(string path, long resumeFromStep = long.MaxValue) : this(path, path, resumeFromStep)
    {
    }

    /// <summary>
    /// A log saved to <paramref name="path"/> that starts with the rows of <paramref name="readFrom"/> up to
    /// <paramref name="resumeFromStep"/>.
    /// </summary>
    public MetricsLog(string path, string readFrom, long resumeFromStep)
    {
        this.path = path;
        if (File.Exists(readFrom))
            Read(readFrom, resumeFromStep);
    }

    public IReadOnlyList<string> Columns => columns;

    public IReadOnlyList<(long Step, Dictionary<string, double> Values)> Rows => rows;

    public void Append(long step, IReadOnlyDictionary<string, double> values)
    {
        foreach (var name in values.Keys)
            if (!columns.Contains(name))
                columns.Add(name);
        rows.Add((step, new Dictionary<string, double>(values)));
    }

    /// <summary>Series of one column: (step, value) for the rows that have it.</summary>
    public IEnumerable<(long Step, double Value)> Series(string column) =>
        rows.Where(r => r.Values.ContainsKey(column)).Select(r => (r.Step, r.Values[column]));

    public void Save() => SaveTo(path);

    /// <summary>Writes the log to <paramref name="file"/> (a checkpoint's own copy).</summary>
    public void SaveTo(string file)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', columns.Prepend("step")));
        foreach (var (step, values) in rows)
        {
            text.Append(step.ToString(CultureInfo.InvariantCulture));
            foreach (var column in columns)
                text.Append(',').Append(values.TryGetValue(column, out var v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "");
            text.AppendLine();
        }
        AtomicFile.WriteAllText(file, text.ToString());
    }

    private void Read(string file, long resumeFromStep)
    {
        var lines = UserFiles.ReadAllLines(file, "metrics log");
        if (lines.Length == 0) return;
        var header = lines[0].Split(',');
        if (header[0] != "step")
            throw new UserInputException($"{file}: not a metrics log (its first column is '{header[0]}', expected 'step').");
        columns.AddRange(header.Skip(1));
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split(',');
            if (!long.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var step))
                throw new UserInputException($"{file}: row '{line}' does not start with a step number.");
            if (step > resumeFromStep) continue;
            var values = new Dictionary<string, double>();
            for (int c = 1; c < cells.Length && c < header.Length; c++)
                if (double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                    values[header[c]] = v;
            rows.Add((step, values));
        }
    }
}
