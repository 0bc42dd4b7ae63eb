using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Detail;

/// <summary>
/// The model at one threshold (flag when score ≥ <see cref="Threshold"/>) on the curve's rows.
/// <see cref="Recall"/> is NaN without known positives; <see cref="Precision"/> (TP / flagged) NaN when nothing is flagged;
/// <see cref="DailyAlerts"/> is flagged rows per day that has rows.
/// </summary>
public sealed record ThresholdPoint(double Threshold, long Flagged, long TruePositives, double Recall, double Precision, double DailyAlerts);

/// <summary>
/// Recall, precision and daily alert volume over a grid of thresholds, on matured labels: the rows of the readable
/// (mature, large enough) windows, from <see cref="From"/> on when the analysis found where the trouble started.
/// As for the fixes (<see cref="Fixes.FixScope"/>), a row of a readable window without a positive label is presumed
/// negative: a chargeback feed confirms negatives only after its maturity period, and without the presumption the
/// recent windows would hold positives only and precision would read near-perfect.
/// <para>
/// Scores are counted once into one bucket per grid interval ([t_k, t_(k+1)), with everything below t_0 and from the
/// last grid value up in the end buckets); every point is then a suffix sum of the buckets, so the whole curve costs one
/// pass over the rows plus O(grid) and a slider can read any point without touching the rows again. Bucketing compares
/// scores with the grid values themselves (binary search), so a score equal to a grid value is flagged at that value
/// exactly as <c>score ≥ t</c> would; NaN scores are never flagged.
/// </para>
/// </summary>
/// <param name="From">First day counted; null when every readable window counts.</param>
/// <param name="Windows">Readable windows counted.</param>
/// <param name="Days">Days with at least one row among those counted (the divisor of daily alerts).</param>
/// <param name="Rows">Rows counted.</param>
/// <param name="Positives">Known positives among them.</param>
/// <param name="PresumedNegatives">Rows among them whose label is unknown, counted as negatives.</param>
/// <param name="ModelThreshold">The card's threshold, for marking the current operating point.</param>
/// <param name="Points">One point per grid threshold, ascending.</param>
public sealed record ThresholdCurve(
    DateOnly? From,
    int Windows,
    int Days,
    long Rows,
    long Positives,
    long PresumedNegatives,
    double ModelThreshold,
    IReadOnlyList<ThresholdPoint> Points)
{
    /// <summary>Grid of the dashboard's slider: 0.00 to 1.00 in steps of 0.01.</summary>
    public const int DefaultSteps = 100;

    /// <summary>
    /// The grid point nearest to <paramref name="threshold"/> (ties to the lower one); null when the curve has no point.
    /// </summary>
    public ThresholdPoint? At(double threshold)
    {
        if (Points.Count == 0 || double.IsNaN(threshold)) return null;
        int lo = 0, hi = Points.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (Points[mid].Threshold < threshold) lo = mid + 1;
            else hi = mid;
        }

        // lo is the first point at or above the threshold; the one before may be nearer.
        return lo > 0 && threshold - Points[lo - 1].Threshold <= Points[lo].Threshold - threshold ? Points[lo - 1] : Points[lo];
    }

    /// <summary>The evenly spaced grid 0, 1/steps, ..., 1 (computed as k / steps so 0.29 is the double literal 0.29).</summary>
    public static double[] Grid(int steps = DefaultSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var grid = new double[steps + 1];
        for (var k = 0; k <= steps; k++) grid[k] = (double)k / steps;
        return grid;
    }

    /// <summary>
    /// The curve on the readable windows of <paramref name="timeline"/> (rows <paramref name="ranges"/> of the day-ordered
    /// <paramref name="production"/> frame, one range per window), counting only rows on or after <paramref name="from"/>
    /// when given. <paramref name="grid"/> must be ascending; default <see cref="Grid"/>.
    /// </summary>
    public static ThresholdCurve Compute(
        DatasetFrame production,
        IReadOnlyList<WindowPerformance> timeline,
        IReadOnlyList<RowRange> ranges,
        DateOnly? from,
        double modelThreshold,
        IReadOnlyList<double>? grid = null)
    {
        if (ranges.Count != timeline.Count) throw new ArgumentException("one row range per window", nameof(ranges));
        var thresholds = grid is null ? Grid() : [.. grid];
        for (var k = 1; k < thresholds.Length; k++)
        {
            if (!(thresholds[k] > thresholds[k - 1])) throw new ArgumentException("the grid must be strictly ascending", nameof(grid));
        }

        // Bucket b holds scores with exactly b grid values ≤ score: flagged at t_k means bucket ≥ k + 1.
        var buckets = thresholds.Length + 1;
        var rows = new long[buckets];
        var positives = new long[buckets];
        var fromMs = from is { } start ? UtcDays.ToUnixMs(start) : long.MinValue;
        int windows = 0, days = 0;
        long presumed = 0;
        long lastDay = long.MinValue;
        for (var w = 0; w < timeline.Count; w++)
        {
            if (!timeline[w].Readable) continue;
            var range = ranges[w];
            var counted = false;
            for (var i = range.Start; i < range.End; i++)
            {
                var ts = production.Timestamps[i];
                if (ts < fromMs) continue;
                counted = true;
                var day = UtcDays.DayIndex(ts);
                if (day != lastDay)
                {
                    days++;
                    lastDay = day;
                }

                var score = production.Scores[i];
                var bucket = double.IsNaN(score) ? 0 : BucketOf(thresholds, score);
                rows[bucket]++;
                var label = production.Labels[i];
                if (label == LabelValue.Positive) positives[bucket]++;
                else if (label == LabelValue.Unknown) presumed++;
            }

            if (counted) windows++;
        }

        long totalRows = 0, totalPositives = 0;
        for (var b = 0; b < buckets; b++)
        {
            totalRows += rows[b];
            totalPositives += positives[b];
        }

        var points = new ThresholdPoint[thresholds.Length];
        long flagged = 0, truePositives = 0;
        for (var k = thresholds.Length - 1; k >= 0; k--)
        {
            flagged += rows[k + 1];
            truePositives += positives[k + 1];
            points[k] = new ThresholdPoint(
                thresholds[k],
                flagged,
                truePositives,
                totalPositives == 0 ? double.NaN : (double)truePositives / totalPositives,
                flagged == 0 ? double.NaN : (double)truePositives / flagged,
                days == 0 ? double.NaN : (double)flagged / days);
        }

        return new ThresholdCurve(from, windows, days, totalRows, totalPositives, presumed, modelThreshold, points);
    }

    /// <summary>How many grid values are ≤ <paramref name="score"/>.</summary>
    private static int BucketOf(double[] grid, double score)
    {
        var index = Array.BinarySearch(grid, score);
        // Found: grid[index] == score, so index + 1 values are ≤ score. Not found: ~index values are below it.
        return index >= 0 ? index + 1 : ~index;
    }
}
