using static DriftBoard.Storage.Tests.Storage.FraudDataset;

namespace DriftBoard.Storage.Tests.Storage;

/// <summary>A failed import of any kind leaves the database as it was; replacing never duplicates rows.</summary>
public sealed class AtomicityTests : DatabaseTest
{
    // More rows than one chunk, so a failure happens after chunks were already written inside the transaction.
    private const int Rows = 150_000;
    private readonly string _before;

    public AtomicityTests()
    {
        Db.Import(Card() with { Model = "existing" }, Generated(2_000, 3));
        _before = Db.Snapshot();
    }

    [Fact]
    public void Too_many_bad_rows_fails_naming_the_file_and_count_and_changes_nothing()
    {
        var folder = Generated(1_000, 2);
        var predictions = folder["predictions.csv"];
        // Rows with no chargeback (ids not multiples of 50), so each bad row is one problem: 0.5% of the rows > 0.1%.
        for (var i = 0; i < 5; i++) predictions.Rows[i * 100 + 1][3] = "oops";

        var error = Assert.Throws<DatasetContractException>(() => Db.Import(Card(), folder, new ImportOptions()));

        Assert.EndsWith("predictions.csv", error.File);
        Assert.Contains("5 bad rows", error.Message);
        Assert.Equal(_before, Db.Snapshot());
    }

    [Fact]
    public void Bad_rows_within_the_allowed_share_are_imported_around()
    {
        var folder = Generated(1_000, 2);
        folder["predictions.csv"].Rows[10][3] = "oops";

        var result = Db.Import(Card(), folder, new ImportOptions(MaxBadRowShare: 0.01));

        Assert.Equal((999L, 1L), (result.Rows, result.QuarantinedRows));
    }

    [Fact]
    public void A_reader_failure_mid_import_rolls_everything_back()
    {
        var folder = Generated(Rows, 1);
        var table = folder["predictions.csv"];
        folder["predictions.csv"] = new InMemoryTable(table.Columns, table.Rows) { FailAfterRows = 140_000 };

        Assert.Throws<IOException>(() => Db.Import(Card(), folder));

        Assert.Equal(_before, Db.Snapshot());
    }

    [Fact]
    public void Cancellation_mid_import_rolls_everything_back()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Stage == "predictions" && p.Rows > 70_000) cancellation.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => Db.Import(Card(), Generated(Rows, 1), progress: progress,
            cancellationToken: cancellation.Token));

        Assert.True(cancellation.IsCancellationRequested);
        Assert.Equal(_before, Db.Snapshot());
    }

    [Fact]
    public void A_missing_file_or_column_fails_before_anything_is_written()
    {
        var noTraining = Generated(10, 1);
        noTraining.Remove("training.csv");
        var missingFile = Assert.Throws<DatasetContractException>(() => Db.Import(Card(), noTraining));
        Assert.EndsWith("training.csv", missingFile.File);

        var noAmount = Generated(10, 1);
        var table = noAmount["predictions.csv"];
        noAmount["predictions.csv"] = new InMemoryTable(table.Columns.Select(c => c == "amount" ? "amt" : c).ToArray(), table.Rows);
        var missingColumn = Assert.Throws<DatasetContractException>(() => Db.Import(Card(), noAmount));
        Assert.EndsWith("predictions.csv", missingColumn.File);
        Assert.Equal("amount", missingColumn.Key);

        Assert.Equal(_before, Db.Snapshot());
    }

    [Fact]
    public void Reimport_is_refused_without_replace_and_never_duplicates_with_it()
    {
        var first = Db.Import(Card(), Generated(Rows, 2));
        var imported = Db.Snapshot();

        var refused = Assert.Throws<DatasetExistsException>(() => Db.Import(Card(), Generated(Rows, 2)));
        Assert.Equal(first.DatasetId, refused.DatasetId);
        Assert.Equal(imported, Db.Snapshot());

        var replaced = Db.Import(Card(), Generated(Rows, 2), new ImportOptions(Replace: true, MaxBadRowShare: 1));

        Assert.Equal(first.Rows, replaced.Rows);
        Assert.Equal(imported, Db.Snapshot());
        Assert.Equal(Rows, Db.Store.LoadProduction(first.DatasetId, ["amount"]).Count);
        Assert.True(Db.Store.Delete(first.DatasetId));
        Assert.False(Db.Store.Delete(first.DatasetId));
        Assert.Equal(_before, Db.Snapshot());
    }

    [Fact]
    public void A_failed_replace_keeps_the_old_dataset()
    {
        var folder = Generated(Rows, 1);
        var table = folder["predictions.csv"];
        folder["predictions.csv"] = new InMemoryTable(table.Columns, table.Rows) { FailAfterRows = 100_000 };

        Assert.Throws<IOException>(() =>
            Db.Import(Card() with { Model = "existing" }, folder, new ImportOptions(Replace: true, MaxBadRowShare: 1)));

        Assert.Equal(_before, Db.Snapshot());
        Assert.Equal(2_000, Db.Store.LoadProduction("existing-2.1", []).Count);
    }
}
