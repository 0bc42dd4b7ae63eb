using DriftBoard.Cli.Tests.TestSupport;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Postgres;
using DriftBoard.Storage.Store;

namespace DriftBoard.Cli.Tests.Commands;

[Collection(PostgresTests.Collection)]
public sealed class ImportCommandTests(SmallDemo demo) : IClassFixture<SmallDemo>, IDisposable
{
    private readonly TempFolder _temp = new();

    private string Database => _temp.Combine("driftboard.db");

    [Fact]
    public async Task Import_prints_a_summary_and_the_dataset_id_last()
    {
        var run = await CliRunner.RunAsync("import", demo.Folder, "--db", Database);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(demo.DatasetId, run.LastLine);
        Assert.Contains($"Imported {demo.Summary.PredictionRows:N0} predictions, {demo.Summary.TrainingRows:N0} training rows", run.Output);
        var dataset = Assert.Single(new DatasetStore(new DriftBoardDatabase(Database)).List());
        Assert.Equal(demo.DatasetId, dataset.Id);
        Assert.Equal(demo.Summary.PredictionRows, dataset.Rows);
        Assert.Equal(demo.Summary.TrainingRows, dataset.TrainingRows);
    }

    [Fact]
    public async Task Importing_again_is_refused_without_replace_and_replaces_with_it()
    {
        Assert.Equal(ExitCodes.Ok, (await CliRunner.RunAsync("import", demo.Folder, "--db", Database)).ExitCode);
        var before = DatabaseSnapshot.Read(Database);

        var again = await CliRunner.RunAsync("import", demo.Folder, "--db", Database);

        Assert.Equal(ExitCodes.InvalidInput, again.ExitCode);
        Assert.Contains($"dataset '{demo.DatasetId}' is already imported", again.Output);
        Assert.Contains("--replace", again.Output);
        Assert.Equal(before, DatabaseSnapshot.Read(Database));

        var replaced = await CliRunner.RunAsync("import", demo.Folder, "--db", Database, "--replace");

        Assert.True(replaced.ExitCode == ExitCodes.Ok, replaced.ToString());
        Assert.Equal(demo.DatasetId, replaced.LastLine);
        // Same rows, chunks and aggregates: the old copy was replaced, not added to.
        Assert.Equal(before, DatabaseSnapshot.Read(Database));
        var store = new DatasetStore(new DriftBoardDatabase(Database));
        Assert.Equal(demo.Summary.PredictionRows, Assert.Single(store.List()).Rows);
        Assert.Equal(demo.Summary.PredictionRows, store.LoadProduction(demo.DatasetId).Count);
    }

    /// <summary>How each class of contract error is provoked, and what the message must name.</summary>
    public static TheoryData<string, string[]> ContractErrors => new()
    {
        { "missing model card", [DemoDatasetWriter.ModelCardFile, "not found"] },
        { "card without a required key", [DemoDatasetWriter.ModelCardFile, "(target)", "missing required key"] },
        { "unknown feature type", [DemoDatasetWriter.ModelCardFile, "type", "unknown feature type 'numberish'"] },
        { "missing predictions file", [DemoDatasetWriter.PredictionsFile, "file not found"] },
        { "missing column in predictions", [DemoDatasetWriter.PredictionsFile, "(COLUMN)", "is not in the file"] },
        { "too many bad rows", [DemoDatasetWriter.PredictionsFile, "bad rows", "nothing was imported", "(SCORE)"] },
    };

    [Theory]
    [MemberData(nameof(ContractErrors))]
    public async Task Every_contract_error_exits_2_names_the_file_and_key_and_changes_nothing(string problem, string[] expected)
    {
        // A dataset already there, to show that a failed import leaves it and everything else untouched.
        Assert.Equal(ExitCodes.Ok, (await CliRunner.RunAsync("import", demo.Folder, "--db", Database, "--name", "baseline")).ExitCode);
        var before = DatabaseSnapshot.Read(Database);
        var folder = demo.CopyTo(_temp.Combine("broken"));
        Break(folder, problem);

        var run = await CliRunner.RunAsync("import", folder, "--db", Database, "--name", "broken");

        Assert.True(run.ExitCode == ExitCodes.InvalidInput, run.ToString());
        var error = Assert.Single(run.Lines, line => line.StartsWith("error:", StringComparison.Ordinal));
        var firstFeature = demo.Settings.Features[0].Name;
        foreach (var fragment in expected)
            Assert.Contains(fragment.Replace("COLUMN", firstFeature, StringComparison.Ordinal).Replace("SCORE", demo.Settings.ScoreColumn, StringComparison.Ordinal), error);
        Assert.Equal(before, DatabaseSnapshot.Read(Database));
        Assert.Equal(["baseline"], new DatasetStore(new DriftBoardDatabase(Database)).List().Select(d => d.Id));
    }

    private void Break(string folder, string problem)
    {
        var card = Path.Combine(folder, DemoDatasetWriter.ModelCardFile);
        var predictions = Path.Combine(folder, DemoDatasetWriter.PredictionsFile);
        switch (problem)
        {
            case "missing model card":
                File.Delete(card);
                break;
            case "card without a required key":
                File.WriteAllLines(card, File.ReadAllLines(card).Where(line => !line.StartsWith("target:", StringComparison.Ordinal)));
                break;
            case "unknown feature type":
                var text = File.ReadAllText(card);
                var at = text.IndexOf("type: numeric", StringComparison.Ordinal);
                Assert.True(at >= 0);
                File.WriteAllText(card, string.Concat(text.AsSpan(0, at), "type: numberish", text.AsSpan(at + "type: numeric".Length)));
                break;
            case "missing predictions file":
                File.Delete(predictions);
                break;
            case "missing column in predictions":
                var lines = File.ReadAllLines(predictions);
                var header = lines[0].Split(',');
                header[Array.IndexOf(header, demo.Settings.Features[0].Name)] = "renamed_column";
                lines[0] = string.Join(',', header);
                File.WriteAllLines(predictions, lines);
                break;
            case "too many bad rows":
                // One row in fifty gets a score that is not a number: far above the default 0.1% allowance.
                var rows = File.ReadAllLines(predictions);
                var scoreIndex = Array.IndexOf(rows[0].Split(','), demo.Settings.ScoreColumn);
                for (var i = 1; i < rows.Length; i += 50)
                {
                    var fields = rows[i].Split(',');
                    fields[scoreIndex] = "not-a-score";
                    rows[i] = string.Join(',', fields);
                }
                File.WriteAllLines(predictions, rows);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(problem), problem, null);
        }
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_is_a_contract_error()
    {
        var run = await CliRunner.RunAsync("import", _temp.Combine("no-such-folder"), "--db", Database);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("model_card.md", run.Output);
        Assert.False(File.Exists(Database) && new DatasetStore(new DriftBoardDatabase(Database)).List().Count > 0);
    }

    [Fact]
    public async Task A_log_store_that_is_not_postgres_is_refused_before_importing()
    {
        var run = await CliRunner.RunAsync("import", demo.Folder, "--db", Database, "--log-store", "Data Source=logs.db");

        Assert.NotEqual(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("--log-store must be a PostgreSQL connection string", run.Output);
        Assert.False(File.Exists(Database) && new DatasetStore(new DriftBoardDatabase(Database)).List().Count > 0);
    }

    /// <summary>Needs the server tests/run.sh starts (tests/postgres.sh sets DRIFTBOARD_TEST_POSTGRES); fails without it.</summary>
    [Fact]
    public async Task Import_with_a_postgres_log_store_copies_the_production_rows_there()
    {
        var connectionString = Environment.GetEnvironmentVariable("DRIFTBOARD_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("DRIFTBOARD_TEST_POSTGRES is not set: run the tests through tests/run.sh, which starts a PostgreSQL server.");

        var run = await CliRunner.RunAsync("import", demo.Folder, "--db", Database, "--log-store", connectionString);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(demo.DatasetId, run.LastLine);
        Assert.Contains($"Copied {demo.Summary.PredictionRows:N0} production rows into the PostgreSQL log store", run.Output);
        using var postgres = new PostgresLogStore(connectionString, new DriftBoardDatabase(Database));
        try
        {
            Assert.Equal(demo.Summary.PredictionRows, postgres.OutcomeCounts(demo.DatasetId, [0.5]).Sum(d => d.Counts.TotalRows));
        }
        finally
        {
            postgres.Delete(demo.DatasetId);
        }
    }

    public void Dispose() => _temp.Dispose();
}
