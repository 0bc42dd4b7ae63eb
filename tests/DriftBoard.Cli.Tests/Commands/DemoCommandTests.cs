using System.Security.Cryptography;
using DriftBoard.Cli.Tests.TestSupport;
using DriftBoard.Core.Demo;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Store;

namespace DriftBoard.Cli.Tests.Commands;

public sealed class DemoCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    // Small enough to write in well under a second: 183 days × 10 rows and 500 training rows.
    private static readonly string[] Small = ["--per-day", "10", "--training-rows", "500"];

    [Fact]
    public async Task The_same_seed_writes_identical_files_and_another_seed_does_not()
    {
        var first = await Demo("first", "--seed", "7");
        var second = await Demo("second", "--seed", "7");
        var other = await Demo("other", "--seed", "8");

        Assert.Equal(4, first.Count);
        Assert.Equal(first, second);
        Assert.NotEqual(first[DemoDatasetWriter.PredictionsFile], other[DemoDatasetWriter.PredictionsFile]);
        Assert.NotEqual(first[DemoDatasetWriter.TrainingFile], other[DemoDatasetWriter.TrainingFile]);
    }

    [Fact]
    public async Task Demo_prints_the_folder_and_a_summary_and_writes_the_requested_volume()
    {
        var folder = _temp.Combine("out");

        var run = await CliRunner.RunAsync(["demo", "--out", folder, .. Small]);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains($"Wrote the demo incident to {folder}", run.Output);
        var days = DemoSettings.Default.Days;
        Assert.Contains($"{days * 10:N0} predictions over {days} days", run.Output);
        Assert.Contains("500 training rows", run.Output);
        Assert.Contains($"driftboard import {folder}", run.LastLine);
        // Header plus one line per prediction.
        Assert.Equal(days * 10 + 1, File.ReadLines(Path.Combine(folder, DemoDatasetWriter.PredictionsFile)).Count());
    }

    [Fact]
    public async Task Demo_with_import_imports_the_folder_and_prints_the_id_last()
    {
        var folder = _temp.Combine("out");
        var database = _temp.Combine("db", "driftboard.db");

        var run = await CliRunner.RunAsync(["demo", "--out", folder, "--import", "--db", database, .. Small]);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var dataset = Assert.Single(new DatasetStore(new DriftBoardDatabase(database)).List());
        Assert.Equal(dataset.Id, run.LastLine);
        Assert.Equal(DemoSettings.Default.Days * 10, dataset.Rows);
        Assert.Equal(500, dataset.TrainingRows);

        // Again: refused without --replace, accepted with it.
        var again = await CliRunner.RunAsync(["demo", "--out", folder, "--import", "--db", database, .. Small]);
        Assert.Equal(ExitCodes.InvalidInput, again.ExitCode);
        var replaced = await CliRunner.RunAsync(["demo", "--out", folder, "--import", "--replace", "--db", database, .. Small]);
        Assert.True(replaced.ExitCode == ExitCodes.Ok, replaced.ToString());
        Assert.Single(new DatasetStore(new DriftBoardDatabase(database)).List());
    }

    [Fact]
    public async Task Demo_without_import_leaves_the_database_alone()
    {
        var database = _temp.Combine("driftboard.db");

        var run = await CliRunner.RunAsync(["demo", "--out", _temp.Combine("out"), "--db", database, .. Small]);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.False(File.Exists(database));
    }

    [Fact]
    public async Task A_settings_file_that_does_not_exist_exits_2_naming_it()
    {
        var missing = _temp.Combine("nope.yaml");

        var run = await CliRunner.RunAsync("demo", "--out", _temp.Combine("out"), "--settings", missing);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("nope.yaml", run.Output);
        Assert.False(Directory.Exists(_temp.Combine("out")));
    }

    [Fact]
    public async Task Settings_from_a_file_are_used_and_the_options_override_them()
    {
        var settings = _temp.Combine("small.yaml");
        await File.WriteAllTextAsync(settings, "days: 30\nper_day: 3\ntraining_rows: 40\nmodel: tiny-model\n");

        var run = await CliRunner.RunAsync("demo", "--out", _temp.Combine("out"), "--settings", settings, "--per-day", "4");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("120 predictions over 30 days", run.Output);
        Assert.Contains("40 training rows", run.Output);
        Assert.Contains("model: tiny-model", await File.ReadAllTextAsync(_temp.Combine("out", DemoDatasetWriter.ModelCardFile)));
    }

    [Theory]
    [InlineData("--per-day", "0")]
    [InlineData("--training-rows", "-1")]
    public async Task Invalid_volumes_are_rejected_before_anything_is_written(string option, string value)
    {
        var run = await CliRunner.RunAsync("demo", "--out", _temp.Combine("out"), option, value);

        Assert.NotEqual(ExitCodes.Ok, run.ExitCode);
        Assert.Contains(option, run.Output);
        Assert.False(Directory.Exists(_temp.Combine("out")));
    }

    private async Task<Dictionary<string, string>> Demo(string name, params string[] args)
    {
        var folder = _temp.Combine(name);
        var run = await CliRunner.RunAsync(["demo", "--out", folder, .. Small, .. args]);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        return Directory.EnumerateFiles(folder).ToDictionary(file => Path.GetFileName(file), file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))));
    }

    public void Dispose() => _temp.Dispose();
}
