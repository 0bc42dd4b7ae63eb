namespace DriftBoard.Cli.Benchmarks;

/// <summary>Median and range of one quantity over the runs. Empty input gives NaN for all three.</summary>
public sealed record Spread(double Median, double Min, double Max)
{
    public static Spread Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return new Spread(double.NaN, double.NaN, double.NaN);
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[^1]);
    }
}

/// <summary>
/// One named measurement: the same work (<see cref="Rows"/> rows, <see cref="Bytes"/> bytes of input; 0 when not meaningful)
/// timed once per run. Rates are computed per run, so their median and range are those of the runs, not of an average.
/// </summary>
public sealed class Measurement(string name, string description, long rows, long bytes = 0)
{
    private readonly List<TimeSpan> _runs = [];

    public string Name { get; } = name;
    public string Description { get; } = description;
    public long Rows { get; private set; } = rows;
    public long Bytes { get; } = bytes;
    public IReadOnlyList<TimeSpan> Runs => _runs;

    public void Add(TimeSpan elapsed) => _runs.Add(elapsed);

    /// <summary>For work whose row count is only known after the first run (rows loaded for a month).</summary>
    public void SetRows(long rows) => Rows = rows;

    public Spread Seconds => Spread.Of(_runs.Select(r => r.TotalSeconds).ToArray());

    /// <summary>Rows per second per run; null when the measurement counts no rows.</summary>
    public Spread? RowsPerSecond => Rows > 0 ? Spread.Of(_runs.Select(r => Rate(Rows, r)).ToArray()) : null;

    /// <summary>Megabytes (10⁶ bytes) per second per run; null when the measurement reads no counted bytes.</summary>
    public Spread? MegabytesPerSecond => Bytes > 0 ? Spread.Of(_runs.Select(r => Rate(Bytes, r) / 1e6).ToArray()) : null;

    private static double Rate(long amount, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? amount / elapsed.TotalSeconds : double.PositiveInfinity;
}
