using static DriftBoard.Storage.Tests.Storage.FraudDataset;

namespace DriftBoard.Storage.Tests.Storage;

public sealed class QuarantineTests : DatabaseTest
{
    [Fact]
    public void Each_row_problem_is_quarantined_with_file_line_column_value_and_reason()
    {
        var folder = new InMemoryFolder
        {
            ["predictions.csv"] = InMemoryTable.Of("txn_id,ts,score,amount,country,is_new",
                $"ok1,{Iso(Ms(Day0))},0.1,1,US,0",                  // line 2
                $"bad-amount,{Iso(Ms(Day0))},0.1,12,5,US,0",         // line 3: a stray comma shifts "5" into country, "US" into is_new
                "bad-ts,yesterday,0.1,1,US,0",                       // line 4
                $"ok1,{Iso(Ms(Day0))},0.2,1,US,0",                   // line 5: duplicate id
                $",{Iso(Ms(Day0))},0.2,1,US,0",                      // line 6: missing id
                $"bad-score,{Iso(Ms(Day0))},high,1,US,0",            // line 7
                $"bad-amount2,{Iso(Ms(Day0))},0.3,1.2.3,US,0",       // line 8
                $"ok2,{Iso(Ms(Day0, 1))},0.9,2,DE,1"),               // line 9
            ["chargebacks.csv"] = InMemoryTable.Of("txn_id,reported_at",
                $"ok2,{Iso(Ms(Day0 + 2))}",                          // line 2
                $"ghost,{Iso(Ms(Day0 + 2))}",                        // line 3: no such prediction
                "ok1,not-a-date"),                                   // line 4
            ["training.csv"] = Training("10,US,0,0", "ten,US,0,0"),  // line 3: bad amount
        };

        var result = Db.Import(Card(), folder);

        Assert.Equal(2, result.Rows);
        Assert.Equal(1, result.TrainingRows);
        var rows = Db.Store.Quarantine(result.DatasetId);
        var predictions = Path.Combine(InMemoryFolder.Path, "predictions.csv");
        var chargebacks = Path.Combine(InMemoryFolder.Path, "chargebacks.csv");
        var training = Path.Combine(InMemoryFolder.Path, "training.csv");
        Assert.Equal(
        [
            new QuarantinedRow(chargebacks, 4, "reported_at", "not-a-date", "not a timestamp"),
            new QuarantinedRow(predictions, 3, "is_new", "US", "not a boolean"),
            new QuarantinedRow(predictions, 4, "ts", "yesterday", "not a timestamp"),
            new QuarantinedRow(predictions, 5, "txn_id", "ok1", "duplicate id"),
            new QuarantinedRow(predictions, 6, "txn_id", "", "missing id"),
            new QuarantinedRow(predictions, 7, "score", "high", "not a number"),
            new QuarantinedRow(predictions, 8, "amount", "1.2.3", "not a number"),
            new QuarantinedRow(chargebacks, 3, "txn_id", "ghost", "label for an unknown id"),
            new QuarantinedRow(training, 3, "amount", "ten", "not a number"),
        ], rows);
        Assert.Equal(rows.Count, result.QuarantinedRows);
        Assert.Equal(rows.Count, Db.Store.Find(result.DatasetId)!.QuarantinedRows);
        Assert.Equal(["ok1", "ok2"], Db.Store.LoadText(result.DatasetId, "txn_id"));
        Assert.Equal(2, Db.Store.Quarantine(result.DatasetId, limit: 2).Count);
    }

    [Fact]
    public void A_quarantined_row_adds_no_category()
    {
        var folder = new InMemoryFolder
        {
            ["predictions.csv"] = InMemoryTable.Of("txn_id,ts,score,amount,country,is_new",
                $"a,{Iso(Ms(Day0))},0.1,bad,JP,0", $"b,{Iso(Ms(Day0))},0.1,1,FR,0"),
            ["chargebacks.csv"] = NoChargebacks(),
            ["training.csv"] = Training(),
        };

        var frame = Db.Store.LoadProduction(Db.Import(Card(), folder).DatasetId);

        Assert.Equal(["US", "DE", "FR"], ((Core.Domain.CategoricalColumn)frame.Features["country"]).Categories);
    }

    [Fact]
    public void A_row_the_reader_cannot_split_is_quarantined_whole_with_the_readers_reason()
    {
        var dir = Directory.CreateTempSubdirectory("driftboard-malformed-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(dir, "predictions.csv"),
            [
                "txn_id,ts,score,amount,country,is_new",
                $"a,{Iso(Ms(Day0))},0.1,1,US,0",
                $"b,{Iso(Ms(Day0))},0.1,1,US",           // line 3: one field short
                $"c,{Iso(Ms(Day0))},0.2,1,\"DE\"x,0",     // line 4: text after a closing quote
                $"d,{Iso(Ms(Day0))},0.3,2,DE,1",
            ]);
            File.WriteAllLines(Path.Combine(dir, "chargebacks.csv"), ["txn_id,reported_at"]);
            File.WriteAllLines(Path.Combine(dir, "training.csv"), ["amount,country,is_new,is_fraud", "1,US,0,0"]);

            var result = Db.Importer.Import(Card(), dir, DriftBoard.Storage.Formats.TabularReader.Open, new ImportOptions(MaxBadRowShare: 1));

            Assert.Equal(2, result.Rows);
            var rows = Db.Store.Quarantine(result.DatasetId);
            Assert.Equal([3L, 4L], rows.Select(r => r.Line));
            Assert.All(rows, r => Assert.Null(r.Column));
            Assert.Contains("field", rows[0].Reason, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(["a", "d"], Db.Store.LoadText(result.DatasetId, "txn_id"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
