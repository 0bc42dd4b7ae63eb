using DriftBoard.Core.Analysis.Aggregates;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Drift;

/// <summary>One cell of the drift table: a feature in a window.</summary>
public sealed record WindowFeatureDrift(TimeWindow Window, DriftStatistics Statistics);

/// <summary>
/// The per-window drift table: every profiled feature in every window of the production frame. Reference profiles are
/// built once (<see cref="Profiles"/>) and reused for every window.
/// </summary>
public static class DriftTable
{
    /// <summary>
    /// Profiles of the given features in the reference frame (usually the training data), in the order given, built in
    /// parallel; features the frame lacks are skipped.
    /// </summary>
    public static IReadOnlyList<ReferenceProfile> Profiles(DatasetFrame reference, IEnumerable<FeatureSpec> features, int bins = 10)
    {
        var present = features.Where(spec => reference.Features.ContainsKey(spec.Name)).ToArray();
        var profiles = new ReferenceProfile[present.Length];
        Parallel.For(0, present.Length, i =>
            profiles[i] = ReferenceProfile.Build(reference.Features[present[i].Name] with { Spec = present[i] }, bins));
        return profiles;
    }

    /// <summary>
    /// Rows in window order, features in profile order within a window. Features the production frame lacks are skipped.
    /// Cells are independent and computed in parallel; the result does not depend on the scheduling.
    /// <paramref name="ranges"/> are the windows' row ranges in the day-ordered frame (<see cref="WindowRows.Ranges"/>).
    /// </summary>
    public static IReadOnlyList<WindowFeatureDrift> Compute(
        IReadOnlyList<ReferenceProfile> profiles, DatasetFrame production, IReadOnlyList<TimeWindow> windows, IReadOnlyList<RowRange> ranges,
        DriftThresholds? thresholds = null)
    {
        if (ranges.Count != windows.Count) throw new ArgumentException("one row range per window", nameof(ranges));
        var present = new List<(ReferenceProfile Profile, FeatureColumn Column)>();
        foreach (var profile in profiles)
        {
            if (production.Features.TryGetValue(profile.Feature, out var column))
            {
                present.Add((profile, column with { Spec = profile.Spec }));
            }
        }

        var cells = new WindowFeatureDrift[windows.Count * present.Count];
        Parallel.For(0, cells.Length, index =>
        {
            var window = index / present.Count;
            var (profile, column) = present[index % present.Count];
            var range = ranges[window];
            cells[index] = new WindowFeatureDrift(windows[window], FeatureDrift.Compute(profile, column, range.Start, range.Length, thresholds));
        });
        return cells;
    }

    /// <summary>
    /// The same table from per-day counts (<see cref="FeatureAggregates"/>): rows in window order, the aggregates'
    /// profiles in order within a window, features the production log lacks skipped. No row is read.
    /// </summary>
    public static IReadOnlyList<WindowFeatureDrift> FromAggregates(FeatureAggregates aggregates, IReadOnlyList<TimeWindow> windows, DriftThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        var present = aggregates.Profiles.Where(p => aggregates.Holds(p.Feature)).ToArray();
        var cells = new WindowFeatureDrift[windows.Count * present.Length];
        Parallel.For(0, cells.Length, index =>
        {
            var window = windows[index / present.Length];
            cells[index] = new WindowFeatureDrift(window, aggregates.Drift(present[index % present.Length], window, thresholds)!);
        });
        return cells;
    }
}
