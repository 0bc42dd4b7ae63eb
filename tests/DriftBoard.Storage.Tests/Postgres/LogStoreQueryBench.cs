using System.Diagnostics;
using DriftBoard.Core.Analysis.Aggregates;
using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Demo;
using DriftBoard.Core.Domain;
using DriftBoard.Storage.Aggregates;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Postgres;
using DriftBoard.Storage.Tests.Storage;
using Xunit.Abstractions;

namespace DriftBoard.Storage.Tests.Postgres;

/// <summary>
/// Wall time of the seam's queries on the SQLite chunks and on PostgreSQL for one generated demo dataset (182 days;
/// DRIFTBOARD_BENCH_ROWS rows, 20,000 unless set, a smoke run in CI). Prints the times; asserts only that both stores count every row, never time.
/// Run: DRIFTBOARD_BENCH_ROWS=1000000 with tests/postgres.sh sourced,
/// dotnet test tests/DriftBoard.Storage.Tests -c Release --filter "FullyQualifiedName~LogStoreQueryBench" --logger "console;verbosity=detailed"
/// </summary>
[Trait("Category", "Bench")]
public sealed class LogStoreQueryBench(ITestOutputHelper output) : IDisposable
{
    private const int Days = 182;
    private readonly TempDatabase _db = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "driftboard-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Time_the_aggregate_queries_on_both_stores()
    {
        var connectionString = PostgresTestServer.ConnectionString;
        var rows = int.TryParse(Environment.GetEnvironmentVariable("DRIFTBOARD_BENCH_ROWS"), out var n) ? n : 20_000;
        var settings = DemoScenarios.Create(IncidentKind.PipelineDefault, seed: 3, new DemoScenarioOptions(PerDay: rows / Days, Days: Days, TrainingRows: 50_000));
        var clock = Stopwatch.StartNew();
        DemoDatasetWriter.Write(_folder, settings);
        var id = _db.Importer.Import(_folder, new ImportOptions(), null, CancellationToken.None).DatasetId;
        output.WriteLine($"generate + import into SQLite: {clock.Elapsed.TotalSeconds:F1} s");

        using var postgres = new PostgresLogStore(connectionString, _db.Database, PostgresTestServer.FreshSchema());
        try
        {
            clock.Restart();
            var copied = postgres.CopyFrom(_db.Store, id);
            output.WriteLine($"copy {copied:N0} rows into PostgreSQL (binary COPY, primary key, ANALYZE): {clock.Elapsed.TotalSeconds:F1} s");

            var info = _db.Store.Find(id)!;
            var profiles = DriftTable.Profiles(_db.Store.LoadTraining(id), info.Card.Features);
            var sqlite = new ChunkAggregateSource(_db.Database);
            var edges = Enumerable.Range(1, 99).Select(k => k / 100.0).ToArray();
            var totals = new List<long>();
            foreach (var (name, source) in new (string, IWindowAggregateSource)[] { ("SQLite chunks", sqlite), ("PostgreSQL", postgres) })
            {
                // First pass warms caches (page cache, PostgreSQL shared buffers, JIT); the second is reported.
                for (var pass = 0; pass < 2; pass++)
                {
                    var numeric = Time(() => profiles.Where(p => p.Type == FeatureType.Numeric)
                        .Sum(p => source.NumericCounts(id, p.Feature, NumericBinning.From(p)).Count));
                    var categorical = Time(() => profiles.Where(p => p.Type != FeatureType.Numeric)
                        .Sum(p => source.CategoryCounts(id, p.Feature).Count));
                    var outcomes = Time(() => source.OutcomeCounts(id, edges).Sum(d => d.Counts.TotalRows));
                    var sample = Time(() => source.Sample(id, new RowSampling()).Count);
                    var load = Time(() => FeatureAggregates.Load(source, id, profiles).Profiles.Count);
                    if (pass == 0)
                    {
                        totals.Add(outcomes.Result);
                        continue;
                    }

                    output.WriteLine($"{name}: numeric counts, {profiles.Count(p => p.Type == FeatureType.Numeric)} features one after another {numeric.Seconds:F2} s; " +
                                     $"category counts, {profiles.Count(p => p.Type != FeatureType.Numeric)} features {categorical.Seconds:F2} s; outcomes on 99 edges {outcomes.Seconds:F2} s; " +
                                     $"sample of {sample.Result:N0} rows {sample.Seconds:F2} s; FeatureAggregates.Load (features in parallel) {load.Seconds:F2} s");
                }
            }

            Assert.Equal([copied, copied], totals);
        }
        finally
        {
            postgres.DropSchema();
        }
    }

    private static (T Result, double Seconds) Time<T>(Func<T> action)
    {
        var clock = Stopwatch.StartNew();
        var result = action();
        return (result, clock.Elapsed.TotalSeconds);
    }

    public void Dispose()
    {
        _db.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
