namespace DriftBoard.Core.Analysis.Performance;

/// <summary>
/// Realised performance of the model over one time window, from the labels known at as-of. Every rate is NaN where it is
/// undefined (no positives, no flagged labelled rows, one class only) or not yet meaningful (see <see cref="Precision"/>).
/// </summary>
/// <param name="Start">First day of the window.</param>
/// <param name="End">First day after the window (exclusive).</param>
/// <param name="Rows">Production rows in the window.</param>
/// <param name="Labelled">Rows whose label is known at as-of.</param>
/// <param name="Positives">Known positives.</param>
/// <param name="TruePositives">Known positives the model flagged.</param>
/// <param name="Flagged">Rows the model flagged, labelled or not.</param>
/// <param name="LabelMaturity">Expected share of the window's labels arrived at as-of (see <see cref="Performance.LabelMaturity"/>).</param>
/// <param name="PastMaturityShare">Share of rows past the negative-by-maturity horizon; NaN without that rule.</param>
/// <param name="Provisional">Label maturity below the setting: the numbers will still move as labels arrive.</param>
/// <param name="TooSmall">Fewer known positives than the setting: too few to ever be read as degraded.</param>
/// <param name="Recall">
/// TP / known positives. In a provisional window this is the recall of the positives that have arrived so far, which
/// may differ from the final recall when slow-arriving positives are scored differently.
/// </param>
/// <param name="Precision">
/// TP / flagged labelled rows. NaN (with <see cref="PrecisionLow"/>/<see cref="PrecisionHigh"/>, <see cref="RocAuc"/> and
/// <see cref="PrAuc"/> and their bounds) while fewer than the provisional share of rows are past the negative-by-maturity
/// horizon: until negatives are known the labelled rows are mostly positives and these would read near-perfect.
/// </param>
/// <param name="AlertRate">Share of all rows flagged.</param>
/// <param name="RocAuc">ROC AUC on labelled rows (ties one half), bounds from a seeded bootstrap.</param>
/// <param name="PrAuc">Average precision on labelled rows, bounds from the same bootstrap resamples.</param>
public sealed record WindowPerformance(
    DateOnly Start,
    DateOnly End,
    int Rows,
    int Labelled,
    int Positives,
    int TruePositives,
    int Flagged,
    double LabelMaturity,
    double PastMaturityShare,
    bool Provisional,
    bool TooSmall,
    double Recall,
    double RecallLow,
    double RecallHigh,
    double Precision,
    double PrecisionLow,
    double PrecisionHigh,
    double AlertRate,
    double RocAuc,
    double RocAucLow,
    double RocAucHigh,
    double PrAuc,
    double PrAucLow,
    double PrAucHigh)
{
    /// <summary>Mature and large enough that a low recall here may be read as degradation.</summary>
    public bool Readable => !Provisional && !TooSmall;
}
