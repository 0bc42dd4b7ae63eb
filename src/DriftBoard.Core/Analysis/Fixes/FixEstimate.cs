namespace DriftBoard.Core.Analysis.Fixes;

/// <summary>
/// One proposed fix with its simulated effect on the matured labelled rows of the affected period.
/// Recall figures are shares of labelled positives flagged; NaN where the data did not allow an estimate (the method says why).
/// </summary>
/// <param name="Kind"><see cref="ShortTerm"/> or <see cref="Structural"/>.</param>
/// <param name="ExpectedRecallLow">Lower end of the bootstrap percentile interval.</param>
/// <param name="AlertRateChange">Relative change of the share of rows flagged versus the current model on the same rows (−0.1 = 10% fewer alerts); NaN when the current model flags none.</param>
/// <param name="Method">How the numbers were obtained, in one sentence for the report.</param>
public sealed record FixEstimate(
    string Kind,
    string Title,
    string Description,
    double ExpectedRecall,
    double ExpectedRecallLow,
    double ExpectedRecallHigh,
    double ExpectedPrecision,
    double AlertRateChange,
    string Method)
{
    public const string ShortTerm = "short_term";
    public const string Structural = "structural";
}

/// <param name="Resamples">Bootstrap resamples of the evaluation rows for the recall interval.</param>
/// <param name="Confidence">Coverage of the percentile interval.</param>
/// <param name="MaxRows">Evaluation rows beyond this are subsampled (seeded).</param>
public sealed record FixSimulationOptions(int Resamples = 200, int Seed = 1234, double Confidence = 0.95, int MaxRows = 200_000)
{
    public static FixSimulationOptions Default { get; } = new();
}

/// <summary>
/// The retrain fix, backtested in time: trained on window A, evaluated on the following window B, at two thresholds.
/// </summary>
/// <param name="AtCurrentAlertRate">The retrained model thresholded to flag the same share of B as the current model.</param>
/// <param name="AtBaselineRecall">The retrained model thresholded (on A) to reach the baseline recall, evaluated on B.</param>
/// <param name="CurrentRecall">The current model's recall on B.</param>
/// <param name="CurrentPrecision">The current model's precision on B.</param>
public sealed record RetrainSimulation(
    FixEstimate AtCurrentAlertRate,
    FixEstimate AtBaselineRecall,
    double CurrentRecall,
    double CurrentPrecision,
    int TrainRows,
    int EvaluationRows,
    bool Converged);
