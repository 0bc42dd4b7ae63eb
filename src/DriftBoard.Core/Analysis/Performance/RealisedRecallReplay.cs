using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;
using MathNet.Numerics.Distributions;

namespace DriftBoard.Core.Analysis.Performance;

/// <summary>Realised recall as it could have been computed at the end of <paramref name="Day"/>.</summary>
/// <param name="Recall">TP / positives over the trailing window, from labels known by the end of the day; NaN with no positives.</param>
/// <param name="Positives">Positives of the trailing window known by the end of the day.</param>
/// <param name="TruePositives">Of those, the ones the model flagged.</param>
public sealed record RecallReplayDay(DateOnly Day, double Recall, int Positives, int TruePositives);

/// <summary>
/// Day-by-day replay of what a realised-recall monitor would have seen: for each calendar day d, recall over the rows of
/// the trailing <see cref="PerformanceSettings.ReplayTrailingDays"/> days ending with d, counting only the positives
/// whose label was known by the end of d (<c>LabelKnownAt ≤ end of d</c>). Only positives matter for recall, so the
/// negative-by-maturity rule plays no part.
/// </summary>
public static class RealisedRecallReplay
{
    /// <summary>
    /// One entry per day from the frame's first row day to the later of its last row day and the as-of day (labels keep
    /// arriving after the last prediction). Empty for an empty frame. The frame must be ordered by UTC day.
    /// Runs in O(rows + days): each known positive counts on the days from when both it and its label exist until it
    /// leaves the trailing window, added with a difference array.
    /// </summary>
    public static IReadOnlyList<RecallReplayDay> Compute(DatasetFrame frame, AnalysisContext context)
    {
        if (frame.Count == 0)
        {
            return [];
        }

        var trailing = context.Settings.ReplayTrailingDays;
        ArgumentOutOfRangeException.ThrowIfLessThan(trailing, 1);
        var firstDay = UtcDays.DayIndex(frame.Timestamps[0]);
        var lastDay = Math.Max(UtcDays.DayIndex(frame.Timestamps[^1]), UtcDays.DayIndex(context.AsOfMs));
        var days = checked((int)(lastDay - firstDay + 1));
        var positiveDelta = new int[days + 1];
        var truePositiveDelta = new int[days + 1];
        for (var i = 0; i < frame.Count; i++)
        {
            if (frame.Labels[i] != LabelValue.Positive || frame.LabelKnownAt[i] == long.MaxValue)
            {
                continue;
            }

            var rowDay = UtcDays.DayIndex(frame.Timestamps[i]) - firstDay;
            var from = Math.Max(rowDay, UtcDays.DayIndex(frame.LabelKnownAt[i]) - firstDay);
            var until = Math.Min(rowDay + trailing, days);
            if (from >= until)
            {
                continue;
            }

            positiveDelta[from]++;
            positiveDelta[until]--;
            if (frame.Predictions[i] != 0)
            {
                truePositiveDelta[from]++;
                truePositiveDelta[until]--;
            }
        }

        var replay = new RecallReplayDay[days];
        var start = UtcDays.ToDate(frame.Timestamps[0]);
        int positives = 0, truePositives = 0;
        for (var d = 0; d < days; d++)
        {
            positives += positiveDelta[d];
            truePositives += truePositiveDelta[d];
            replay[d] = new RecallReplayDay(start.AddDays(d), positives > 0 ? (double)truePositives / positives : double.NaN, positives, truePositives);
        }

        return replay;
    }

    /// <summary>
    /// The first day (on or after <paramref name="notBefore"/>, when given) whose replayed recall is significantly below
    /// <paramref name="baselineRecall"/>: at least <see cref="PerformanceSettings.ReplayMinPositives"/> known positives and
    /// a one-sided exact binomial p-value P(X ≤ TP | positives, baseline) below
    /// <see cref="PerformanceSettings.DropSignificance"/>. This is the day a drop became visible in realised recall.
    /// Null when no day qualifies or the baseline is NaN.
    /// <para>
    /// Pass the change's start (<see cref="RecallDropResult.StartDate"/>) as <paramref name="notBefore"/>: a test run
    /// every day over months of healthy traffic dips below p = 0.01 now and then by chance (the days are not
    /// independent, but there are many of them), and such a dip before the change is not the drop becoming visible.
    /// </para>
    /// </summary>
    public static DateOnly? DropVisibleDate(
        IReadOnlyList<RecallReplayDay> replay,
        double baselineRecall,
        PerformanceSettings settings,
        DateOnly? notBefore = null)
    {
        if (double.IsNaN(baselineRecall))
        {
            return null;
        }

        foreach (var day in replay)
        {
            if ((notBefore is { } earliest && day.Day < earliest) || day.Positives < settings.ReplayMinPositives)
            {
                continue;
            }

            if (Binomial.CDF(baselineRecall, day.Positives, day.TruePositives) < settings.DropSignificance)
            {
                return day.Day;
            }
        }

        return null;
    }
}
