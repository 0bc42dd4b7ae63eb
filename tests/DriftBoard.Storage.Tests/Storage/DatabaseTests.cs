using Dapper;
using DriftBoard.Storage.Database;
using static DriftBoard.Storage.Tests.Storage.FraudDataset;

namespace DriftBoard.Storage.Tests.Storage;

public sealed class DatabaseTests : DatabaseTest
{
    [Fact]
    public void Connections_use_wal_a_busy_timeout_and_foreign_keys_and_the_schema_is_versioned()
    {
        using var connection = Db.Database.Open();

        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode;"));
        Assert.Equal(10_000, connection.ExecuteScalar<long>("PRAGMA busy_timeout;"));
        Assert.Equal(1, connection.ExecuteScalar<long>("PRAGMA foreign_keys;"));
        Assert.Equal(DriftBoardDatabase.PageSize, connection.ExecuteScalar<long>("PRAGMA page_size;"));
        Assert.Equal(Enumerable.Range(1, Migrations.LatestVersion).Select(v => (long)v),
            connection.Query<long>("SELECT version FROM schema_version ORDER BY version;"));
    }

    [Fact]
    public void Reopening_a_database_keeps_its_data_and_applies_no_migration_twice()
    {
        Db.Import(Card(), Generated(100, 2));

        var reopened = new DriftBoardDatabase(Db.Database.Path);
        using var connection = reopened.Open();

        Assert.Equal(Migrations.LatestVersion, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal(100, Assert.Single(new Store.DatasetStore(reopened).List()).Rows);
    }

    [Fact]
    public void Dataset_ids_are_slugs()
    {
        Assert.Equal("fraud-scorer-2.1", Store.DatasetId.For(null, "Fraud Scorer", "2.1"));
        Assert.Equal("q3-replay-v2", Store.DatasetId.For("  Q3 replay / v2!! ", "m", "1"));
        Assert.Throws<ArgumentException>(() => Store.DatasetId.Slug("///"));
    }

    [Fact]
    public void Progress_reports_each_stage_with_growing_row_counts()
    {
        var reports = new List<ImportProgress>();
        var progress = new SynchronousProgress(reports.Add);

        Db.Import(Card(), Generated(50_000, 2), progress: progress);

        Assert.Equal(["labels", "predictions", "training", "finishing"], reports.Select(r => r.Stage).Distinct());
        var predictions = reports.Where(r => r.Stage == "predictions").ToList();
        Assert.Equal(0, predictions[0].Rows);
        Assert.Equal(predictions.Select(r => r.Rows).Order(), predictions.Select(r => r.Rows));
        Assert.All(reports, r => Assert.EndsWith(".csv", r.File));
    }
}

/// <summary>Reports on the importing thread (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
{
    public void Report(ImportProgress value) => report(value);
}
