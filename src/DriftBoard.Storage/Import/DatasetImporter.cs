using DriftBoard.Core.Domain;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Formats;
using DriftBoard.Storage.ModelCards;
using DriftBoard.Storage.Store;

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

    /// <summary>Imports the folder described by its <c>model_card.md</c>.</summary>
    public ImportResult Import(string folder, ImportOptions options, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Import(ModelCardParser.Parse(Path.Combine(folder, ModelCardParser.CardFileName)), folder, TabularReader.Open, options,
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
        using var transaction = connection.BeginTransaction(deferred: false);
        using var run = new ImportRun(connection, transaction, datasetId, card, files, pacer);
        run.ReplaceOrRefuse(options.Replace);
        run.InsertDataset(options.Name ?? $"{card.Model}-{card.Version}", _clock.GetUtcNow().ToUnixTimeMilliseconds());
        run.ReadLabels();
        run.ReadPredictions();
        run.QuarantineUnmatchedLabels();
        run.ReadTraining();
        run.CheckBadRowShare(options.MaxBadRowShare);
        pacer.Stage("finishing", files.Predictions.FilePath, run.ProductionRows);
        run.WriteMetadata();
        transaction.Commit();
        return new ImportResult(datasetId, run.ProductionRows, run.TrainingRows, run.LabelledRows, run.Quarantined, pacer.Elapsed);
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
