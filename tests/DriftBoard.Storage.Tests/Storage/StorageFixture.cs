using Dapper;
using DriftBoard.Core.Domain;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Store;
using Microsoft.Data.Sqlite;

namespace DriftBoard.Storage.Tests.Storage;

/// <summary>A fresh database file in a temporary folder, with the importer and store over it.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "driftboard-tests", Guid.NewGuid().ToString("N"));

    public TempDatabase()
    {
        Database = new DriftBoardDatabase(Path.Combine(_directory, "driftboard.db"));
        Importer = new DatasetImporter(Database, new FixedClock(DateTimeOffset.Parse("2025-01-01T00:00:00Z")));
        Store = new DatasetStore(Database);
    }

    public DriftBoardDatabase Database { get; }
    public DatasetImporter Importer { get; }
    public DatasetStore Store { get; }

    public ImportResult Import(ModelCard card, InMemoryFolder folder, ImportOptions? options = null,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Importer.Import(card, InMemoryFolder.Path, folder.Open, options ?? new ImportOptions(MaxBadRowShare: 1), progress, cancellationToken);

    /// <summary>Everything a failed import must leave untouched: row counts of every table, the datasets and the chunk bytes.</summary>
    public string Snapshot()
    {
        using var connection = Database.Open();
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;").ToList();
        var counts = tables.Select(t => $"{t}={connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM \"{t}\";")}");
        var datasets = connection.Query<string>("SELECT id || ':' || rows || ':' || training_rows || ':' || quarantined_rows FROM datasets ORDER BY id;");
        var bytes = connection.ExecuteScalar<long>("SELECT COALESCE(SUM(length(data)), 0) FROM column_chunks;");
        return string.Join(" ", counts.Concat(datasets).Append($"bytes={bytes}"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>A small fraud-model card and folder the tests vary.</summary>
internal static class FraudDataset
{
    public const long DayMs = 86_400_000;

    /// <summary>Day 20000 is 2024-10-04 UTC.</summary>
    public const long Day0 = 20_000;

    public static readonly FeatureSpec Amount = new("amount", FeatureType.Numeric);
    public static readonly FeatureSpec Country = new("country", FeatureType.Categorical, Values: ["US", "DE"]);
    public static readonly FeatureSpec IsNew = new("is_new", FeatureType.Boolean);

    public static long Ms(long day, double hours = 0) => day * DayMs + (long)(hours * 3_600_000);

    public static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");

    public static PositiveEventsLabels Chargebacks(DateTimeOffset asOf, int maturityDays = 30) =>
        new("chargebacks.csv", "txn_id", "reported_at", maturityDays, asOf);

    public static ModelCard Card(LabelSource? labels = null, string? predictionColumn = null, string? trainingTimestamp = null) => new(
        Model: "Fraud Scorer",
        Version: "2.1",
        Task: "binary_classification",
        Target: "is_fraud",
        PositiveLabel: "1",
        Threshold: 0.5,
        IdColumn: "txn_id",
        TimestampColumn: "ts",
        ScoreColumn: "score",
        PredictionColumn: predictionColumn,
        PredictionsFile: "predictions.csv",
        Labels: labels ?? Chargebacks(DateTimeOffset.FromUnixTimeMilliseconds(Ms(Day0 + 60))),
        Training: new TrainingSpec("training.csv", "is_fraud", trainingTimestamp),
        Features: [Amount, Country, IsNew],
        MetricsAtLaunch: new Dictionary<string, double> { ["auc"] = 0.91, ["recall"] = 0.7 },
        Body: "# Fraud scorer\nScores card transactions.");

    public static InMemoryTable Training(params string[] lines) =>
        InMemoryTable.Of("amount,country,is_new,is_fraud", lines.Length > 0 ? lines : ["10,US,0,0", "900,DE,1,1"]);

    public static InMemoryTable NoChargebacks() => InMemoryTable.Of("txn_id,reported_at");

    /// <summary>
    /// <paramref name="rows"/> generated production rows over <paramref name="days"/> days (in time order), a chargeback for every
    /// 50th id and a small training file; values are a function of the row number so tests can recompute them.
    /// </summary>
    public static InMemoryFolder Generated(int rows, int days)
    {
        var predictions = new List<string[]>(rows);
        var chargebacks = new List<string[]>();
        for (var i = 0; i < rows; i++)
        {
            var ts = Ms(Day0) + (long)i * days * DayMs / rows;
            predictions.Add([$"t{i}", Iso(ts), (i % 100 / 100.0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                (i * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture), i % 3 == 0 ? "US" : "FR", (i % 2).ToString(), $"m{i % 7}"]);
            if (i % 50 == 0) chargebacks.Add([$"t{i}", Iso(ts + DayMs)]);
        }
        return new InMemoryFolder
        {
            ["predictions.csv"] = new(["txn_id", "ts", "score", "amount", "country", "is_new", "merchant"], predictions),
            ["chargebacks.csv"] = new(["txn_id", "reported_at"], chargebacks),
            ["training.csv"] = Training(),
        };
    }
}

/// <summary>Tests that each get a fresh database file, removed afterwards.</summary>
public abstract class DatabaseTest : IDisposable
{
    internal TempDatabase Db { get; } = new();

    public void Dispose()
    {
        Db.Dispose();
        GC.SuppressFinalize(this);
    }
}
