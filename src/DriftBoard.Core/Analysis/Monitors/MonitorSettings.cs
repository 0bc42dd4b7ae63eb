namespace DriftBoard.Core.Analysis.Monitors;

/// <summary>
/// Thresholds of the candidate monitors replayed by <see cref="MonitorBacktest"/>. The defaults are the product's
/// defaults: common industry rules of thumb (PSI 0.1 / 0.25 bands, a two-proportion z-test at p &lt; 0.001) chosen so a
/// healthy log of a few thousand rows a day raises no alarm. Nothing here is keyed to a feature.
/// </summary>
public sealed record MonitorSettings
{
    /// <summary>Trailing days of the input, score and alert-rate monitors (default 7: a weekly cycle, so weekday mix cancels).</summary>
    public int TrailingDays { get; init; } = 7;

    /// <summary>
    /// The first production days that serve as the score and alert-rate baseline (default 28). The reference (training)
    /// data has no scores, so these come from production; monitors comparing against the baseline start the day after it.
    /// Used unless <see cref="Performance.AnalysisContext.Reference"/> names the healthy period.
    /// </summary>
    public int BaselineDays { get; init; } = 28;

    /// <summary>Trailing days of the input contract check (default 1: a broken pipeline should be caught the day it breaks).</summary>
    public int ContractWindowDays { get; init; } = 1;

    /// <summary>Fewest rows the contract window needs before it can fire (default 200).</summary>
    public int ContractMinRows { get; init; } = 200;

    /// <summary>The contract fires when more than this share of present values is out of range or an unknown category (default 0.02).</summary>
    public double ContractViolationShare { get; init; } = 0.02;

    /// <summary>The contract fires when the missing rate exceeds the reference's by more than this (default 0.05 = 5 points).</summary>
    public double ContractMissingExcess { get; init; } = 0.05;

    /// <summary>
    /// The contract fires when one value holds more than this share of present values above its share in the reference
    /// (default 0.20): a default such as 0 or -1 filling a broken join. Not applied to booleans, whose two values are
    /// always point masses (a shift between them is drift, for the PSI alarm).
    /// </summary>
    public double ContractPointMassExcess { get; init; } = 0.20;

    /// <summary>Without a range on the card, the allowed range is the reference's [q, 1 − q] quantiles (default q = 0.001).</summary>
    public double ReferenceRangeQuantile { get; init; } = 0.001;

    /// <summary>The reference-derived range is widened by this fraction of its width on each side (default 0.1).</summary>
    public double ReferenceRangeWidening { get; init; } = 0.1;

    /// <summary>Bins of the per-feature PSI for numeric features: the reference's deciles (default 10).</summary>
    public int PsiBins { get; init; } = 10;

    /// <summary>
    /// A categorical feature is counted on at most this many of the reference's most common categories, the rest pooled
    /// as one "other" cell (default 50), so a high-cardinality feature costs a small table per day, not one per value.
    /// </summary>
    public int MaxCategoryCells { get; init; } = 50;

    /// <summary>The per-feature PSI alarm fires at PSI at or above this (default 0.25, the usual "significant shift" band).</summary>
    public double FeaturePsiThreshold { get; init; } = 0.25;

    /// <summary>Fewest present values a trailing window needs before the PSI alarm can fire (default 500).</summary>
    public int PsiMinRows { get; init; } = 500;

    /// <summary>The score-distribution monitor fires at PSI at or above this against the baseline period (default 0.2).</summary>
    public double ScorePsiThreshold { get; init; } = 0.2;

    /// <summary>Fewest scored rows a trailing window needs before score, alert-rate and estimated-recall monitors can fire (default 500).</summary>
    public int ScoreMinRows { get; init; } = 500;

    /// <summary>Cells of the grid on which the supporting KS statistic of the score is computed: baseline percentiles (default 100).</summary>
    public int ScoreKsGridBins { get; init; } = 100;

    /// <summary>The alert-rate monitor needs a relative change of the flagged share above this (default 0.25) ...</summary>
    public double AlertRateRelativeChange { get; init; } = 0.25;

    /// <summary>... and a two-sided two-proportion z-test p-value below this (default 0.001).</summary>
    public double AlertRateSignificance { get; init; } = 0.001;

    /// <summary>The label-free monitor fires when estimated recall is this far below the baseline estimate (default 0.05 = 5 points).</summary>
    public double EstimatedRecallDrop { get; init; } = 0.05;

    /// <summary>A monitor is recommended only with at most this many false alarms per 90 healthy days (default 1).</summary>
    public double MaxFalseAlarmsPer90Days { get; init; } = 1;

    /// <summary>
    /// A monitor (or one feature's check) firing on at least this share of the days it could be evaluated on is called
    /// constant (default 0.9): it says nothing about an incident. A feature whose check is constant during the baseline
    /// period is left out of the aggregated monitor, as an operator would mute it in the first weeks.
    /// </summary>
    public double ConstantFiringShare { get; init; } = 0.9;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(TrailingDays, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ContractWindowDays, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BaselineDays, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(PsiBins, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(ScoreKsGridBins, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCategoryCells, 1);
    }
}
