using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Analysis.Fixes;
using DriftBoard.Core.Analysis.Monitors;
using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.RootCauses;
using DriftBoard.Core.Analysis.Windows;

namespace DriftBoard.Core.Analysis;

/// <summary>What drift is measured against: the training data, or a period of production (inclusive UTC days).</summary>
public sealed record ReferenceChoice(DateOnly? From, DateOnly? To)
{
    public static ReferenceChoice Training { get; } = new(null, null);

    public bool IsTraining => From is null;

    /// <summary>"training" or "2026-04-01..2026-04-30".</summary>
    public override string ToString() => IsTraining ? "training" : $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}";

    /// <summary>Parses "training" or "FROM..TO" (ISO dates, inclusive).</summary>
    public static bool TryParse(string? text, out ReferenceChoice choice)
    {
        choice = Training;
        if (string.IsNullOrWhiteSpace(text) || text.Equals("training", StringComparison.OrdinalIgnoreCase)) return true;
        var parts = text.Split("..", 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", out var from)
            || !DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", out var to)
            || to < from)
            return false;
        choice = new ReferenceChoice(from, to);
        return true;
    }

    public TimeWindow? AsWindow() => IsTraining ? null : new TimeWindow(From!.Value, To!.Value.AddDays(1));
}

/// <summary>The analysis' choices. The defaults are the product's: ISO weeks, the training data as reference.</summary>
public sealed record DiagnosisOptions
{
    public WindowSize Window { get; init; } = WindowSize.Week;
    public ReferenceChoice Reference { get; init; } = ReferenceChoice.Training;
    public PerformanceSettings Performance { get; init; } = new();
    public DriftThresholds Drift { get; init; } = DriftThresholds.Default;
    public RootCauseSettings RootCause { get; init; } = new();
    public FixSimulationOptions Fixes { get; init; } = new();
    public MonitorSettings Monitors { get; init; } = new();
}
