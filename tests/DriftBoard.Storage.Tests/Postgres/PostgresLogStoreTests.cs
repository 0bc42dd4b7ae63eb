using System.Text.Json;
using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Aggregates;
using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;
using DriftBoard.Storage.Aggregates;
using DriftBoard.Storage.Analysis;
using DriftBoard.Storage.Postgres;

namespace DriftBoard.Storage.Tests.Postgres;

/// <summary>
/// The PostgreSQL log store against the SQLite chunk store on the same imported rows: every method of the seam must give
/// identical counts, the same sample, and so the same drift table and analysis report.
/// </summary>
public sealed class PostgresLogStoreTests(PostgresStoresFixture fixture) : IClassFixture<PostgresStoresFixture>
{
    private readonly ChunkAggregateSource _sqlite = new(fixture.Db.Database);
    private readonly PostgresLogStore _postgres = fixture.Postgres;

    public static TheoryData<string> Datasets => ["demo", "edges"];

    private string Id(string dataset) => dataset == "demo" ? fixture.DemoId : fixture.EdgeId;

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Numeric_counts_are_identical_for_every_feature_on_every_binning(string dataset)
    {
        var id = Id(dataset);
        var (production, profiles) = Load(id);
        var numeric = profiles.Where(p => p.Type == FeatureType.Numeric).ToList();
        Assert.NotEmpty(numeric);
        // The edge cases must be in the data, or the comparison proves nothing about them.
        Assert.Contains(numeric, p => ((NumericColumn)production.Features[p.Feature]).Values.Any(double.IsNaN));
        var compared = 0;
        foreach (var profile in numeric)
        {
            var values = ((NumericColumn)production.Features[profile.Feature]).Values;
            foreach (var binning in Binnings(profile, values))
            {
                var expected = _sqlite.NumericCounts(id, profile.Feature, binning);
                var actual = _postgres.NumericCounts(id, profile.Feature, binning);
                Assert.NotEmpty(expected);
                Assert.Equal(expected.Select(d => d.Day), actual.Select(d => d.Day));
                for (var d = 0; d < expected.Count; d++)
                {
                    Assert.Equal(expected[d].Counts.Rows, actual[d].Counts.Rows);
                    Assert.Equal(expected[d].Counts.Cells, actual[d].Counts.Cells);
                    compared++;
                }
            }
        }

        Assert.True(compared > 0);
        Assert.Empty(_postgres.NumericCounts(id, "no_such_feature", NumericBinning.From(numeric[0])));
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Category_counts_are_identical_for_every_categorical_and_boolean_feature(string dataset)
    {
        var id = Id(dataset);
        var (production, _) = Load(id);
        var card = fixture.Db.Store.Find(id)!.Card;
        Assert.Contains(card.Features, f => f.Type == FeatureType.Boolean);
        Assert.Contains(card.Features, f => f.Type == FeatureType.Categorical);
        foreach (var feature in card.Features)
        {
            var expected = _sqlite.CategoryCounts(id, feature.Name);
            var actual = _postgres.CategoryCounts(id, feature.Name);
            Assert.Equal(expected.Count, actual.Count);
            if (feature.Type != FeatureType.Numeric) Assert.NotEmpty(expected);
            for (var d = 0; d < expected.Count; d++)
            {
                Assert.Equal(expected[d].Day, actual[d].Day);
                Assert.Equal(expected[d].Counts.Rows, actual[d].Counts.Rows);
                Assert.Equal(expected[d].Counts.Missing, actual[d].Counts.Missing);
                Assert.Equal(expected[d].Counts.NonBinary, actual[d].Counts.NonBinary);
                Assert.Equal(expected[d].Counts.Names, actual[d].Counts.Names);
                Assert.Equal(expected[d].Counts.Counts, actual[d].Counts.Counts);
            }
        }

        if (dataset == "edges")
        {
            var flags = CategoryCounts.Sum(_postgres.CategoryCounts(id, "is_new").Select(d => d.Counts));
            Assert.True(flags.Missing > 0, "the edge dataset holds missing booleans");
            Assert.True(CategoryCounts.Sum(_postgres.CategoryCounts(id, "country").Select(d => d.Counts)).Missing > 0);
        }

        Assert.Empty(_postgres.CategoryCounts(id, "no_such_feature"));
        Assert.NotEmpty(production.Timestamps);
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Outcome_counts_are_identical_on_every_edge_set(string dataset)
    {
        var id = Id(dataset);
        var (production, _) = Load(id);
        var sorted = production.Scores.Where(s => !double.IsNaN(s)).Order().ToArray();
        // Edges at actual scores put rows exactly on a bucket's closed right end.
        var atScores = Enumerable.Range(1, 99).Select(k => sorted[k * (sorted.Length - 1) / 100]).Distinct().ToArray();
        double[][] edgeSets = [[], [0.42], [0.1, 0.42, 0.9], atScores, [double.NegativeInfinity, 0.5, double.PositiveInfinity]];
        foreach (var edges in edgeSets)
        {
            var expected = _sqlite.OutcomeCounts(id, edges);
            var actual = _postgres.OutcomeCounts(id, edges);
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Select(d => d.Day), actual.Select(d => d.Day));
            for (var d = 0; d < expected.Count; d++)
            {
                var (e, a) = (expected[d].Counts, actual[d].Counts);
                Assert.Equal(e.Rows, a.Rows);
                Assert.Equal(e.Flagged, a.Flagged);
                Assert.Equal(e.Labelled, a.Labelled);
                Assert.Equal(e.FlaggedLabelled, a.FlaggedLabelled);
                Assert.Equal(e.Positives, a.Positives);
                Assert.Equal(e.FlaggedPositives, a.FlaggedPositives);
            }

            Assert.True(expected.Sum(d => d.Counts.TotalPositives) > 0);
        }
    }

    [Theory]
    [InlineData("demo", 4000, 1234)]
    [InlineData("demo", 700, 5)]
    [InlineData("demo", 40, 99)]
    [InlineData("edges", 30, 1)]
    public void The_row_sample_is_identical(string dataset, int maxRowsPerDay, int seed)
    {
        var id = Id(dataset);
        var sampling = new RowSampling(maxRowsPerDay, seed);
        var expected = _sqlite.Sample(id, sampling);
        var actual = _postgres.Sample(id, sampling);
        Assert.True(expected.Count > 0);
        AssertSameFrame(expected, actual);
    }

    [Fact]
    public void The_drift_table_and_the_analysis_report_are_identical()
    {
        var id = fixture.DemoId;
        var info = fixture.Db.Store.Find(id)!;
        var training = fixture.Db.Store.LoadTraining(id);
        var profiles = DriftTable.Profiles(training, info.Card.Features);
        var sampling = new RowSampling(MaxRowsPerDay: 1500);
        string Report(IWindowAggregateSource source, out string driftTable)
        {
            var aggregates = FeatureAggregates.Load(source, id, profiles);
            var sample = source.Sample(id, sampling);
            var windows = WindowPlanner.Plan(sample.Timestamps[0], sample.Timestamps[^1], WindowSize.Week);
            driftTable = JsonSerializer.Serialize(DriftTable.FromAggregates(aggregates, windows), ReportJson.Options);
            var report = DiagnosisEngine.Analyze(new DiagnosisInput(id, info.Card, info.AsOf, sample, training) { Aggregates = aggregates });
            return ReportJson.Serialize(report);
        }

        var expected = Report(_sqlite, out var expectedTable);
        var actual = Report(_postgres, out var actualTable);
        Assert.Contains("\"psi\"", expectedTable, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(expectedTable, actualTable);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task The_analyzer_reports_the_same_from_either_store()
    {
        var sampling = new RowSampling(MaxRowsPerDay: 1200);
        var fromSqlite = await new DatasetAnalyzer(fixture.Db.Store, sampling).AnalyzeAsync(fixture.DemoId);
        var fromPostgres = await new DatasetAnalyzer(fixture.Db.Store, sampling, _postgres).AnalyzeAsync(fixture.DemoId);
        Assert.Equal(ReportJson.Serialize(fromSqlite), ReportJson.Serialize(fromPostgres));
    }

    [Fact]
    public void A_second_copy_replaces_the_first_and_a_delete_removes_it()
    {
        var schema = PostgresTestServer.FreshSchema();
        using var store = new PostgresLogStore(PostgresTestServer.ConnectionString, fixture.Db.Database, schema);
        try
        {
            Assert.Throws<KeyNotFoundException>(() => store.OutcomeCounts(fixture.EdgeId, [0.5]));
            var rows = store.CopyFrom(fixture.Db.Store, fixture.EdgeId);
            Assert.Equal(fixture.Db.Store.Find(fixture.EdgeId)!.Rows, rows);
            Assert.Equal(rows, store.CopyFrom(fixture.Db.Store, fixture.EdgeId));
            Assert.Equal(rows, store.OutcomeCounts(fixture.EdgeId, [0.5]).Sum(d => d.Counts.TotalRows));
            Assert.True(store.Delete(fixture.EdgeId));
            Assert.False(store.Contains(fixture.EdgeId));
            Assert.False(store.Delete(fixture.EdgeId));
            Assert.Throws<KeyNotFoundException>(() => store.CopyFrom(fixture.Db.Store, "no-such-dataset"));
        }
        finally
        {
            store.DropSchema();
        }
    }

    private (DatasetFrame Production, IReadOnlyList<ReferenceProfile> Profiles) Load(string id)
    {
        var card = fixture.Db.Store.Find(id)!.Card;
        return (fixture.Db.Store.LoadProduction(id), DriftTable.Profiles(fixture.Db.Store.LoadTraining(id), card.Features));
    }

    /// <summary>The reference binnings at three grid sizes, one cut at the production's own values (rows on closed cell ends), and no cuts.</summary>
    private static IEnumerable<NumericBinning> Binnings(ReferenceProfile profile, double[] production)
    {
        yield return NumericBinning.From(profile);
        yield return NumericBinning.From(profile, gridCells: 10);
        yield return NumericBinning.From(profile, gridCells: 1);
        var atValues = production.Where(v => !double.IsNaN(v)).Distinct().Order().Where((_, i) => i % 3 == 0).Take(200).ToArray();
        yield return Manual(profile.Feature, atValues);
        yield return Manual(profile.Feature, []);
    }

    private static NumericBinning Manual(string feature, double[] cuts) =>
        new(feature, cuts, new int[cuts.Length + 1], 1, new long[cuts.Length + 1], 0, cuts.Length + 1);

    private static void AssertSameFrame(DatasetFrame expected, DatasetFrame actual)
    {
        Assert.Equal(expected.Timestamps, actual.Timestamps);
        Assert.Equal(expected.Scores, actual.Scores);
        Assert.Equal(expected.Predictions, actual.Predictions);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.LabelKnownAt, actual.LabelKnownAt);
        Assert.Equal(expected.Features.Keys.Order(), actual.Features.Keys.Order());
        foreach (var (name, column) in expected.Features)
        {
            switch (column)
            {
                case NumericColumn n:
                    var other = Assert.IsType<NumericColumn>(actual.Features[name]);
                    Assert.Equal(JsonSerializer.Serialize(n.Spec), JsonSerializer.Serialize(other.Spec));
                    Assert.Equal(n.Values, other.Values);
                    break;
                case CategoricalColumn c:
                    var codes = Assert.IsType<CategoricalColumn>(actual.Features[name]);
                    Assert.Equal(JsonSerializer.Serialize(c.Spec), JsonSerializer.Serialize(codes.Spec));
                    Assert.Equal(c.Categories, codes.Categories);
                    Assert.Equal(c.Codes, codes.Codes);
                    break;
            }
        }
    }
}

/// <summary>Which store a setting selects; needs no server.</summary>
public sealed class LogStoreSelectionTests
{
    [Theory]
    [InlineData("Host=db.internal;Database=driftboard;Username=app", true)]
    [InlineData("Server=10.0.0.5;Port=5433;Database=logs", true)]
    [InlineData("Data Source=/var/lib/driftboard/driftboard.db", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("not a connection string ;=;", false)]
    public void A_postgres_connection_string_selects_postgres(string? setting, bool postgres) =>
        Assert.Equal(postgres, LogStore.IsPostgres(setting));

    [Fact]
    public void Anything_else_selects_the_sqlite_chunks()
    {
        using var db = new Storage.TempDatabase();
        Assert.IsType<ChunkAggregateSource>(LogStore.Open(null, db.Database));
        var postgres = LogStore.Open("Host=127.0.0.1;Database=x", db.Database);
        Assert.IsType<PostgresLogStore>(postgres);
        ((IDisposable)postgres).Dispose();
    }
}
