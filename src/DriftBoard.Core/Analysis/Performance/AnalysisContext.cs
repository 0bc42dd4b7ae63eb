using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Performance;

/// <summary>Tunable thresholds of the performance analysis. The defaults are the product's defaults.</summary>
public sealed record PerformanceSettings
{
    /// <summary>A window is provisional while its label maturity is below this share (default 0.9).</summary>
    public double ProvisionalBelowMaturity { get; init; } = 0.9;

    /// <summary>A window with fewer labelled positives than this is too small to be read as degraded (default 30).</summary>
    public int MinLabelledPositives { get; init; } = 30;

    /// <summary>Two-sided level of every interval (default 0.95).</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Bootstrap resamples per window for the AUC intervals (default 200; 0 leaves those intervals NaN).</summary>
    public int BootstrapReplicates { get; init; } = 200;

    /// <summary>Seed of every random draw (bootstrap, permutation test), so results repeat exactly.</summary>
    public int Seed { get; init; } = 20_240_601;

    /// <summary>Smallest recall drop (in recall units, default 0.05 = 5 points) reported as a detected drop.</summary>
    public double MaterialRecallDrop { get; init; } = 0.05;

    /// <summary>A recall drop, or a replayed recall below baseline, is significant when its p-value is below this (default 0.01).</summary>
    public double DropSignificance { get; init; } = 0.01;

    /// <summary>Permutations of the change-point test (default 999, so the smallest attainable p-value is 0.001).</summary>
    public int ChangePointPermutations { get; init; } = 999;

    /// <summary>Trailing days of the day-by-day realised-recall replay (default 28).</summary>
    public int ReplayTrailingDays { get; init; } = 28;

    /// <summary>Fewest known positives a replayed day needs before it can make a drop visible (default 30).</summary>
    public int ReplayMinPositives { get; init; } = 30;

    /// <summary>Days the label-free estimate calibrates on when no reference period is given (default the first 28 days).</summary>
    public int DefaultReferenceDays { get; init; } = 28;
}

/// <summary>
/// What the performance analysis needs beyond the frame: the dataset's as-of time, the negative-by-maturity rule of a
/// positive-events label feed, the healthy reference period, and the settings.
/// </summary>
/// <param name="AsOf">The time the labels in the frame are known as of.</param>
/// <param name="MaturityDays">
/// For a positive-events feed: days after which an unlisted row counts as negative. Null for explicit labels.
/// </param>
/// <param name="Reference">
/// The healthy period whose mature labelled rows calibrate the label-free estimate; null for the first
/// <see cref="PerformanceSettings.DefaultReferenceDays"/> days of the frame.
/// </param>
public sealed record AnalysisContext(DateTimeOffset AsOf, int? MaturityDays = null, TimeWindow? Reference = null, PerformanceSettings? Settings = null)
{
    public PerformanceSettings Settings { get; init; } = Settings ?? new PerformanceSettings();

    public long AsOfMs => AsOf.ToUnixTimeMilliseconds();

    /// <summary>The negative-by-maturity horizon in milliseconds, or null without that rule.</summary>
    public long? MaturityMs => MaturityDays is { } days ? days * UtcDays.MsPerDay : null;

    /// <summary>The context of a dataset described by <paramref name="card"/>, with its label rule's maturity days.</summary>
    public static AnalysisContext For(ModelCard card, DateTimeOffset asOf, TimeWindow? reference = null, PerformanceSettings? settings = null) =>
        new(asOf, card.Labels is PositiveEventsLabels feed ? feed.MaturityDays : null, reference, settings);
}
