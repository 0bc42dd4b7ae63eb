using System.Globalization;
using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Analysis.Monitors;

/// <summary>The per-feature monitors (input contract check, PSI alarm) and their aggregation into one monitor each.</summary>
internal static class FeatureMonitors
{
    /// <summary>
    /// The contract check of one feature on every day of the axis. Day d looks at the contract window ending with d;
    /// days past the last production day are not evaluated.
    /// </summary>
    public static ContractDay[] ContractDays(FeatureDailyCounts feature, DailyCounts counts, int axisDays, MonitorSettings settings)
    {
        var days = new ContractDay[axisDays];
        var contract = feature.Contract;
        for (var d = 0; d < axisDays; d++)
        {
            var day = counts.Day(d);
            int from = d - settings.ContractWindowDays + 1, to = d + 1;
            var rows = d < counts.Days ? counts.Rows.Sum(from, to) : 0;
            if (rows < Math.Max(1, settings.ContractMinRows))
            {
                days[d] = new ContractDay(day, false, false, rows, double.NaN, double.NaN, double.NaN, null, double.NaN);
                continue;
            }

            var missing = feature.Missing.Sum(from, to);
            var present = rows - missing;
            var violationShare = present > 0 ? (double)feature.Violations.Sum(from, to) / present : 0;
            var missingRate = (double)missing / rows;
            double massExcess = 0;
            string? massValue = null;
            for (var c = 0; present > 0 && c < feature.PointMassValues.Length; c++)
            {
                var excess = ((double)feature.PointMass.Sum(from, to, c) / present) - feature.PointMassReferenceShares[c];
                if (excess > massExcess)
                {
                    massExcess = excess;
                    massValue = feature.PointMassValues[c];
                }
            }

            var massRatio = feature.PointMassValues.Length > 0 ? massExcess / settings.ContractPointMassExcess : 0;
            var severity = Math.Max(
                violationShare / settings.ContractViolationShare,
                Math.Max((missingRate - contract.ReferenceMissingRate) / settings.ContractMissingExcess, massRatio));
            days[d] = new ContractDay(day, true, severity > 1, rows, violationShare, missingRate, massExcess, massValue, severity);
        }

        return days;
    }

    /// <summary>The PSI alarm of one feature on every day of the axis, over the trailing window ending with each day.</summary>
    public static FeaturePsiDay[] PsiDays(FeatureDailyCounts feature, DailyCounts counts, int axisDays, MonitorSettings settings)
    {
        var days = new FeaturePsiDay[axisDays];
        var window = new long[feature.Cells.Width];
        var referenceTotal = Sum(feature.ReferenceCells);
        for (var d = 0; d < axisDays; d++)
        {
            long present = 0;
            if (d < counts.Days)
            {
                feature.Cells.Sum(d - settings.TrailingDays + 1, d + 1, window);
                present = Sum(window);
            }

            if (present < Math.Max(1, settings.PsiMinRows) || referenceTotal == 0)
            {
                days[d] = new FeaturePsiDay(counts.Day(d), false, false, present, double.NaN);
                continue;
            }

            var psi = PopulationStabilityIndex.FromCounts(feature.ReferenceCells, window);
            days[d] = new FeaturePsiDay(counts.Day(d), true, psi >= settings.FeaturePsiThreshold, present, psi);
        }

        return days;
    }

    /// <summary>
    /// A feature's check is muted when it fires on at least the constant share of its evaluated baseline days (days
    /// of <paramref name="baseline"/>): it misfits the feature from the start and would be silenced in the first weeks.
    /// </summary>
    public static bool Muted<TDay>(IReadOnlyList<TDay> days, DayIndexRange baseline, double constantShare)
        where TDay : IMonitorDay
    {
        int evaluated = 0, fired = 0;
        for (var d = Math.Max(baseline.Start, 0); d < Math.Min(baseline.End, days.Count); d++)
        {
            if (days[d].Evaluated)
            {
                evaluated++;
                fired += days[d].Fired ? 1 : 0;
            }
        }

        return evaluated > 0 && (double)fired / evaluated >= constantShare;
    }

    /// <summary>
    /// One monitor over the unmuted features: evaluated when any is, fires when any fires. <see cref="MonitorDay.Feature"/>
    /// is the firing feature of largest <paramref name="severity"/> (the worst evaluated one on a quiet day).
    /// </summary>
    public static MonitorDay[] Aggregate<TDay>(IReadOnlyList<(string Feature, bool Muted, IReadOnlyList<TDay> Days)> features, int axisDays, DailyCounts counts, Func<TDay, double> severity)
        where TDay : IMonitorDay
    {
        var days = new MonitorDay[axisDays];
        for (var d = 0; d < axisDays; d++)
        {
            bool evaluated = false, fired = false;
            var worst = double.NaN;
            string? worstFeature = null;
            foreach (var (feature, muted, featureDays) in features)
            {
                var day = featureDays[d];
                if (muted || !day.Evaluated)
                {
                    continue;
                }

                var value = severity(day);
                // A firing feature always beats a quiet one; among equals the larger severity wins.
                var better = worstFeature is null || (day.Fired && !fired) || (day.Fired == fired && value > worst);
                evaluated = true;
                if (better)
                {
                    worst = value;
                    worstFeature = feature;
                }

                fired |= day.Fired;
            }

            days[d] = new MonitorDay(counts.Day(d), evaluated, fired, worst, double.NaN, worstFeature);
        }

        return days;
    }

    public static string ContractRule(MonitorSettings s) => string.Create(
        CultureInfo.InvariantCulture,
        $"Fires when, over the trailing {Days(s.ContractWindowDays)} with at least {s.ContractMinRows} rows, any feature has more than {s.ContractViolationShare:P0} of its values outside its contract (the card's range or values; without them the reference's [{s.ReferenceRangeQuantile:P1}, {1 - s.ReferenceRangeQuantile:P1}] quantiles widened by {s.ReferenceRangeWidening:P0} of their width, or the categories the reference holds), a missing rate more than {s.ContractMissingExcess * 100:0.#} points above the reference's, or one value holding more than {s.ContractPointMassExcess * 100:0.#} points more share than in the reference.");

    public static string PsiRule(MonitorSettings s) => string.Create(
        CultureInfo.InvariantCulture,
        $"Fires when any feature's PSI against the reference (numeric on the reference's deciles, categorical and boolean per value) over the trailing {Days(s.TrailingDays)} with at least {s.PsiMinRows} values reaches {s.FeaturePsiThreshold:0.##}.");

    /// <summary>The note added to an aggregated rule naming the features left out.</summary>
    public static string MutedNote(IReadOnlyList<string> muted) => muted.Count == 0
        ? string.Empty
        : $" Leaves out {string.Join(", ", muted)}: fires from the first baseline days, the check does not fit {(muted.Count == 1 ? "it" : "them")}.";

    public static string Days(int days) => days == 1 ? "day" : string.Create(CultureInfo.InvariantCulture, $"{days} days");

    private static long Sum(ReadOnlySpan<long> values)
    {
        long total = 0;
        foreach (var v in values)
        {
            total += v;
        }

        return total;
    }
}
