using DriftBoard.Core.Analysis.Report;

namespace DriftBoard.Core.Analysis.Monitors;

/// <summary>The kinds of candidate monitor, as they appear in <see cref="MonitorReplay.Kind"/>.</summary>
public static class MonitorKind
{
    public const string Contract = "contract";
    public const string FeaturePsi = "feature_psi";
    public const string ScorePsi = "score_psi";
    public const string AlertRate = "alert_rate";
    public const string EstimatedRecall = "estimated_recall";
    public const string RealisedRecall = "realised_recall";

    public static readonly IReadOnlyList<string> All = [Contract, FeaturePsi, ScorePsi, AlertRate, EstimatedRecall, RealisedRecall];

    /// <summary>The display name of a kind (<see cref="MonitorReplay.Name"/>).</summary>
    public static string DisplayName(string kind) => kind switch
    {
        Contract => "input contract check",
        FeaturePsi => "per-feature PSI alarm",
        ScorePsi => "score-distribution drift",
        AlertRate => "alert-rate change",
        EstimatedRecall => "label-free estimated recall",
        RealisedRecall => "realised recall on matured labels",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>
/// One replayed day of an aggregated monitor.
/// </summary>
/// <param name="Value">
/// The monitored statistic: contract — the worst feature's excess over its threshold as a ratio (1 = at the threshold);
/// feature PSI — the largest PSI; score PSI — the score's PSI; alert rate — the relative change of the flagged share;
/// estimated and realised recall — the recall. NaN when not evaluated.
/// </param>
/// <param name="Support">
/// The supporting number: score PSI — KS D on the percentile grid; alert rate — the z-test p-value; estimated and
/// realised recall — the baseline recall; NaN otherwise.
/// </param>
/// <param name="Feature">For the per-feature monitors, the worst firing feature (or the worst feature when none fired).</param>
public sealed record MonitorDay(DateOnly Day, bool Evaluated, bool Fired, double Value, double Support, string? Feature) : IMonitorDay;

/// <summary>One feature's input contract check on one day.</summary>
/// <param name="Rows">Rows in the contract window.</param>
/// <param name="ViolationShare">Share of present values out of range or of an unknown category.</param>
/// <param name="MissingRate">Share of rows with the value missing.</param>
/// <param name="PointMassExcess">The largest (window share − reference share) of one value, among present values.</param>
/// <param name="PointMassValue">The value holding that excess.</param>
/// <param name="Severity">The largest of the three measures divided by its threshold (above 1 fires).</param>
public sealed record ContractDay(
    DateOnly Day,
    bool Evaluated,
    bool Fired,
    long Rows,
    double ViolationShare,
    double MissingRate,
    double PointMassExcess,
    string? PointMassValue,
    double Severity) : IMonitorDay;

/// <summary>One feature's PSI alarm on one day.</summary>
/// <param name="Present">Present (non-missing) values in the trailing window.</param>
public sealed record FeaturePsiDay(DateOnly Day, bool Evaluated, bool Fired, long Present, double Psi) : IMonitorDay;

/// <summary>An aggregated monitor's replay, its outcome and its days.</summary>
public sealed record MonitorTimeline(MonitorReplay Replay, MonitorOutcome Outcome, IReadOnlyList<MonitorDay> Days);

/// <summary>
/// One feature's contract check over the replay, for the root-cause engine.
/// </summary>
/// <param name="Muted">
/// The check fired on at least <see cref="MonitorSettings.ConstantFiringShare"/> of its evaluated baseline days: the
/// contract does not fit this feature, so the aggregated monitor ignores it (as an operator would after the first weeks).
/// </param>
public sealed record FeatureContractTrace(FeatureContract Contract, MonitorReplay Replay, MonitorOutcome Outcome, bool Muted, IReadOnlyList<ContractDay> Days);

/// <summary>One feature's PSI alarm over the replay, for the root-cause engine. <see cref="Muted"/> as for the contract.</summary>
public sealed record FeaturePsiTrace(string Feature, MonitorReplay Replay, MonitorOutcome Outcome, bool Muted, IReadOnlyList<FeaturePsiDay> Days);

/// <summary>
/// The outcome of <see cref="MonitorBacktest.Run"/>: the report records plus the detail behind them.
/// </summary>
/// <param name="Monitors">One replay per candidate monitor, in <see cref="MonitorKind.All"/> order.</param>
/// <param name="Detection">When the drop became visible and which monitors to run.</param>
/// <param name="Periods">The baseline, healthy and incident periods the replay was judged on.</param>
/// <param name="BaselineRecall">The realised recall the realised-recall monitor compares against.</param>
/// <param name="Timelines">Per monitor, every replayed day (same order as <see cref="Monitors"/>).</param>
/// <param name="Contract">Per-feature contract checks.</param>
/// <param name="FeaturePsi">Per-feature PSI alarms.</param>
public sealed record MonitorBacktestResult(
    IReadOnlyList<MonitorReplay> Monitors,
    Detection Detection,
    ReplayPeriods Periods,
    double BaselineRecall,
    IReadOnlyList<MonitorTimeline> Timelines,
    IReadOnlyList<FeatureContractTrace> Contract,
    IReadOnlyList<FeaturePsiTrace> FeaturePsi)
{
    /// <summary>The timeline of the monitor of <paramref name="kind"/>.</summary>
    public MonitorTimeline Timeline(string kind) => Timelines.First(t => t.Replay.Kind == kind);
}
