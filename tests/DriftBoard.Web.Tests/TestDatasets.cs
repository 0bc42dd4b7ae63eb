using DriftBoard.Core.Domain;

namespace DriftBoard.Web.Tests;

/// <summary>Builds <see cref="DatasetInfo"/> records the way the store would list them.</summary>
internal static class TestDatasets
{
    public static DatasetInfo Create(
        string id, string name, string model, string version,
        long rows, long labelledRows, long quarantinedRows,
        DateTimeOffset? firstEvent, DateTimeOffset? lastEvent)
    {
        var asOf = lastEvent ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var card = new ModelCard(
            Model: model,
            Version: version,
            Task: "binary_classification",
            Target: "is_fraud",
            PositiveLabel: "1",
            Threshold: 0.5,
            IdColumn: "transaction_id",
            TimestampColumn: "ts",
            ScoreColumn: "score",
            PredictionColumn: null,
            PredictionsFile: "predictions.csv",
            Labels: new PositiveEventsLabels("chargebacks.csv", "transaction_id", "reported_at", 60, asOf),
            Training: new TrainingSpec("training.csv", "is_fraud", null),
            Features: [new FeatureSpec("amount", FeatureType.Numeric)],
            MetricsAtLaunch: new Dictionary<string, double> { ["auc"] = 0.9 },
            Body: "");
        return new DatasetInfo(id, name, model, version, rows, TrainingRows: rows / 2, labelledRows, quarantinedRows,
            firstEvent, lastEvent, asOf, ImportedAt: asOf, card);
    }
}
