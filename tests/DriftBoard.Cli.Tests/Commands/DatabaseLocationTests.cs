using DriftBoard.Cli.Tests.TestSupport;
using DriftBoard.Storage;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Store;

namespace DriftBoard.Cli.Tests.Commands;

/// <summary>These tests change the process's environment and working directory, so nothing else may run beside them.</summary>
[CollectionDefinition(nameof(ProcessStateCollection), DisableParallelization = true)]
public sealed class ProcessStateCollection;

[Collection(nameof(ProcessStateCollection))]
public sealed class DatabaseLocationTests(SmallDemo demo) : IClassFixture<SmallDemo>, IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string? _savedVariable = Environment.GetEnvironmentVariable(DatabaseLocation.EnvironmentVariable);
    private readonly string _savedDirectory = Environment.CurrentDirectory;

    [Fact]
    public async Task The_db_option_wins_over_the_environment_variable()
    {
        var fromOption = _temp.Combine("option", "a.db");
        var fromVariable = _temp.Combine("variable", "b.db");
        Environment.SetEnvironmentVariable(DatabaseLocation.EnvironmentVariable, fromVariable);

        var run = await CliRunner.RunAsync("import", demo.Folder, "--db", fromOption);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        AssertHoldsTheDemo(fromOption);
        Assert.False(File.Exists(fromVariable));
    }

    [Fact]
    public async Task The_environment_variable_is_used_without_the_option()
    {
        var fromVariable = _temp.Combine("variable", "b.db");
        Environment.SetEnvironmentVariable(DatabaseLocation.EnvironmentVariable, fromVariable);
        Environment.CurrentDirectory = _temp.Path;

        var run = await CliRunner.RunAsync("import", demo.Folder);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        AssertHoldsTheDemo(fromVariable);
        Assert.False(File.Exists(_temp.Combine("driftboard.db")));
    }

    [Fact]
    public async Task Without_either_the_database_is_driftboard_db_in_the_working_directory()
    {
        Environment.SetEnvironmentVariable(DatabaseLocation.EnvironmentVariable, null);
        var working = Directory.CreateDirectory(_temp.Combine("work")).FullName;
        Environment.CurrentDirectory = working;

        var run = await CliRunner.RunAsync("import", demo.Folder);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        AssertHoldsTheDemo(Path.Combine(working, "driftboard.db"));
        Assert.Contains(Path.Combine(working, "driftboard.db"), run.Output);
    }

    [Fact]
    public async Task Demo_writes_to_demo_incident_in_the_working_directory_by_default()
    {
        var working = Directory.CreateDirectory(_temp.Combine("work")).FullName;
        Environment.CurrentDirectory = working;

        var run = await CliRunner.RunAsync("demo", "--per-day", "5", "--training-rows", "100");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.True(File.Exists(Path.Combine(working, "demo-incident", "model_card.md")));
    }

    private void AssertHoldsTheDemo(string databasePath)
    {
        Assert.True(File.Exists(databasePath), $"{databasePath} was not created");
        var dataset = Assert.Single(new DatasetStore(new DriftBoardDatabase(databasePath)).List());
        Assert.Equal(demo.Summary.PredictionRows, dataset.Rows);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(DatabaseLocation.EnvironmentVariable, _savedVariable);
        Environment.CurrentDirectory = _savedDirectory;
        _temp.Dispose();
    }
}
