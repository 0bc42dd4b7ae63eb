using System.Text.Json;
using DriftBoard.Cli.Benchmarks;
using DriftBoard.Cli.Tests.TestSupport;
using DriftBoard.Core.Demo;

namespace DriftBoard.Cli.Tests.Commands;

public sealed class BenchScalingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Scaling_runs_every_size_and_feature_count_and_reports_growth_ratios()
    {
        var work = _temp.Combine("work");
        var json = _temp.Combine("scaling.json");

        var run = await CliRunner.RunAsync("bench", "--scaling", "8k,16k", "--features", "4,12", "--runs", "1", "--work", work, "--json", json);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("driftboard bench --scaling: median of 1 run per point", run.Output);
        Assert.Contains(run.Lines, line => line.StartsWith("Note: rows ×2.0", StringComparison.Ordinal) && line.Contains("peak memory", StringComparison.Ordinal));
        Assert.Contains(run.Lines, line => line.StartsWith("Note: features ×3.0", StringComparison.Ordinal));

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var points = document.RootElement.GetProperty("points").EnumerateArray().ToList();
        // 8k × 4 features, 8k × 12, 16k × 12: smallest first.
        Assert.Equal([(8_000L, 4), (8_000L, 12), (16_000L, 12)],
            points.Select(p => (p.GetProperty("point").GetProperty("predictions").GetInt64(), p.GetProperty("point").GetProperty("features").GetInt32())));
        foreach (var point in points)
        {
            Assert.True(point.GetProperty("wholeRunSeconds").GetDouble() > 0);
            Assert.Equal(point.GetProperty("importSeconds").GetDouble() + point.GetProperty("analysisSeconds").GetDouble(),
                point.GetProperty("wholeRunSeconds").GetDouble(), 9);
            Assert.True(point.GetProperty("peakMiB").GetDouble() > 10);
            Assert.Equal(JsonValueKind.Null, point.GetProperty("notebookSeconds").ValueKind);
        }

        Assert.True(points[2].GetProperty("rows").GetInt64() > points[1].GetProperty("rows").GetInt64());
        Assert.Empty(Directory.EnumerateDirectories(work, "scaling-*"));
    }

    [Theory]
    [InlineData("--scaling", "abc")]
    [InlineData("--scaling", "1M,-3")]
    [InlineData("--features", "0")]
    public async Task Scaling_rejects_malformed_sizes_and_feature_counts(string option, string value)
    {
        var run = await CliRunner.RunAsync("bench", option, value);

        Assert.NotEqual(ExitCodes.Ok, run.ExitCode);
        Assert.Contains(option, run.Output);
    }

    [Fact]
    public void Sizes_take_k_and_M_suffixes()
    {
        Assert.True(ScalingBenchmark.TryParseSizes("1M, 3M,10M", out var sizes));
        Assert.Equal([1_000_000L, 3_000_000, 10_000_000], sizes);
        Assert.True(ScalingBenchmark.TryParseSizes("200k,2.5M,500", out sizes));
        Assert.Equal([200_000L, 2_500_000, 500], sizes);
        Assert.False(ScalingBenchmark.TryParseSizes("", out _));
        Assert.False(ScalingBenchmark.TryParseSizes("3X", out _));
    }

    [Fact]
    public void Fewer_features_keep_the_incident_feature_and_drop_the_drift_of_the_others()
    {
        var demo = DemoSettings.Default;
        var narrow = ScalingBenchmark.WithFeatures(demo, 3);

        Assert.Equal(3, narrow.Features.Count);
        Assert.Contains(narrow.Features, f => f.Name == demo.Incident.Feature);
        Assert.All(narrow.BenignDrift, d => Assert.Contains(narrow.Features, f => f.Name == d.Feature));
        Assert.Same(demo, ScalingBenchmark.WithFeatures(demo, demo.Features.Count));
    }

    [Fact]
    public void The_notebook_baseline_script_is_found_from_the_build_output()
    {
        var script = NotebookBaseline.FindScript(AppContext.BaseDirectory);

        Assert.NotNull(script);
        Assert.Contains("ks_2samp", File.ReadAllText(script));
    }

    public void Dispose() => _temp.Dispose();
}
