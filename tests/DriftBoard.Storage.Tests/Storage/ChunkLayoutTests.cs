using Dapper;
using DriftBoard.Core.Domain;
using DriftBoard.Storage.Store;
using static DriftBoard.Storage.Tests.Storage.FraudDataset;

namespace DriftBoard.Storage.Tests.Storage;

public sealed class ChunkLayoutTests : DatabaseTest
{
    [Fact]
    public void Loading_one_feature_for_a_day_range_reads_only_those_chunks()
    {
        var id = Db.Import(Card(), Generated(10_000, 10)).DatasetId;

        var frame = Db.Store.LoadProduction(id, ["amount"], fromDay: Day0 + 3, toDayExclusive: Day0 + 5);

        // Five row columns (time, score, decision, label, label time) plus one feature, one chunk per day, two days.
        Assert.Equal(6 * 2, Db.Store.ChunksRead);
        Assert.Equal(2_000, frame.Count);
        Assert.Equal(["amount"], frame.Features.Keys);
        Assert.All(frame.Timestamps, ts => Assert.InRange(ts, Ms(Day0 + 3), Ms(Day0 + 5) - 1));
        // Row i has amount i / 2 and day Day0 + i / 1000.
        Assert.Equal(Enumerable.Range(3_000, 2_000).Select(i => i * 0.5), ((NumericColumn)frame.Features["amount"]).Values);
    }

    [Fact]
    public void A_column_read_is_an_index_range_scan_of_the_chunk_key()
    {
        Db.Import(Card(), Generated(100, 1));
        using var connection = Db.Database.Open();

        var plan = string.Join("\n", connection.Query("EXPLAIN QUERY PLAN " + DatasetStore.ChunkQuery,
            new { dataset = "x", source = "production", column = "amount", from = 1, to = 2 }).Select(row => (string)row.detail));

        Assert.True(plan.Contains("(dataset_id=? AND source=? AND column_name=? AND day>? AND day<?)", StringComparison.Ordinal), plan);
        Assert.DoesNotContain("TEMP B-TREE", plan); // ORDER BY day, seq follows the key: no sort
    }

    [Fact]
    public void A_day_over_one_chunk_is_split_and_read_back_in_file_order()
    {
        var id = Db.Import(Card(), Generated(140_000, 1)).DatasetId;
        using var connection = Db.Database.Open();

        var chunks = connection.Query<long>(
            "SELECT row_count FROM column_chunks WHERE dataset_id = @id AND source = 'production' AND column_name = 'amount' ORDER BY seq;", new { id });
        var frame = Db.Store.LoadProduction(id, ["amount"]);

        Assert.Equal([65_536L, 65_536L, 140_000L - 2 * 65_536], chunks);
        Assert.Equal(Enumerable.Range(0, 140_000).Select(i => i * 0.5), ((NumericColumn)frame.Features["amount"]).Values);
    }

    [Fact]
    public void Rows_returning_to_a_day_already_written_get_a_later_chunk_of_that_day()
    {
        // 200,000 rows over 8 days in time order, then two late rows for the first day, long after it was written.
        var folder = Generated(200_000, 8);
        var table = folder["predictions.csv"];
        var rows = table.Rows.Concat([
            ["late1", Iso(Ms(Day0, 23.5)), "0.1", "-1", "US", "0", "m"],
            ["late2", Iso(Ms(Day0, 0.5)), "0.2", "-2", "US", "0", "m"]]).ToList();
        folder["predictions.csv"] = new InMemoryTable(table.Columns, rows);

        var id = Db.Import(Card(), folder).DatasetId;
        var frame = Db.Store.LoadProduction(id, ["amount"], toDayExclusive: Day0 + 1);
        using var connection = Db.Database.Open();
        var chunks = connection.Query<long>("""
            SELECT row_count FROM column_chunks
            WHERE dataset_id = @id AND source = 'production' AND column_name = 'amount' AND day = @day ORDER BY seq;
            """, new { id, day = Day0 });

        Assert.Equal([25_000L, 2L], chunks);
        Assert.Equal(25_002, frame.Count);
        Assert.Equal(Enumerable.Range(0, 25_000).Select(i => i * 0.5).Concat([-1.0, -2.0]), ((NumericColumn)frame.Features["amount"]).Values);
        Assert.Equal(["late1", "late2"], Db.Store.LoadText(id, "txn_id", toDayExclusive: Day0 + 1)[^2..]);
    }
}
