using System.Globalization;
using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Statistics;
using MathNet.Numerics;

namespace DriftBoard.Core.Analysis.Monitors;

/// <summary>
/// The monitors on the model's output: score distribution, alert rate, label-free estimated recall (against the
/// baseline period, so they start the day after it) and realised recall on the labels known each day.
/// </summary>
/// <summary>Day indices [<see cref="Start"/>, <see cref="End"/>) of a replay (index 0 is the first production day).</summary>
internal readonly record struct DayIndexRange(int Start, int End);

internal static class ModelMonitors
{
    public static MonitorDay[] ScorePsi(DailyCounts counts, int axisDays, DayIndexRange baseline, MonitorSettings settings)
    {
        var baselineCells = new long[counts.ScoreHistogram.Width];
        var baselineGrid = new long[counts.ScoreGrid.Width];
        counts.ScoreHistogram.Sum(baseline.Start, baseline.End, baselineCells);
        counts.ScoreGrid.Sum(baseline.Start, baseline.End, baselineGrid);
        var baselineCumulative = Samples.Cumulative(baselineGrid);
        var window = new long[baselineCells.Length];
        var windowGrid = new long[baselineGrid.Length];
        var hasBaseline = counts.Scored.Sum(baseline.Start, baseline.End) > 0;
        return Replay(counts, axisDays, baseline.End, d =>
        {
            int from = d - settings.TrailingDays + 1, to = d + 1;
            if (!hasBaseline || counts.Scored.Sum(from, to) < Math.Max(1, settings.ScoreMinRows))
            {
                return null;
            }

            counts.ScoreHistogram.Sum(from, to, window);
            counts.ScoreGrid.Sum(from, to, windowGrid);
            var psi = PopulationStabilityIndex.FromCounts(baselineCells, window);
            var ks = KolmogorovSmirnov.FromCumulativeCounts(baselineCumulative, Samples.Cumulative(windowGrid));
            return (psi >= settings.ScorePsiThreshold, psi, ks.Statistic);
        });
    }

    public static MonitorDay[] AlertRate(DailyCounts counts, int axisDays, DayIndexRange baseline, MonitorSettings settings)
    {
        long baselineRows = counts.Rows.Sum(baseline.Start, baseline.End), baselineFlagged = counts.Flagged.Sum(baseline.Start, baseline.End);
        return Replay(counts, axisDays, baseline.End, d =>
        {
            int from = d - settings.TrailingDays + 1, to = d + 1;
            long rows = counts.Rows.Sum(from, to), flagged = counts.Flagged.Sum(from, to);
            if (baselineRows == 0 || rows < Math.Max(1, settings.ScoreMinRows))
            {
                return null;
            }

            var (change, pValue) = CompareProportions(flagged, rows, baselineFlagged, baselineRows);
            return (Math.Abs(change) > settings.AlertRateRelativeChange && pValue < settings.AlertRateSignificance, change, pValue);
        });
    }

    public static MonitorDay[] EstimatedRecall(DailyCounts counts, int axisDays, DayIndexRange baseline, MonitorSettings settings)
    {
        if (counts.ExpectedPositives is not { } expected)
        {
            return Replay(counts, axisDays, baseline.End, _ => null);
        }

        var baselineRecall = expected.Sum(baseline.Start, baseline.End, 1) / expected.Sum(baseline.Start, baseline.End, 0);
        return Replay(counts, axisDays, baseline.End, d =>
        {
            int from = d - settings.TrailingDays + 1, to = d + 1;
            var all = expected.Sum(from, to, 0);
            if (double.IsNaN(baselineRecall) || all <= 0 || counts.Scored.Sum(from, to) < Math.Max(1, settings.ScoreMinRows))
            {
                return null;
            }

            var recall = expected.Sum(from, to, 1) / all;
            return (recall <= baselineRecall - settings.EstimatedRecallDrop, recall, baselineRecall);
        });
    }

    /// <summary>
    /// Day d fires under exactly <see cref="RealisedRecallReplay.DropVisibleDate"/>'s rule applied to that day alone, so
    /// the monitor's first alert on or after the incident start is the day the drop became visible.
    /// </summary>
    public static MonitorDay[] RealisedRecall(IReadOnlyList<RecallReplayDay> replay, DailyCounts counts, int axisDays, double baselineRecall, PerformanceSettings settings)
    {
        var days = new MonitorDay[axisDays];
        for (var d = 0; d < axisDays; d++)
        {
            if (d >= replay.Count || replay[d].Positives < settings.ReplayMinPositives || double.IsNaN(baselineRecall))
            {
                days[d] = new MonitorDay(counts.Day(d), false, false, d < replay.Count ? replay[d].Recall : double.NaN, baselineRecall, null);
                continue;
            }

            var fired = RealisedRecallReplay.DropVisibleDate([replay[d]], baselineRecall, settings) is not null;
            days[d] = new MonitorDay(replay[d].Day, true, fired, replay[d].Recall, baselineRecall, null);
        }

        return days;
    }

    /// <summary>
    /// Relative change of rate a/n against the baseline rate b/m, and the two-sided p-value of the pooled two-proportion
    /// z-test. The change is +∞ when the baseline rate is 0 and the window's is not, NaN when both are 0.
    /// </summary>
    internal static (double RelativeChange, double PValue) CompareProportions(long a, long n, long b, long m)
    {
        double rate = (double)a / n, baseline = (double)b / m;
        var change = baseline > 0 ? (rate - baseline) / baseline : rate > 0 ? double.PositiveInfinity : double.NaN;
        var pooled = (double)(a + b) / (n + m);
        var standardError = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / n) + (1.0 / m)));
        // erfc keeps p-values far in the tail exact, where 1 − Φ(|z|) would round to 0.
        var pValue = standardError > 0 ? SpecialFunctions.Erfc(Math.Abs(rate - baseline) / standardError / Math.Sqrt(2)) : 1;
        return (change, pValue);
    }

    public static string ScorePsiRule(MonitorSettings s, TimeWindow baseline) => string.Create(
        CultureInfo.InvariantCulture,
        $"Fires when the score's PSI over the trailing {FeatureMonitors.Days(s.TrailingDays)} (at least {s.ScoreMinRows} scored rows) against the baseline period {Period(baseline)} (on its deciles) reaches {s.ScorePsiThreshold:0.##}; the KS statistic is kept as support.");

    public static string AlertRateRule(MonitorSettings s, TimeWindow baseline) => string.Create(
        CultureInfo.InvariantCulture,
        $"Fires when the share of rows flagged over the trailing {FeatureMonitors.Days(s.TrailingDays)} differs from the baseline period {Period(baseline)} by more than {s.AlertRateRelativeChange:P0} (relative) with a two-proportion z-test p < {s.AlertRateSignificance:0.####}.");

    public static string EstimatedRecallRule(MonitorSettings s, TimeWindow baseline) => string.Create(
        CultureInfo.InvariantCulture,
        $"Fires when the label-free estimated recall (scores calibrated by isotonic regression on the mature labelled rows of the baseline period {Period(baseline)}) over the trailing {FeatureMonitors.Days(s.TrailingDays)} is at least {s.EstimatedRecallDrop * 100:0.#} points below the baseline estimate.");

    public static string RealisedRecallRule(PerformanceSettings s, double baselineRecall) => string.Create(
        CultureInfo.InvariantCulture,
        $"Fires when recall over the trailing {FeatureMonitors.Days(s.ReplayTrailingDays)}, on the positives whose labels are known by the end of the day (at least {s.ReplayMinPositives}), is below the baseline recall {baselineRecall:0.###} with a one-sided binomial p < {s.DropSignificance:0.###}.");

    private static string Period(TimeWindow period) =>
        string.Create(CultureInfo.InvariantCulture, $"{period.Start:yyyy-MM-dd} to {period.LastDay:yyyy-MM-dd}");

    /// <summary>Runs <paramref name="evaluate"/> on every production day from the end of the baseline; null means not evaluated.</summary>
    private static MonitorDay[] Replay(
        DailyCounts counts, int axisDays, int baselineEnd, Func<int, (bool Fired, double Value, double Support)?> evaluate)
    {
        var days = new MonitorDay[axisDays];
        for (var d = 0; d < axisDays; d++)
        {
            // The baseline is only known once it is over: a monitor comparing against it cannot run inside it.
            days[d] = d >= baselineEnd && d < counts.Days && evaluate(d) is { } result
                ? new MonitorDay(counts.Day(d), true, result.Fired, result.Value, result.Support, null)
                : new MonitorDay(counts.Day(d), false, false, double.NaN, double.NaN, null);
        }

        return days;
    }
}
