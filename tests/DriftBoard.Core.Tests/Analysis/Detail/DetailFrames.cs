using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Tests.Analysis.Detail;

/// <summary>Hand-written rows for the detail objects: (day, score, flagged, label, feature values).</summary>
internal static class DetailFrames
{
    public static readonly DateOnly Day0 = new(2026, 3, 2);

    public static DatasetFrame Frame(IReadOnlyList<(int Day, double Score, bool Flagged, sbyte Label)> rows, params FeatureColumn[] features) => new()
    {
        Timestamps = [.. rows.Select(r => UtcDays.ToUnixMs(Day0.AddDays(r.Day)) + 3_600_000)],
        Scores = [.. rows.Select(r => r.Score)],
        Predictions = [.. rows.Select(r => r.Flagged ? (byte)1 : (byte)0)],
        Labels = [.. rows.Select(r => r.Label)],
        LabelKnownAt = [.. rows.Select(r => r.Label == LabelValue.Unknown ? long.MaxValue : 0L)],
        Features = features.ToDictionary(f => f.Spec.Name, StringComparer.Ordinal),
    };

    /// <summary>A window's performance record where only the readability flags matter.</summary>
    public static WindowPerformance Window(int day, bool provisional = false, bool tooSmall = false) => new(
        Day0.AddDays(day), Day0.AddDays(day + 1), 0, 0, 0, 0, 0, 1, 1, provisional, tooSmall,
        double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    public static TimeWindow Day(int day) => new(Day0.AddDays(day), Day0.AddDays(day + 1));
}
