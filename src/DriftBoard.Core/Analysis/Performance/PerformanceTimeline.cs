using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Statistics.Classification;

namespace DriftBoard.Core.Analysis.Performance;

/// <summary>Realised performance window by window, with label maturity and intervals.</summary>
public static class PerformanceTimeline
{
    /// <summary>
    /// One <see cref="WindowPerformance"/> per window of <paramref name="windows"/> (sorted, non-overlapping; plan them with
    /// <see cref="WindowPlanner.Plan"/>). The frame must be ordered by UTC day. The label-delay distribution is fitted
    /// once on the whole frame. AUC intervals use <see cref="PerformanceSettings.BootstrapReplicates"/> resamples seeded
    /// by <see cref="PerformanceSettings.Seed"/> and the window's start day, so each window's interval repeats exactly
    /// whatever other windows are planned.
    /// </summary>
    /// <param name="exactCounts">
    /// When <paramref name="frame"/> is a row sample (<see cref="Aggregates.RowSampling"/>), the whole log's confusion counts of
    /// a window (from <see cref="Aggregates.OutcomeCounts"/>): rows, labelled, positives, flagged, recall, precision and alert
    /// rate come from them, label maturity and the AUCs from the sample. Null: everything from the frame.
    /// </param>
    public static IReadOnlyList<WindowPerformance> Compute(DatasetFrame frame, IReadOnlyList<TimeWindow> windows, AnalysisContext context,
        Func<TimeWindow, BinaryCounts>? exactCounts = null)
    {
        var ranges = WindowRows.Ranges(frame.Timestamps, windows);
        var delays = LabelMaturity.FitDelays(frame, context);
        var results = new WindowPerformance[windows.Count];
        for (var w = 0; w < windows.Count; w++)
        {
            results[w] = ComputeWindow(frame, windows[w], ranges[w], delays, context, exactCounts);
        }

        return results;
    }

    private static WindowPerformance ComputeWindow(
        DatasetFrame frame,
        TimeWindow window,
        RowRange rows,
        LabelDelayDistribution delays,
        AnalysisContext context,
        Func<TimeWindow, BinaryCounts>? exactCounts)
    {
        var settings = context.Settings;
        var labels = frame.Labels.AsSpan(rows.Start, rows.Length);
        var counts = exactCounts?.Invoke(window) ?? BinaryCounts.Count(labels, frame.Predictions.AsSpan(rows.Start, rows.Length));
        var maturity = LabelMaturity.Of(frame, rows, delays, context);
        var recall = ClassificationRates.Recall(counts, settings.Confidence);

        // Negatives are unknown before the maturity horizon: precision and AUCs would be computed on positives alone.
        var negativesKnown = double.IsNaN(maturity.PastMaturityShare) || maturity.PastMaturityShare >= settings.ProvisionalBelowMaturity;
        var precision = negativesKnown ? ClassificationRates.Precision(counts, settings.Confidence) : ProportionEstimate.Undefined;
        var ranking = new RankingMetrics(double.NaN, double.NaN);
        Interval rocInterval = Interval.Undefined, prInterval = Interval.Undefined;
        if (negativesKnown)
        {
            var ranked = RankedScores.Create(frame.Scores.AsSpan(rows.Start, rows.Length), labels);
            ranking = ranked.Compute();
            var intervals = Bootstrap.PercentileIntervals(
                ranked.Count,
                settings.BootstrapReplicates,
                unchecked((settings.Seed * 31) + window.Start.DayNumber),
                settings.Confidence,
                statisticCount: 2,
                (weights, values) =>
                {
                    var resampled = ranked.Compute(weights);
                    values[0] = resampled.RocAuc;
                    values[1] = resampled.AveragePrecision;
                });
            rocInterval = double.IsNaN(ranking.RocAuc) ? Interval.Undefined : intervals[0];
            prInterval = double.IsNaN(ranking.AveragePrecision) ? Interval.Undefined : intervals[1];
        }

        return new WindowPerformance(
            window.Start,
            window.EndExclusive,
            checked((int)counts.Rows),
            (int)counts.Labelled,
            (int)counts.Positives,
            (int)counts.TruePositives,
            (int)counts.Flagged,
            maturity.Maturity,
            maturity.PastMaturityShare,
            maturity.Provisional,
            counts.Positives < settings.MinLabelledPositives,
            recall.Value,
            recall.Low,
            recall.High,
            precision.Value,
            precision.Low,
            precision.High,
            ClassificationRates.AlertRate(counts),
            ranking.RocAuc,
            rocInterval.Low,
            rocInterval.High,
            ranking.AveragePrecision,
            prInterval.Low,
            prInterval.High);
    }
}
