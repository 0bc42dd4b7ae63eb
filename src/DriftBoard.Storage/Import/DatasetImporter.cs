using DriftBoard.Core.Domain;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Formats;
using DriftBoard.Storage.ModelCards;
using DriftBoard.Storage.Store;
using Microsoft.Data.Sqlite;

namespace DriftBoard.Storage.Import;

/// <summary>
/// Imports a dataset folder (model card, predictions, labels, training data) into the database in one transaction:
/// a failure, a cancellation or a killed process leaves the database as it was.
/// </summary>
public sealed class DatasetImporter(DriftBoardDatabase database, TimeProvider? clock = null)
{
    public const string ProductionSource = "production";
    public const string TrainingSource = "training";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Bounds on one row of the folder's text files (<see cref="Import(string, ImportOptions, IProgress{ImportProgress}?, CancellationToken)"/> only).</summary>
    public TabularReaderLimits ReaderLimits { get; init; } = TabularReaderLimits.Default;

    /// <summary>Imports the folder described by its <c>model_card.md</c>.</summary>
    public ImportResult Import(string folder, ImportOptions options, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Import(ModelCardParser.Parse(Path.Combine(folder, ModelCardParser.CardFileName)), folder, path => TabularReader.Open(path, ReaderLimits), options,
            progress, cancellationToken);

    /// <summary>
    /// Imports the files <paramref name="card"/> names in <paramref name="folder"/>, opened through <paramref name="openFile"/>
    /// (given the full path). Labels are read first, then predictions, then training rows.
    /// </summary>
    /// <exception cref="DatasetContractException">A file or column is missing, or too many rows are bad.</exception>
    /// <exception cref="DatasetExistsException">The dataset is already there and <see cref="ImportOptions.Replace"/> is off.</exception>
    public ImportResult Import(ModelCard card, string folder, Func<string, ITabularReader> openFile, ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(options);
        ValidateCard(card);
        var datasetId = DatasetId.For(options.Name, card.Model, card.Version);
        var pacer = new ImportPacer(progress, cancellationToken);

        using var files = new DatasetFiles(card, folder, openFile);
        using var connection = database.Open();
        using var transaction = BeginWriting(connection, cancellationToken);
        using var run = new ImportRun(connection, transaction, datasetId, card, files, pacer);
        run.ReplaceOrRefuse(options.Replace);
        run.InsertDataset(options.Name ?? $"{card.Model}-{card.Version}", _clock.GetUtcNow().ToUnixTimeMilliseconds());
        run.ReadLabels();
        run.ReadPredictions();
        if (run.ProductionRowsRead == 0)
            throw new DatasetContractException(files.Predictions.FilePath, "the file has no rows after its header; nothing was imported", "predictions_file");
        run.QuarantineUnmatchedLabels();
        run.ReadTraining();
        run.CheckBadRowShare(options.MaxBadRowShare);
        if (run.ProductionRows == 0)
            throw new DatasetContractException(files.Predictions.FilePath,
                $"none of its {run.ProductionRowsRead:N0} rows could be imported; nothing was imported", "predictions_file");
        pacer.Stage("finishing", files.Predictions.FilePath, run.ProductionRows);
        run.WriteMetadata();
        transaction.Commit();
        return new ImportResult(datasetId, run.ProductionRows, run.TrainingRows, run.LabelledRows, run.Quarantined, pacer.Elapsed);
    }

    /// <summary>
    /// Takes the database's write lock (BEGIN IMMEDIATE). Imports queue behind each other: while another import holds the lock,
    /// each attempt waits the connection's busy timeout, then tries again until <paramref name="cancellationToken"/> fires,
    /// so a second import waits for a long first one instead of failing after ten seconds.
    /// </summary>
    private static SqliteTransaction BeginWriting(SqliteConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return connection.BeginTransaction(deferred: false);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED)
            {
                // Another writer holds the lock past the busy timeout: try again.
            }
        }
    }

    private static void ValidateCard(ModelCard card)
    {
        foreach (var feature in card.Features)
            if (feature.Name.StartsWith(SystemColumn.Prefix, StringComparison.Ordinal))
                throw new DatasetContractException("model_card.md", $"feature names may not start with '{SystemColumn.Prefix}'", feature.Name);
        var duplicate = card.Features.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new DatasetContractException("model_card.md", "feature declared twice", duplicate.Key);
        if (card.Labels is PositiveEventsLabels { MaturityDays: < 0 })
            throw new DatasetContractException("model_card.md", "maturity_days must not be negative", "labels.maturity_days");
    }
}

/// <summary>
/// Event, label and training times must fall in [1970-01-01, 2100-01-01) UTC. Times outside are almost always a unit
/// or parsing bug upstream (seconds read as days, a 9999-12-31 "never" marker); kept, they would stretch every time axis
/// and window list across centuries. Such a row is quarantined with <see cref="Reason"/>. A fixed range, not one relative
/// to today, so the same file always imports the same way.
/// </summary>
public static class TimestampRange
{
    public const long MinMs = 0;

    /// <summary>2100-01-01T00:00:00Z.</summary>
    public const long MaxMs = 4_102_444_800_000;

    public const string Reason = "timestamp outside 1970-01-01..2099-12-31";
}
