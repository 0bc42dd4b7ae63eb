using System.Text.Json;
using DriftBoard.Cli.Tests.TestSupport;
using DriftBoard.Core.Demo;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Postgres;
using DriftBoard.Storage.Store;

namespace DriftBoard.Cli.Tests.Commands;

/// <summary>
/// `driftboard analyze` end to end on a generated incident nobody tuned for: random feature names and start date, a unit
/// change. Imports the folder, diagnoses it, writes JSON and Markdown, and gives the same bytes the second time.
/// </summary>
[Collection(PostgresTests.Collection)]
public sealed class AnalyzeCommandTests : IClassFixture<AnalyzeCommandTests.UnitChangeIncident>
{
    private readonly UnitChangeIncident _incident;

    public AnalyzeCommandTests(UnitChangeIncident incident) => _incident = incident;

    public sealed class UnitChangeIncident : IDisposable
    {
        public TempFolder Temp { get; } = new();
        public DemoSettings Settings { get; }
        public string Folder { get; }
        public string Database { get; }
        public CliRun FirstRun { get; }
        public string Json { get; }

        public UnitChangeIncident()
        {
            Settings = DemoScenarios.Create(IncidentKind.UnitChange, seed: 41,
                new DemoScenarioOptions(PerDay: 2000, Days: 150, RandomizeNames: true, RandomizeStart: true, TrainingRows: 30_000));
            Folder = Temp.Combine("incident");
            DemoDatasetWriter.Write(Folder, Settings);
            Database = Temp.Combine("analyze.db");
            var json = Temp.Combine("first.json");
            FirstRun = CliRunner.RunAsync("analyze", Folder, "--db", Database, "--json", json, "--markdown", Temp.Combine("report.md"))
                .GetAwaiter().GetResult();
            Json = File.Exists(json) ? File.ReadAllText(json) : "";
        }

        public void Dispose() => Temp.Dispose();
    }

    [Fact]
    public void A_folder_is_imported_then_diagnosed_with_the_planted_cause_feature_and_start()
    {
        Assert.True(_incident.FirstRun.ExitCode == 0, _incident.FirstRun.ToString());
        Assert.Contains("Imported", _incident.FirstRun.Output);

        using var report = JsonDocument.Parse(_incident.Json);
        var cause = report.RootElement.GetProperty("rootCause");
        Assert.True(cause.GetProperty("category").GetString() == "schema_change", _incident.FirstRun.Output);
        Assert.Equal(_incident.Settings.Incident.Feature, cause.GetProperty("features")[0].GetString());
        var start = DateOnly.Parse(cause.GetProperty("startDate").GetString()!);
        Assert.InRange(start.DayNumber - _incident.Settings.Incident.Start.DayNumber, -7, 7);
        Assert.True(report.RootElement.GetProperty("recallDrop").GetProperty("detected").GetBoolean());

        var fixes = report.RootElement.GetProperty("fixes").EnumerateArray().ToList();
        Assert.Contains(fixes, f => f.GetProperty("kind").GetString() == "short_term");
        Assert.Contains(fixes, f => f.GetProperty("kind").GetString() == "structural");
        Assert.Equal(6, report.RootElement.GetProperty("monitors").GetArrayLength());
        Assert.Contains("## What would have caught this earlier", File.ReadAllText(_incident.Temp.Combine("report.md")));
    }

    [Fact]
    public async Task Analysing_the_imported_dataset_again_gives_byte_identical_json()
    {
        var again = _incident.Temp.Combine($"again-{Guid.NewGuid():N}.json");
        var run = await CliRunner.RunAsync("analyze", _incident.Folder, "--db", _incident.Database, "--json", again);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("already imported", run.Output);
        Assert.Equal(_incident.Json, await File.ReadAllTextAsync(again));
    }

    /// <summary>Needs the server tests/run.sh starts (tests/postgres.sh sets DRIFTBOARD_TEST_POSTGRES); fails without it.</summary>
    [Fact]
    public async Task Reading_the_log_from_postgres_gives_the_same_json()
    {
        var connectionString = Environment.GetEnvironmentVariable("DRIFTBOARD_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("DRIFTBOARD_TEST_POSTGRES is not set: run the tests through tests/run.sh, which starts a PostgreSQL server.");
        var database = new DriftBoardDatabase(_incident.Database);
        var datasetId = Assert.Single(new DatasetStore(database).List()).Id;
        using var postgres = new PostgresLogStore(connectionString, database);
        try
        {
            postgres.CopyFrom(new DatasetStore(database), datasetId);
            var path = _incident.Temp.Combine($"postgres-{Guid.NewGuid():N}.json");
            var run = await CliRunner.RunAsync("analyze", datasetId, "--db", _incident.Database, "--json", path, "--log-store", connectionString);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal(_incident.Json, await File.ReadAllTextAsync(path));
        }
        finally
        {
            postgres.Delete(datasetId);
        }
    }

    [Fact]
    public async Task Month_windows_and_a_production_reference_change_the_report()
    {
        var path = _incident.Temp.Combine($"month-{Guid.NewGuid():N}.json");
        var from = _incident.Settings.Start;
        var run = await CliRunner.RunAsync("analyze", $"{_incident.Settings.Model}-{_incident.Settings.ModelVersion}", "--db", _incident.Database,
            "--window", "month", "--reference", $"{from:yyyy-MM-dd}..{from.AddDays(20):yyyy-MM-dd}", "--json", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var dataset = report.RootElement.GetProperty("dataset");
        Assert.Equal("month", dataset.GetProperty("window").GetString());
        Assert.Equal($"{from:yyyy-MM-dd}..{from.AddDays(20):yyyy-MM-dd}", dataset.GetProperty("reference").GetString());
        var starts = report.RootElement.GetProperty("performance").EnumerateArray().Select(w => DateOnly.Parse(w.GetProperty("start").GetString()!)).ToList();
        Assert.All(starts, s => Assert.Equal(1, s.Day));
    }

    [Theory]
    [InlineData("no-such-dataset")]
    public async Task An_unknown_dataset_is_exit_code_2_with_a_message(string id)
    {
        var run = await CliRunner.RunAsync("analyze", id, "--db", _incident.Database);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("neither a folder nor a dataset", run.Output);
    }

    [Fact]
    public async Task A_malformed_reference_is_refused_before_any_work()
    {
        var run = await CliRunner.RunAsync("analyze", "x", "--db", _incident.Database, "--reference", "last-month");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--reference must be 'training' or FROM..TO", run.Output);
    }
}
