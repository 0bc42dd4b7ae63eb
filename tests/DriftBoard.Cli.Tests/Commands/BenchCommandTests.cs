using System.Text.Json;
using DriftBoard.Cli.Benchmarks;
using DriftBoard.Cli.Tests.TestSupport;

namespace DriftBoard.Cli.Tests.Commands;

public sealed class BenchCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Bench_prints_its_table_and_machine_writes_json_and_cleans_up()
    {
        var work = _temp.Combine("work");
        var json = _temp.Combine("bench.json");

        var run = await CliRunner.RunAsync("bench", "--rows", "20000", "--runs", "1", "--work", work, "--json", json);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("driftboard bench: median of 1 run", run.Output);
        foreach (var name in new[] { ImportBenchmark.ParseName, ImportBenchmark.ImportName, ImportBenchmark.ImportPredictionsName,
                     ImportBenchmark.LoadOneName, ImportBenchmark.LoadAllName, "import › predictions", "import › training", "import › finishing" })
            Assert.Contains(run.Lines, line => line.StartsWith("│ " + name + " ", StringComparison.Ordinal));
        Assert.Contains(run.Lines, line => line.StartsWith($"Machine: {Environment.ProcessorCount} cores", StringComparison.Ordinal));
        Assert.Contains(run.Lines, line => line.StartsWith("Note: import/parse time ratio: ", StringComparison.Ordinal));
        Assert.Contains(run.Lines, line => line.StartsWith("Note: target ", StringComparison.Ordinal) && line.Contains("300,000", StringComparison.Ordinal));
        Assert.Contains(run.Lines, line => line.Contains("noisy", StringComparison.Ordinal));

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = document.RootElement;
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("machine").GetProperty("cores").GetInt32());
        var measurements = root.GetProperty("measurements").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        var predictions = long.Parse(root.GetProperty("setup").GetProperty("predictions").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        // 20,000 requested: 109 a day over the demo's 183 days.
        Assert.Equal(109 * 183, predictions);
        Assert.Equal(predictions, measurements[ImportBenchmark.ParseName].GetProperty("rows").GetInt64());
        var import = measurements[ImportBenchmark.ImportName];
        Assert.True(import.GetProperty("rows").GetInt64() > predictions);
        Assert.True(Assert.Single(import.GetProperty("runCpuSeconds").EnumerateArray()).GetDouble() > 0);
        Assert.Contains("CPU s", run.Output);
        foreach (var (name, m) in measurements)
        {
            // Page data loads are repeated within a run for their median and p95; everything else is one sample per run.
            var samples = m.GetProperty("runSeconds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(name.StartsWith("page data", StringComparison.Ordinal) ? ImportBenchmark.PageLoadRepeats : 1, samples.Length);
            Assert.All(samples, seconds => Assert.True(seconds >= 0));
            if (samples.Length == 1) Assert.Equal(samples[0], m.GetProperty("seconds").GetProperty("median").GetDouble());
        }

        Assert.Contains(ImportBenchmark.AnalyzeName, measurements.Keys);
        Assert.Contains(ImportBenchmark.ReanalyzeName, measurements.Keys);
        Assert.Contains(run.Lines, line => line.StartsWith("Note: page data: feature drill-down", StringComparison.Ordinal) && line.Contains("p95", StringComparison.Ordinal));
        // One month of about 3,300 rows out of the 19,947, loaded both ways.
        var month = measurements[ImportBenchmark.LoadOneName].GetProperty("rows").GetInt64();
        Assert.InRange(month, 28 * 109, 31 * 109);
        Assert.Equal(month, measurements[ImportBenchmark.LoadAllName].GetProperty("rows").GetInt64());

        // Without --keep the generated dataset and databases are gone; the folder given with --work stays.
        Assert.True(Directory.Exists(work));
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
    }

    [Fact]
    public async Task Bench_rejects_a_non_positive_row_count()
    {
        var run = await CliRunner.RunAsync("bench", "--rows", "0");

        Assert.NotEqual(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("--rows", run.Output);
    }

    public void Dispose() => _temp.Dispose();
}
