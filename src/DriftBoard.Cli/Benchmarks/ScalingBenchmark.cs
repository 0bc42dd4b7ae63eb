using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Demo;
using DriftBoard.Storage;
using DriftBoard.Storage.Analysis;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Store;

namespace DriftBoard.Cli.Benchmarks;

/// <summary>One dataset size of a scaling run: predictions and declared features.</summary>
public sealed record ScalingPoint(long Predictions, int Features);

/// <summary>The figures of one point (medians over the runs) and, when measured, the notebook baseline on the same files.</summary>
/// <param name="Rows">Prediction rows generated.</param>
/// <param name="WholeRunSeconds">Import plus the first analysis (weekly windows, training reference).</param>
/// <param name="ReanalysisSeconds">A second analysis with monthly windows on the same import (no re-import).</param>
/// <param name="PeakMiB">Peak working set of the process while importing and analysing this point (reset before it).</param>
/// <param name="CpuSeconds">Process CPU time of the import, the analysis and the re-analysis (the machine is shared: CPU time is steadier than wall time).</param>
/// <param name="NotebookSeconds">The pandas + scipy script on the same files; null when not run.</param>
public sealed record ScalingResult(
    ScalingPoint Point, long Rows, long CsvBytes, double ImportSeconds, double AnalysisSeconds, double WholeRunSeconds, double ReanalysisSeconds,
    PhaseCpu CpuSeconds, double PeakMiB, bool PeakIsPerPoint, double? NotebookSeconds);

/// <summary>CPU seconds of each phase of a whole run.</summary>
public sealed record PhaseCpu(double Import, double Analysis, double Reanalysis);

/// <summary>
/// Time and memory of the whole run (import + analysis) at several sizes, to show how they grow with rows and with features.
/// Every point gets a freshly generated demo dataset (the demo's incident, scaled) and a fresh database; sizes are run in
/// ascending order. The peak working set is reset before each point on Linux (<c>/proc/self/clear_refs</c>), so it is the
/// point's own; elsewhere it is cumulative and says so.
/// </summary>
public static class ScalingBenchmark
{
    /// <summary>Parses "1M,3M,10M", "200k" or "20000" (k = 1,000, M = 1,000,000) into positive row counts.</summary>
    public static bool TryParseSizes(string? text, out long[] sizes)
    {
        sizes = [];
        if (string.IsNullOrWhiteSpace(text)) return false;
        var list = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var multiplier = part[^1] switch { 'k' or 'K' => 1_000L, 'm' or 'M' => 1_000_000L, _ => 1L };
            var digits = multiplier == 1 ? part : part[..^1];
            if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value * multiplier >= 1)) return false;
            list.Add((long)Math.Round(value * multiplier));
        }

        sizes = [.. list];
        return sizes.Length > 0;
    }

    /// <summary>
    /// The demo's settings with <paramref name="features"/> declared features: the incident's feature first kept, then the
    /// others in the demo's order; drift of features dropped is dropped with them.
    /// </summary>
    public static DemoSettings WithFeatures(DemoSettings demo, int features)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        if (features >= demo.Features.Count) return demo;
        var keep = demo.Features.Where(f => f.Name == demo.Incident.Feature).ToList();
        foreach (var feature in demo.Features)
        {
            if (keep.Count >= features) break;
            if (!keep.Contains(feature)) keep.Add(feature);
        }

        var ordered = demo.Features.Where(keep.Contains).ToList();
        var names = ordered.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return demo with { Features = ordered, BenignDrift = [.. demo.BenignDrift.Where(d => names.Contains(d.Feature))] };
    }

    /// <summary>
    /// Runs every point <paramref name="runs"/> times (datasets in <paramref name="work"/>, deleted after their point) and
    /// returns the medians. <paramref name="notebook"/>: the baseline script's runner, or null to skip it.
    /// </summary>
    public static IReadOnlyList<ScalingResult> Run(DemoSettings demo, IReadOnlyList<ScalingPoint> points, int runs, string work,
        NotebookBaseline? notebook, Action<string> log, CancellationToken ct)
    {
        var results = new List<ScalingResult>();
        foreach (var point in points.OrderBy(p => p.Predictions).ThenBy(p => p.Features))
        {
            var folder = Path.Combine(work, $"scaling-{point.Predictions}-{point.Features}");
            var settings = ImportBenchmark.Scale(WithFeatures(demo, point.Features), point.Predictions);
            log($"generating {point.Predictions:N0} predictions × {point.Features} features…");
            var dataset = ImportBenchmark.Generate(folder, settings);
            try
            {
                var imports = new List<double>();
                var analyses = new List<double>();
                var reanalyses = new List<double>();
                var cpu = new List<PhaseCpu>();
                var peaks = new List<double>();
                var perPoint = true;
                for (var run = 1; run <= runs; run++)
                {
                    log($"  run {run}/{runs}");
                    var m = WholeRun(dataset, Path.Combine(work, $"scaling-{run}.db"), ct);
                    imports.Add(m.Import);
                    analyses.Add(m.Analysis);
                    reanalyses.Add(m.Reanalysis);
                    cpu.Add(m.Cpu);
                    peaks.Add(m.PeakMiB);
                    perPoint &= m.PeakIsPerPoint;
                }

                double? notebookSeconds = null;
                if (notebook is not null && point.Predictions <= NotebookBaseline.MaxRows)
                {
                    log("  notebook baseline…");
                    notebookSeconds = notebook.Run(folder, ct);
                }

                var whole = imports.Zip(analyses, (i, a) => i + a).ToList();
                results.Add(new ScalingResult(point, dataset.Summary.PredictionRows, dataset.PredictionsBytes, Median(imports), Median(analyses),
                    Median(whole), Median(reanalyses),
                    new PhaseCpu(Median([.. cpu.Select(c => c.Import)]), Median([.. cpu.Select(c => c.Analysis)]), Median([.. cpu.Select(c => c.Reanalysis)])),
                    Median(peaks), perPoint, notebookSeconds));
            }
            finally
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
        }

        return results;
    }

    private static (double Import, double Analysis, double Reanalysis, PhaseCpu Cpu, double PeakMiB, bool PeakIsPerPoint) WholeRun(
        BenchmarkDataset dataset, string databasePath, CancellationToken ct)
    {
        DeleteDatabase(databasePath);
        Settle();
        var perPoint = PeakMemory.Reset();
        var process = Process.GetCurrentProcess();
        var cpuMarks = new List<TimeSpan> { process.TotalProcessorTime };
        void Mark()
        {
            process.Refresh();
            cpuMarks.Add(process.TotalProcessorTime);
        }

        try
        {
            var database = new DriftBoardDatabase(databasePath);
            var clock = Stopwatch.StartNew();
            var result = new DatasetImporter(database).Import(dataset.Folder, new ImportOptions(), null, ct);
            var import = clock.Elapsed.TotalSeconds;
            Mark();
            var analyzer = new DatasetAnalyzer(new DatasetStore(database));
            clock.Restart();
            analyzer.AnalyzeAsync(result.DatasetId, new DiagnosisOptions(), null, ct).GetAwaiter().GetResult();
            var analysis = clock.Elapsed.TotalSeconds;
            Mark();
            clock.Restart();
            analyzer.AnalyzeAsync(result.DatasetId, new DiagnosisOptions { Window = WindowSize.Month }, null, ct).GetAwaiter().GetResult();
            var reanalysis = clock.Elapsed.TotalSeconds;
            Mark();
            var cpu = new PhaseCpu((cpuMarks[1] - cpuMarks[0]).TotalSeconds, (cpuMarks[2] - cpuMarks[1]).TotalSeconds, (cpuMarks[3] - cpuMarks[2]).TotalSeconds);
            return (import, analysis, reanalysis, cpu, PeakMemory.PeakMiB(), perPoint);
        }
        finally
        {
            DeleteDatabase(databasePath);
        }
    }

    /// <summary>Notes on linear growth: time and peak per million rows at each size against the smallest, and per feature.</summary>
    public static IEnumerable<string> GrowthNotes(IReadOnlyList<ScalingResult> results)
    {
        var maxFeatures = results.Max(r => r.Point.Features);
        var bySize = results.Where(r => r.Point.Features == maxFeatures).OrderBy(r => r.Rows).ToList();
        if (bySize.Count >= 2)
        {
            var first = bySize[0];
            foreach (var r in bySize.Skip(1))
            {
                var rows = (double)r.Rows / first.Rows;
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"rows ×{rows:0.0} ({first.Rows:N0} → {r.Rows:N0}): whole run ×{r.WholeRunSeconds / first.WholeRunSeconds:0.00}, " +
                    $"peak memory ×{r.PeakMiB / first.PeakMiB:0.00} (linear would be ×{rows:0.0}; below it, fixed costs and the bounded row sample weigh less at size)");
            }
        }

        foreach (var group in results.GroupBy(r => r.Rows).Where(g => g.Count() >= 2))
        {
            var sorted = group.OrderBy(r => r.Point.Features).ToList();
            var (low, high) = (sorted[0], sorted[^1]);
            yield return string.Create(CultureInfo.InvariantCulture,
                $"features ×{(double)high.Point.Features / low.Point.Features:0.0} at {group.Key:N0} rows ({low.Point.Features} → {high.Point.Features}): " +
                $"whole run ×{high.WholeRunSeconds / low.WholeRunSeconds:0.00}, peak memory ×{high.PeakMiB / low.PeakMiB:0.00}");
        }

        foreach (var r in results.Where(r => r.NotebookSeconds is > 0))
            yield return string.Create(CultureInfo.InvariantCulture,
                $"notebook baseline at {r.Rows:N0} rows × {r.Point.Features} features: {r.NotebookSeconds:0.0} s; DriftBoard's whole run takes " +
                $"{r.WholeRunSeconds / r.NotebookSeconds!.Value:0.00}× its time (target ≤ 0.33)");
    }

    public static string ToJson(IReadOnlyList<ScalingResult> results, MachineInfo machine, int runs) =>
        JsonSerializer.Serialize(new { machine, runs, points = results }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static void Settle()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static void DeleteDatabase(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(path + suffix);
    }
}

/// <summary>The process's peak resident memory, resettable on Linux.</summary>
public static class PeakMemory
{
    /// <summary>Resets the kernel's peak-RSS mark to the current RSS (Linux ≥ 4.0); false where that is not possible.</summary>
    public static bool Reset()
    {
        try
        {
            if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/clear_refs")) return false;
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static double PeakMiB()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024);
    }
}

/// <summary>
/// The notebook a data scientist would write instead (bench/notebook_baseline.py: pandas read_csv, scipy's ks_2samp and a
/// numpy PSI per feature per week, recall per week), run with a Python that has pandas and scipy.
/// </summary>
public sealed class NotebookBaseline(string python, string script)
{
    /// <summary>Debian's system Python (pandas 1.5, scipy 1.10 from the OS packages), not a pyenv shim first on PATH.</summary>
    public const string DefaultPython = "/usr/bin/python3";

    /// <summary>
    /// Points above this many predictions skip the baseline: the comparison is at 3 million rows, and pandas holds
    /// every column as objects or float64 (several GB at 10 million rows on a machine others share).
    /// </summary>
    public const long MaxRows = 3_000_000;

    public string Python { get; } = python;
    public string Script { get; } = script;

    /// <summary>The script beside the repository's <c>bench</c> folder above <paramref name="start"/>, or null.</summary>
    public static string? FindScript(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "notebook_baseline.py");
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    /// <summary>Runs the script on a dataset folder; its wall time in seconds.</summary>
    /// <exception cref="InvalidOperationException">The script failed.</exception>
    public double Run(string folder, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(folder);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        process.WaitForExitAsync(ct).GetAwaiter().GetResult();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"the notebook baseline failed ({process.ExitCode}): {stderr.GetAwaiter().GetResult()}");
        GC.KeepAlive(stdout);
        return seconds;
    }
}
