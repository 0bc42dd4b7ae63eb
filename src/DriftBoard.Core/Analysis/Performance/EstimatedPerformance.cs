using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Performance;

/// <summary>
/// Label-free performance estimate of one window. Rows with a NaN score are left out of every expectation.
/// </summary>
/// <param name="ScoredRows">Rows with a score (the rows the expectations are over).</param>
/// <param name="ExpectedRecall">Σ p over flagged rows / Σ p over all rows; NaN when Σ p is 0 or no row is scored.</param>
/// <param name="ExpectedPrecision">Mean p over flagged rows; NaN when nothing is flagged.</param>
/// <param name="ExpectedPositiveRate">Mean p over all scored rows: the positive rate the calibration expects.</param>
/// <param name="AlertRate">Share of scored rows flagged.</param>
public sealed record EstimatedWindowPerformance(
    DateOnly Start,
    DateOnly End,
    int Rows,
    int ScoredRows,
    double ExpectedRecall,
    double ExpectedPrecision,
    double ExpectedPositiveRate,
    double AlertRate);

/// <summary>The calibration used and the per-window estimates.</summary>
/// <param name="Reference">The period whose mature labelled rows fitted <paramref name="Calibration"/>.</param>
public sealed record EstimatedPerformanceResult(
    TimeWindow Reference,
    ScoreCalibration Calibration,
    IReadOnlyList<EstimatedWindowPerformance> Windows);

/// <summary>
/// Confidence-based performance estimation (CBPE): what recall and precision should be if the score still means what it
/// meant in the healthy reference period, for every window — including those whose labels have not arrived.
/// <para>
/// The score is calibrated to a probability p by isotonic regression on the mature labelled rows of the reference period
/// (labels known, and with a positive-events feed at least <c>MaturityDays</c> old, so unlisted rows really are negative).
/// Then per window, treating each row as positive with probability p: expected TP = Σ p over flagged rows, expected
/// positives = Σ p over all rows, expected recall = their ratio and expected precision = mean p over flagged rows.
/// </para>
/// <para>
/// The estimate follows changes in which scores the model gives (covariate shift) but not changes in what a score means
/// (concept drift): a gap between realised and estimated recall in mature windows is itself the sign of concept drift.
/// </para>
/// </summary>
public static class EstimatedPerformance
{
    public static EstimatedPerformanceResult Compute(DatasetFrame frame, IReadOnlyList<TimeWindow> windows, AnalysisContext context)
    {
        var reference = ReferencePeriod(frame, context);
        var calibration = Calibrate(frame, reference, context);
        var ranges = WindowRows.Ranges(frame.Timestamps, windows);
        var estimates = new EstimatedWindowPerformance[windows.Count];
        for (var w = 0; w < windows.Count; w++)
        {
            estimates[w] = Estimate(frame, windows[w], ranges[w], calibration);
        }

        return new EstimatedPerformanceResult(reference, calibration, estimates);
    }

    /// <summary>
    /// <see cref="AnalysisContext.Reference"/>, or the first <see cref="PerformanceSettings.DefaultReferenceDays"/> days
    /// from the frame's first row (from the as-of day for an empty frame).
    /// </summary>
    public static TimeWindow ReferencePeriod(DatasetFrame frame, AnalysisContext context)
    {
        if (context.Reference is { } reference)
        {
            return reference;
        }

        var first = UtcDays.ToDate(frame.Count > 0 ? frame.Timestamps[0] : context.AsOfMs);
        return new TimeWindow(first, first.AddDays(context.Settings.DefaultReferenceDays));
    }

    /// <summary>Fits the isotonic calibration on the mature labelled rows of <paramref name="reference"/>.</summary>
    public static ScoreCalibration Calibrate(DatasetFrame frame, TimeWindow reference, AnalysisContext context)
    {
        var rows = WindowRows.Ranges(frame.Timestamps, [reference])[0];
        var labels = frame.Labels.AsSpan(rows.Start, rows.Length);
        var timestamps = frame.Timestamps.AsSpan(rows.Start, rows.Length);
        var matureLabels = new sbyte[rows.Length];
        var latestMature = context.MaturityMs is { } horizon ? context.AsOfMs - horizon : long.MaxValue;
        for (var i = 0; i < rows.Length; i++)
        {
            matureLabels[i] = timestamps[i] <= latestMature ? labels[i] : LabelValue.Unknown;
        }

        return ScoreCalibration.FitIsotonic(frame.Scores.AsSpan(rows.Start, rows.Length), matureLabels);
    }

    /// <summary>The CBPE estimate for the rows <paramref name="rows"/> of <paramref name="frame"/>.</summary>
    public static EstimatedWindowPerformance Estimate(DatasetFrame frame, TimeWindow window, RowRange rows, ScoreCalibration calibration)
    {
        var scores = frame.Scores.AsSpan(rows.Start, rows.Length);
        var predictions = frame.Predictions.AsSpan(rows.Start, rows.Length);
        double sumAll = 0, sumFlagged = 0;
        int scored = 0, flagged = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var p = calibration.Probability(scores[i]);
            if (double.IsNaN(p))
            {
                continue;
            }

            scored++;
            sumAll += p;
            if (predictions[i] != 0)
            {
                flagged++;
                sumFlagged += p;
            }
        }

        return new EstimatedWindowPerformance(
            window.Start,
            window.EndExclusive,
            rows.Length,
            scored,
            sumAll > 0 ? sumFlagged / sumAll : double.NaN,
            flagged > 0 ? sumFlagged / flagged : double.NaN,
            scored > 0 ? sumAll / scored : double.NaN,
            scored > 0 ? (double)flagged / scored : double.NaN);
    }
}
