using System.Globalization;
using System.Text;
using DriftBoard.Core.Demo;
using DriftBoard.Core.Domain;

namespace DriftBoard.Storage.Demo;

/// <summary>
/// Writes a generated demo as a dataset folder: <c>predictions.csv</c>, <c>chargebacks.csv</c>, <c>training.csv</c> and
/// <c>model_card.md</c> (written last, since it carries the launch metrics measured on the training rows). Rows stream
/// from the generator to the files; nothing is held in memory. The hidden truth (the incident, true labels of
/// production rows) is not written anywhere.
/// </summary>
public static class DemoDatasetWriter
{
    public const string PredictionsFile = "predictions.csv";
    public const string ChargebacksFile = "chargebacks.csv";
    public const string TrainingFile = "training.csv";
    public const string ModelCardFile = "model_card.md";

    /// <param name="progress">Rows generated so far (training and production), reported once per generated day.</param>
    public static DemoSummary Write(string outDir, DemoSettings settings, IProgress<long>? progress = null)
    {
        var generator = new DemoGenerator(settings);
        Directory.CreateDirectory(outDir);
        DemoSummary summary;
        using (var sink = new CsvDemoSink(outDir, settings))
            summary = generator.Generate(sink, progress);
        File.WriteAllText(Path.Combine(outDir, ModelCardFile), ModelCard(settings, summary), new UTF8Encoding(false));
        return summary;
    }

    /// <summary>The model card: YAML front matter in the dataset folder contract, then a Markdown body that says nothing of the incident.</summary>
    public static string ModelCard(DemoSettings s, DemoSummary summary)
    {
        var c = CultureInfo.InvariantCulture;
        var trainingStart = s.Start.AddDays(-s.TrainingDays);
        var b = new StringBuilder();
        b.Append("---\n");
        b.Append(c, $"model: {s.Model}\nversion: {s.ModelVersion}\ntask: binary-classification\n");
        b.Append(c, $"target: {s.TargetColumn}\npositive_label: 1\nthreshold: {s.Threshold}\n");
        b.Append(c, $"id_column: {s.IdColumn}\ntimestamp_column: {s.TimestampColumn}\nscore_column: {s.ScoreColumn}\nprediction_column: {s.PredictionColumn}\n");
        b.Append(c, $"predictions: {{file: {PredictionsFile}}}\n");
        b.Append(c, $"labels: {{file: {ChargebacksFile}, id_column: {s.IdColumn}, timestamp_column: {s.ChargebackDateColumn}, maturity_days: {s.MaturityDays}, as_of: {s.AsOf:yyyy-MM-dd}}}\n");
        b.Append(c, $"training: {{file: {TrainingFile}, label_column: {s.TargetColumn}, timestamp_column: {s.TimestampColumn}}}\n");
        b.Append("features:\n");
        foreach (var f in s.Features)
        {
            b.Append(c, $"  - {{name: {Quote(f.Name)}, type: {f.Type.ToString().ToLowerInvariant()}");
            if (f.Type == FeatureType.Numeric) b.Append(c, $", range: [{f.Min}, {f.Max}]");
            if (f.Type == FeatureType.Categorical) b.Append(", values: [").AppendJoin(", ", f.Categories.Select(v => Quote(v.Value))).Append(']');
            if (f.Description.Length > 0) b.Append(", description: ").Append(Quote(f.Description));
            b.Append("}\n");
        }
        var m = summary.LaunchMetrics;
        b.Append(c, $"metrics_at_launch: {{recall: {Math.Round(m.Recall, 3)}, precision: {Math.Round(m.Precision, 3)}, roc_auc: {Math.Round(m.RocAuc, 3)}}}\n");
        b.Append("---\n");
        b.Append(c, $"# {s.Model} {s.ModelVersion}\n\n");
        b.Append("## Purpose\nScores each card transaction for fraud risk at authorisation time. Transactions scoring at or above ");
        b.Append(c, $"{s.Threshold} are flagged for step-up authentication or analyst review.\n\n");
        b.Append(c, $"## Training data\n{summary.TrainingRows:N0} transactions from {trainingStart:yyyy-MM-dd} to {s.Start.AddDays(-1):yyyy-MM-dd}, ");
        b.Append(c, $"labelled by chargebacks with a {s.MaturityDays}-day maturity window (fraud rate about {s.FraudRate:P1}). ");
        b.Append(c, $"Logistic model over {s.Features.Count} features; launch metrics above are measured on that period at the threshold.\n\n");
        b.Append(c, $"## Intended use\nIn production from {s.Start:yyyy-MM-dd}. The score ranks risk; it is not a calibrated probability.\n\n");
        b.Append("## Ground truth\nFraud becomes known when the cardholder's chargeback arrives, typically weeks after the transaction and ");
        b.Append("sometimes months; a transaction with no chargeback after the maturity window counts as legitimate. Recent weeks are therefore ");
        b.Append("immature, and a small share of fraud is never charged back.\n\n");
        b.Append("## Limitations\nThe velocity, device and distance features come from upstream services and a feature store; the model ");
        b.Append("has no defence against those inputs arriving wrong. Markets, merchant categories and channels not seen in training get no learnt effect. ");
        if (s.ExtraColumns.Count > 0)
            b.Append("The predictions log also carries ").AppendJoin(", ", s.ExtraColumns.Select(e => e.Name)).Append(", which the model does not use.");
        b.Append('\n');
        return b.ToString();
    }

    /// <summary>A YAML double-quoted scalar when the text could be misread as plain flow content.</summary>
    private static string Quote(string text) =>
        text.Length > 0 && text.AsSpan().IndexOfAny(":,[]{}#&*!|>'\"%@`") < 0 && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1])
            ? text
            : "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private sealed class CsvDemoSink : IDemoSink, IDisposable
    {
        private readonly DemoSettings _s;
        private readonly CsvLineWriter _predictions, _chargebacks, _training;

        public CsvDemoSink(string outDir, DemoSettings settings)
        {
            _s = settings;
            _predictions = new CsvLineWriter(Path.Combine(outDir, PredictionsFile));
            _chargebacks = new CsvLineWriter(Path.Combine(outDir, ChargebacksFile));
            _training = new CsvLineWriter(Path.Combine(outDir, TrainingFile));
            var features = settings.Features.Select(f => f.Name).ToArray();
            _predictions.Header([settings.IdColumn, settings.TimestampColumn, .. features, settings.ScoreColumn, settings.PredictionColumn,
                .. settings.ExtraColumns.Select(e => e.Name)]);
            _chargebacks.Header([settings.IdColumn, settings.ChargebackDateColumn]);
            _training.Header([settings.TimestampColumn, .. features, settings.TargetColumn]);
        }

        public void Prediction(DemoRow row)
        {
            _predictions.Id(_s.IdPrefix, row.Id);
            _predictions.Timestamp(row.Timestamp);
            Features(_predictions, row);
            _predictions.Real(row.Score);
            _predictions.Integer(row.Flagged ? 1 : 0);
            foreach (var extra in row.Extras) _predictions.Text(extra);
            _predictions.EndRow();
        }

        public void Chargeback(long transactionId, DateTime chargebackAt)
        {
            _chargebacks.Id(_s.IdPrefix, transactionId);
            _chargebacks.Timestamp(chargebackAt);
            _chargebacks.EndRow();
        }

        public void Training(DemoRow row)
        {
            _training.Timestamp(row.Timestamp);
            Features(_training, row);
            _training.Integer(row.IsFraud ? 1 : 0);
            _training.EndRow();
        }

        private static void Features(CsvLineWriter writer, DemoRow row)
        {
            for (var i = 0; i < row.Values.Length; i++)
            {
                if (row.Categories[i] is { } category) writer.Text(category);
                else writer.Real(row.Values[i]);
            }
        }

        public void Dispose()
        {
            _predictions.Dispose();
            _chargebacks.Dispose();
            _training.Dispose();
        }
    }
}
