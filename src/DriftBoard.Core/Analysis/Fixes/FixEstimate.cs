using DriftBoard.Core.Analysis.Report;
namespace DriftBoard.Core.Analysis.Fixes;

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
    Fix AtCurrentAlertRate,
    Fix AtBaselineRecall,
    double CurrentRecall,
    double CurrentPrecision,
    int TrainRows,
    int EvaluationRows,
    bool Converged);
