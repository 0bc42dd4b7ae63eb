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
/// Where the process's CPU time was taken too, it shows how much of the wall time was waiting for a busy machine:
/// on a shared machine, rows per CPU-second is the steadier figure.
/// </summary>
public sealed class Measurement(string name, string description, long rows, long bytes = 0)
{
    private readonly List<TimeSpan> _runs = [];
    private readonly List<TimeSpan> _cpu = [];

    public string Name { get; } = name;
    public string Description { get; } = description;
    public long Rows { get; private set; } = rows;
    public long Bytes { get; } = bytes;
    public IReadOnlyList<TimeSpan> Runs => _runs;

    public IReadOnlyList<TimeSpan> CpuRuns => _cpu;

    public void Add(TimeSpan elapsed) => _runs.Add(elapsed);

    public void Add(Timing timing)
    {
        _runs.Add(timing.Wall);
        _cpu.Add(timing.Cpu);
    }

    /// <summary>For work whose row count is only known after the first run (rows loaded for a month).</summary>
    public void SetRows(long rows) => Rows = rows;

    public Spread Seconds => Spread.Of(_runs.Select(r => r.TotalSeconds).ToArray());

    /// <summary>Process CPU seconds per run (all threads); null when not taken.</summary>
    public Spread? CpuSeconds => _cpu.Count > 0 ? Spread.Of(_cpu.Select(r => r.TotalSeconds).ToArray()) : null;

    /// <summary>Rows per CPU-second per run; null without CPU times or rows.</summary>
    public Spread? RowsPerCpuSecond => _cpu.Count > 0 && Rows > 0 ? Spread.Of(_cpu.Select(r => Rate(Rows, r)).ToArray()) : null;

    /// <summary>Rows per second per run; null when the measurement counts no rows.</summary>
    public Spread? RowsPerSecond => Rows > 0 ? Spread.Of(_runs.Select(r => Rate(Rows, r)).ToArray()) : null;

    /// <summary>Megabytes (10⁶ bytes) per second per run; null when the measurement reads no counted bytes.</summary>
    public Spread? MegabytesPerSecond => Bytes > 0 ? Spread.Of(_runs.Select(r => Rate(Bytes, r) / 1e6).ToArray()) : null;

    private static double Rate(long amount, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? amount / elapsed.TotalSeconds : double.PositiveInfinity;
}

/// <summary>Wall-clock and process CPU time of one piece of work.</summary>
public readonly record struct Timing(TimeSpan Wall, TimeSpan Cpu)
{
    public static Timing Of(Action action)
    {
        var cpu = CpuTime();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        action();
        var wall = clock.Elapsed;
        return new Timing(wall, CpuTime() - cpu);
    }

    private static TimeSpan CpuTime()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
