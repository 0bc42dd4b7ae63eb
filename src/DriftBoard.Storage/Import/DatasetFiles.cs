using DriftBoard.Core.Domain;
using DriftBoard.Storage.Formats;

namespace DriftBoard.Storage.Import;

/// <summary>
/// The three files of a dataset folder, opened and checked against the card before anything is written:
/// a missing file or a column the card names but the file lacks is a <see cref="DatasetContractException"/>.
/// </summary>
internal sealed class DatasetFiles : IDisposable
{
    private readonly List<ITabularReader> _open = [];

    public DatasetFiles(ModelCard card, string folder, Func<string, ITabularReader> openFile)
    {
        Folder = folder;
        OpenFile = openFile;
        try
        {
            Predictions = Open(card.PredictionsFile, "predictions_file");
            Require(Predictions, card.IdColumn, "id_column");
            Require(Predictions, card.TimestampColumn, "timestamp_column");
            Require(Predictions, card.ScoreColumn, "score_column");
            if (card.PredictionColumn is not null) Require(Predictions, card.PredictionColumn, "prediction_column");
            foreach (var feature in card.Features) Require(Predictions, feature.Name, "features");

            Labels = Open(card.Labels.File, "labels.file");
            Require(Labels, card.Labels.IdColumn, "labels.id_column");
            switch (card.Labels)
            {
                case PositiveEventsLabels events:
                    Require(Labels, events.TimestampColumn, "labels.timestamp_column");
                    break;
                case ExplicitLabels explicitLabels:
                    Require(Labels, explicitLabels.LabelColumn, "labels.label_column");
                    if (explicitLabels.TimestampColumn is not null) Require(Labels, explicitLabels.TimestampColumn, "labels.timestamp_column");
                    break;
                default:
                    throw new DatasetContractException(card.Labels.File, $"unsupported label source {card.Labels.GetType().Name}", "labels");
            }

            Training = Open(card.Training.File, "training.file");
            Require(Training, card.Training.LabelColumn, "training.label_column");
            if (card.Training.TimestampColumn is not null) Require(Training, card.Training.TimestampColumn, "training.timestamp_column");
            foreach (var feature in card.Features) Require(Training, feature.Name, "features");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Folder { get; }
    public Func<string, ITabularReader> OpenFile { get; }
    public ITabularReader Predictions { get; } = null!;
    public ITabularReader Labels { get; } = null!;
    public ITabularReader Training { get; } = null!;

    /// <summary>Opens a file of the folder, mapping a missing file to a contract error that names it and the card key.</summary>
    public ITabularReader Open(string file, string cardKey)
    {
        var path = Path.Combine(Folder, file);
        // The card is as untrusted as the files (an uploaded zip): it may only name files inside its own folder.
        var root = Path.GetFullPath(Folder);
        if (Path.IsPathRooted(file) || !Path.GetFullPath(path).StartsWith(Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new DatasetContractException(ModelCards.ModelCardParser.CardFileName, $"'{file}' is outside the dataset folder; name a file inside it", cardKey);
        try
        {
            var reader = OpenFile(path);
            _open.Add(reader);
            return reader;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetContractException(path, "file not found", cardKey);
        }
    }

    private static void Require(ITabularReader reader, string column, string cardKey)
    {
        if (FeatureParser.IndexOf(reader.Columns, column) < 0)
            throw new DatasetContractException(reader.FilePath,
                $"column '{column}' named by the card ({cardKey}) is not in the file; it has: {string.Join(", ", reader.Columns)}", column);
    }

    public void Dispose()
    {
        foreach (var reader in _open) reader.Dispose();
        _open.Clear();
    }
}
