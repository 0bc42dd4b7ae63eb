using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace DriftBoard.Cli.Benchmarks;

/// <summary>Where the figures were measured: they mean little without it.</summary>
public sealed record MachineInfo(int Cores, string OperatingSystem, string Runtime, string Architecture, string Configuration)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
#if DEBUG
        "Debug");
#else
        "Release");
#endif

    public override string ToString() => $"{Cores} cores, {OperatingSystem}, {Runtime} ({Architecture}), {Configuration} build";
}

/// <summary>A benchmark's figures: the machine, the input, the measurements in the order they were added, and notes to read them by.</summary>
public sealed class BenchmarkReport(MachineInfo machine, int runs, IReadOnlyDictionary<string, string> setup)
{
    private readonly List<Measurement> _measurements = [];
    private readonly List<string> _notes = [];

    public MachineInfo Machine { get; } = machine;
    public int Runs { get; } = runs;
    public IReadOnlyDictionary<string, string> Setup { get; } = setup;
    public IReadOnlyList<Measurement> Measurements => _measurements;
    public IReadOnlyList<string> Notes => _notes;

    public Measurement Add(Measurement measurement)
    {
        _measurements.Add(measurement);
        return measurement;
    }

    public Measurement? Find(string name) => _measurements.Find(m => m.Name == name);

    public void Note(string note) => _notes.Add(note);

    /// <summary>
    /// One row per measurement: the median over the runs, and the min–max range beneath it in grey. Rows per second are in
    /// thousands and CPU seconds a median alone so the table fits 80 columns (logs, CI); the JSON has the exact figures.
    /// </summary>
    public Table ToTable()
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"driftboard bench: median of {Runs} run{(Runs == 1 ? "" : "s")} (min–max)");
        table.AddColumn("Measure");
        table.AddColumn(new TableColumn("Rows").RightAligned());
        table.AddColumn(new TableColumn("Seconds").RightAligned());
        table.AddColumn(new TableColumn("CPU s").RightAligned());
        table.AddColumn(new TableColumn("k rows/s").RightAligned());
        table.AddColumn(new TableColumn("MB/s").RightAligned());
        foreach (var m in _measurements)
        {
            table.AddRow(
                Markup.Escape(m.Name),
                m.Rows > 0 ? m.Rows.ToString("N0", CultureInfo.InvariantCulture) : "",
                Cell(m.Seconds, 1, "N3"),
                // The median only: the CPU time varies much less than the wall time, and the table must fit 80 columns.
                m.CpuSeconds is { } cpu ? Markup.Escape(cpu.Median.ToString("N2", CultureInfo.InvariantCulture)) : "",
                m.RowsPerSecond is { } rows ? Cell(rows, 1e-3, "N0") : "",
                m.MegabytesPerSecond is { } mb ? Cell(mb, 1, "N0") : "");
        }
        return table;
    }

    private static string Cell(Spread s, double scale, string format)
    {
        string F(double value) => Markup.Escape((value * scale).ToString(format, CultureInfo.InvariantCulture));
        return s.Min == s.Max ? F(s.Median) : $"{F(s.Median)}\n[grey]{F(s.Min)}–{F(s.Max)}[/]";
    }

    public void Write(IAnsiConsole console)
    {
        console.Write(ToTable());
        foreach (var m in _measurements)
            if (m.Description.Length > 0) console.MarkupLineInterpolated($"[grey]{m.Name}: {m.Description}[/]");
        console.MarkupLineInterpolated($"Machine: {Machine}");
        foreach (var note in _notes) console.MarkupLineInterpolated($"Note: {note}");
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The figures as JSON: machine, setup, and per measurement the per-run seconds with median/min/max of seconds and rates.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        machine = Machine,
        runs = Runs,
        setup = Setup,
        measurements = _measurements.Select(m => new
        {
            name = m.Name,
            description = m.Description,
            rows = m.Rows,
            bytes = m.Bytes,
            runSeconds = m.Runs.Select(r => r.TotalSeconds).ToArray(),
            runCpuSeconds = m.CpuRuns.Select(r => r.TotalSeconds).ToArray(),
            seconds = m.Seconds,
            cpuSeconds = m.CpuSeconds,
            rowsPerCpuSecond = m.RowsPerCpuSecond,
            rowsPerSecond = m.RowsPerSecond,
            megabytesPerSecond = m.MegabytesPerSecond,
        }),
        notes = _notes,
    }, JsonOptions);
}
