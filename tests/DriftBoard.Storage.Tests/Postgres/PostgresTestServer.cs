using DriftBoard.Core.Demo;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Postgres;
using DriftBoard.Storage.Tests.Storage;
using Npgsql;

namespace DriftBoard.Storage.Tests.Postgres;

/// <summary>
/// The PostgreSQL server of a test run: tests/run.sh (through tests/postgres.sh) starts a throwaway server on loopback and
/// sets <see cref="Variable"/>. Without it the tests fail rather than skip, so a run that forgot the server cannot pass.
/// </summary>
internal static class PostgresTestServer
{
    public const string Variable = "DRIFTBOARD_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: the PostgreSQL log-store tests need a server. Run the tests through tests/run.sh, or " +
                $"`bash -c 'source tests/postgres.sh; dotnet test tests/DriftBoard.Storage.Tests; stop_postgres'`.");

    /// <summary>A schema name no other run or test class uses.</summary>
    public static string FreshSchema() => "driftboard_test_" + Guid.NewGuid().ToString("N");
}

/// <summary>
/// Two datasets imported into SQLite and copied into one fresh PostgreSQL schema, dropped afterwards: a demo scenario
/// (a pipeline fault that blanks a numeric feature, so missing values occur) and a small hand-made log with the edge
/// values (missing numeric, categorical and boolean values; the importer quarantines non-binary booleans, so none are stored).
/// </summary>
public sealed class PostgresStoresFixture : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "driftboard-tests", Guid.NewGuid().ToString("N"));

    public PostgresStoresFixture()
    {
        var connectionString = PostgresTestServer.ConnectionString;
        Db = new TempDatabase();
        var settings = DemoScenarios.Create(IncidentKind.PipelineDefault, seed: 77, new DemoScenarioOptions(PerDay: 2500, Days: 35, TrainingRows: 20_000));
        settings = settings with { Incident = settings.Incident with { FillValue = double.NaN } };
        DemoDatasetWriter.Write(_folder, settings);
        DemoId = Db.Importer.Import(_folder, new ImportOptions(), null, CancellationToken.None).DatasetId;

        var edges = FraudDataset.Generated(rows: 600, days: 6);
        var rows = edges["predictions.csv"].Rows;
        for (var i = 0; i < rows.Count; i += 7) rows[i][3] = "";          // amount missing
        for (var i = 1; i < rows.Count; i += 11) rows[i][4] = "";         // country missing
        for (var i = 2; i < rows.Count; i += 13) rows[i][5] = "";         // is_new missing
        EdgeId = Db.Import(FraudDataset.Card(), edges).DatasetId;

        Postgres = new PostgresLogStore(connectionString, Db.Database, PostgresTestServer.FreshSchema());
        Postgres.CopyFrom(Db.Store, DemoId);
        Postgres.CopyFrom(Db.Store, EdgeId);
    }

    internal TempDatabase Db { get; }
    public string DemoId { get; }
    public string EdgeId { get; }
    public PostgresLogStore Postgres { get; }

    public void Dispose()
    {
        Postgres.DropSchema();
        Postgres.Dispose();
        NpgsqlConnection.ClearAllPools();
        Db.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
