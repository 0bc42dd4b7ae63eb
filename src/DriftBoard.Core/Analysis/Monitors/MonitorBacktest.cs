using System.Globalization;
using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Statistics.Classification;

namespace DriftBoard.Core.Analysis.Monitors;

/// <summary>
/// "What would have caught this earlier": replays candidate monitors day by day over a production log and reports, for
/// each, when it would first have fired after the incident started, how many days that is before the drop became visible
/// in matured labels, and how many false alarms it would have raised while the model was healthy.
/// <para>
/// On each calendar day d from the first production day on, every monitor sees only what it could have seen by the end
/// of d: inputs, scores and decisions of rows up to d over its trailing window, and labels whose <c>LabelKnownAt</c> is
/// at most the end of d. Two things are fixed from the whole log, as an operator would fix them once from a healthy
/// period: the calibration of the label-free estimate (mature labelled rows of the baseline period, as of the dataset's
/// as-of) and the baseline recall the realised-recall monitor compares against (unless the caller passes one). Monitors
/// comparing against the baseline period start the day after it ends.
/// </para>
/// </summary>
public static class MonitorBacktest
{
    /// <summary>
    /// Replays the six candidate monitors of <see cref="MonitorKind.All"/>.
    /// </summary>
    /// <param name="production">The production log, ordered by UTC day.</param>
    /// <param name="reference">The training data: features and labels, no scores.</param>
    /// <param name="context">As-of, label rule and performance settings; <see cref="AnalysisContext.Reference"/>, when given, is the baseline period.</param>
    /// <param name="incidentStart">
    /// The incident's start (the root cause's start date, else the recall drop's change point); null when there is no
    /// incident: then no monitor has a first alert, the drop is not visible, and false alarms count over every day after the baseline.
    /// </param>
    /// <param name="features">Features to monitor (default: every feature of the production frame); pass the card's specs for their ranges and values.</param>
    /// <param name="baselineRecall">
    /// Realised recall to compare against (e.g. the change point's baseline); default: the pooled recall (labels as of
    /// as-of) of the rows from the baseline start to the incident start, or of the baseline period without an incident.
    /// </param>
    public static MonitorBacktestResult Run(
        DatasetFrame production,
        DatasetFrame reference,
        AnalysisContext context,
        DateOnly? incidentStart,
        MonitorSettings? settings = null,
        IReadOnlyList<FeatureSpec>? features = null,
        double? baselineRecall = null)
    {
        settings ??= new MonitorSettings();
        settings.Validate();
        var baseline = BaselinePeriod(production, context, settings);
        var calibration = EstimatedPerformance.Calibrate(production, baseline, context);
        var counts = DailyCounts.Build(production, reference, settings, baseline, calibration, features);
        var replay = RealisedRecallReplay.Compute(production, context);
        // Labels keep arriving after the last prediction: the axis runs to as-of like the realised-recall replay.
        var axisDays = Math.Max(counts.Days, replay.Count);
        var baselineDays = new DayIndexRange(Math.Clamp(counts.IndexOf(baseline.Start), 0, axisDays), Math.Clamp(counts.IndexOf(baseline.EndExclusive), 0, axisDays));
        // The longer the healthy stretch, the steadier the baseline: everything before the incident when there is one.
        var recall = baselineRecall ?? PooledRecall(production, incidentStart is { } start && start > baseline.Start ? new TimeWindow(baseline.Start, start) : baseline);
        var dropVisible = incidentStart is null ? null : RealisedRecallReplay.DropVisibleDate(replay, recall, context.Settings, incidentStart);
        var periods = new ReplayPeriods(incidentStart, dropVisible, counts.Day(baselineDays.End), incidentStart ?? counts.Day(counts.Days));

        var contractTraces = new List<FeatureContractTrace>();
        var psiTraces = new List<FeaturePsiTrace>();
        var contractDays = new List<(string, bool, IReadOnlyList<ContractDay>)>();
        var psiDays = new List<(string, bool, IReadOnlyList<FeaturePsiDay>)>();
        foreach (var feature in counts.Features)
        {
            var contract = FeatureMonitors.ContractDays(feature, counts, axisDays, settings);
            var contractMuted = FeatureMonitors.Muted(contract, baselineDays, settings.ConstantFiringShare);
            var contractOutcome = MonitorScoring.Score(contract, periods, settings.ConstantFiringShare);
            var contractRule = $"{feature.Contract.Describe()}. {FeatureMonitors.ContractRule(settings)}{ConstantNote(contractOutcome)}";
            contractTraces.Add(new FeatureContractTrace(
                feature.Contract, ToReplay(MonitorKind.Contract, feature.Name, contractRule, contractOutcome), contractOutcome, contractMuted, contract));
            contractDays.Add((feature.Name, contractMuted, contract));

            var psi = FeatureMonitors.PsiDays(feature, counts, axisDays, settings);
            var psiMuted = FeatureMonitors.Muted(psi, baselineDays, settings.ConstantFiringShare);
            var psiOutcome = MonitorScoring.Score(psi, periods, settings.ConstantFiringShare);
            psiTraces.Add(new FeaturePsiTrace(
                feature.Name, ToReplay(MonitorKind.FeaturePsi, feature.Name, FeatureMonitors.PsiRule(settings) + ConstantNote(psiOutcome), psiOutcome), psiOutcome, psiMuted, psi));
            psiDays.Add((feature.Name, psiMuted, psi));
        }

        var timelines = new List<MonitorTimeline>
        {
            Timeline(
                MonitorKind.Contract,
                FeatureMonitors.ContractRule(settings) + FeatureMonitors.MutedNote(MutedNames(contractTraces.Select(t => (t.Contract.Feature, t.Muted)))),
                FeatureMonitors.Aggregate(contractDays, axisDays, counts, day => day.Severity),
                periods,
                settings),
            Timeline(
                MonitorKind.FeaturePsi,
                FeatureMonitors.PsiRule(settings) + FeatureMonitors.MutedNote(MutedNames(psiTraces.Select(t => (t.Feature, t.Muted)))),
                FeatureMonitors.Aggregate(psiDays, axisDays, counts, day => day.Psi),
                periods,
                settings),
            Timeline(MonitorKind.ScorePsi, ModelMonitors.ScorePsiRule(settings, baseline), ModelMonitors.ScorePsi(counts, axisDays, baselineDays, settings), periods, settings),
            Timeline(MonitorKind.AlertRate, ModelMonitors.AlertRateRule(settings, baseline), ModelMonitors.AlertRate(counts, axisDays, baselineDays, settings), periods, settings),
            Timeline(MonitorKind.EstimatedRecall, ModelMonitors.EstimatedRecallRule(settings, baseline), ModelMonitors.EstimatedRecall(counts, axisDays, baselineDays, settings), periods, settings),
            Timeline(
                MonitorKind.RealisedRecall,
                ModelMonitors.RealisedRecallRule(context.Settings, recall),
                ModelMonitors.RealisedRecall(replay, counts, axisDays, recall, context.Settings),
                periods,
                settings),
        };

        var monitors = timelines.Select(t => t.Replay).ToArray();
        return new MonitorBacktestResult(monitors, Detect(timelines, periods, settings), periods, recall, timelines, contractTraces, psiTraces);
    }

    /// <summary><see cref="AnalysisContext.Reference"/>, else the first <see cref="MonitorSettings.BaselineDays"/> production days.</summary>
    public static TimeWindow BaselinePeriod(DatasetFrame production, AnalysisContext context, MonitorSettings settings)
    {
        if (context.Reference is { } reference)
        {
            return reference;
        }

        var first = UtcDays.ToDate(production.Count > 0 ? production.Timestamps[0] : context.AsOfMs);
        return new TimeWindow(first, first.AddDays(settings.BaselineDays));
    }

    /// <summary>
    /// The recommendation: monitors that fired before the drop became visible with few enough false alarms and not
    /// constantly, best lead first (fewer false alarms breaking ties). When the drop never became visible by as-of, those
    /// that fired at all, earliest first. Without an incident, none.
    /// </summary>
    internal static Detection Detect(IReadOnlyList<MonitorTimeline> timelines, ReplayPeriods periods, MonitorSettings settings)
    {
        var recommended = timelines
            .Where(t => t.Replay.Kind != MonitorKind.RealisedRecall && MonitorScoring.Recommendable(t.Outcome, periods, settings.MaxFalseAlarmsPer90Days))
            .OrderBy(t => t.Outcome.FirstAlert)
            .ThenBy(t => t.Outcome.FalseAlarms)
            .ToList();
        if (periods.IncidentStart is null)
        {
            var alarms = string.Join(", ", timelines.Select(t => $"{t.Replay.Name} {t.Outcome.FalseAlarms}"));
            return new Detection(null, [], string.Create(
                CultureInfo.InvariantCulture,
                $"No incident to detect; false alarms over {periods.HealthyDays} healthy days: {alarms}."));
        }

        var names = recommended.Select(t => t.Replay.Name).ToArray();
        if (periods.DropVisible is not { } visible)
        {
            var fired = recommended.FirstOrDefault();
            return new Detection(null, names, fired is null
                ? "The drop had not become visible in matured labels by as-of, and no candidate monitor fired after the incident started."
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"The drop had not become visible in matured labels by as-of; the {fired.Replay.Name} would have fired on {fired.Outcome.FirstAlert:yyyy-MM-dd}."));
        }

        if (recommended.Count == 0)
        {
            return new Detection(visible, [], string.Create(
                CultureInfo.InvariantCulture,
                $"No candidate monitor would have fired before the drop became visible in matured labels ({visible:yyyy-MM-dd}) with at most {settings.MaxFalseAlarmsPer90Days:0.##} false alarm(s) per 90 healthy days."));
        }

        var best = recommended[0];
        var lead = best.Outcome.LeadDays ?? 0;
        return new Detection(visible, names, string.Create(
            CultureInfo.InvariantCulture,
            $"The {best.Replay.Name} would have fired on {best.Outcome.FirstAlert:yyyy-MM-dd}, {lead} {(lead == 1 ? "day" : "days")} before the drop became visible in matured labels ({visible:yyyy-MM-dd})."));
    }

    private static MonitorTimeline Timeline(string kind, string rule, MonitorDay[] days, ReplayPeriods periods, MonitorSettings settings)
    {
        var outcome = MonitorScoring.Score(days, periods, settings.ConstantFiringShare);
        var feature = outcome.FirstAlert is { } first ? days.First(d => d.Day == first).Feature : null;
        return new MonitorTimeline(ToReplay(kind, feature, rule + ConstantNote(outcome), outcome), outcome, days);
    }

    private static MonitorReplay ToReplay(string kind, string? feature, string rule, MonitorOutcome outcome) =>
        new(MonitorKind.DisplayName(kind), kind, feature, rule, outcome.FirstAlert, outcome.LeadDays, outcome.FalseAlarms, outcome.HealthyDays);

    private static string ConstantNote(MonitorOutcome outcome) => outcome.Constant
        ? string.Create(CultureInfo.InvariantCulture, $" It fires from its first day on {outcome.FiringShare:P0} of the days before the incident: constant, so it cannot tell an incident apart and is not recommended as is.")
        : string.Empty;

    private static List<string> MutedNames(IEnumerable<(string Feature, bool Muted)> features) =>
        [.. features.Where(f => f.Muted).Select(f => f.Feature)];

    /// <summary>TP / known positives over the rows of <paramref name="period"/> with labels as known at as-of; NaN without positives.</summary>
    private static double PooledRecall(DatasetFrame production, TimeWindow period)
    {
        var rows = WindowRows.Ranges(production.Timestamps, [period])[0];
        var counts = BinaryCounts.Count(production.Labels.AsSpan(rows.Start, rows.Length), production.Predictions.AsSpan(rows.Start, rows.Length));
        return counts.Positives == 0 ? double.NaN : (double)counts.TruePositives / counts.Positives;
    }
}
