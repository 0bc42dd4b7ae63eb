namespace DriftBoard.Core.Demo;

/// <summary>
/// One generated transaction. The generator reuses a single instance: read it inside the sink call, never keep it.
/// <see cref="Values"/> and <see cref="Categories"/> follow <see cref="DemoSettings.Features"/> (numeric and boolean values in
/// <see cref="Values"/> with booleans 0/1 and <see cref="Categories"/> null; categorical values in <see cref="Categories"/> with
/// <see cref="Values"/> NaN) and hold what the model saw, i.e. after any input fault; <see cref="Extras"/> follows
/// <see cref="DemoSettings.ExtraColumns"/>. <see cref="IsFraud"/> and <see cref="FraudProbability"/> are the hidden truth.
/// </summary>
public sealed class DemoRow
{
    internal DemoRow(int features, int extras)
    {
        Values = new double[features];
        Categories = new string?[features];
        Extras = new string[extras];
    }

    /// <summary>Sequence number; the written id is <see cref="DemoSettings.IdPrefix"/> followed by it. Training rows count separately.</summary>
    public long Id { get; internal set; }
    /// <summary>UTC, whole seconds.</summary>
    public DateTime Timestamp { get; internal set; }
    public double[] Values { get; }
    public string?[] Categories { get; }
    public string[] Extras { get; }
    /// <summary>The deployed model's score, rounded to 6 decimals (the rounding is what <see cref="Flagged"/> was decided on).</summary>
    public double Score { get; internal set; }
    public bool Flagged { get; internal set; }
    public bool IsFraud { get; internal set; }
    public double FraudProbability { get; internal set; }
}

/// <summary>Where generated rows go: files (the storage writer) or memory (tests). Calls arrive training rows first, then production rows each followed by its chargeback if any.</summary>
public interface IDemoSink
{
    void Training(DemoRow row);
    void Prediction(DemoRow row);
    /// <summary>A chargeback for the production row with this <see cref="DemoRow.Id"/>, arriving at <paramref name="chargebackAt"/> (UTC, on or before as-of).</summary>
    void Chargeback(long transactionId, DateTime chargebackAt);
}

/// <summary>What a generation run produced. Launch metrics are the deployed model's on the training-period rows at the threshold.</summary>
public sealed record DemoSummary(long TrainingRows, long PredictionRows, long FraudRows, long Chargebacks, DemoLaunchMetrics LaunchMetrics);

/// <summary>Recall and precision at the threshold and ROC AUC (from 10,000 score bins; ties within a bin count half).</summary>
public sealed record DemoLaunchMetrics(double Recall, double Precision, double RocAuc);
