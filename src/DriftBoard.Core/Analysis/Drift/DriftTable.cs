using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Drift;

/// <summary>One cell of the drift table: a feature in a window.</summary>
public sealed record WindowFeatureDrift(DriftWindow Window, DriftStatistics Statistics);

/// <summary>
/// The per-window drift table: every profiled feature in every window of the production frame. Reference profiles are
/// built once (<see cref="Profiles"/>) and reused for every window.
/// </summary>
public static class DriftTable
{
    /// <summary>Profiles of the given features in the reference frame (usually the training data); features the frame lacks are skipped.</summary>
    public static IReadOnlyList<ReferenceProfile> Profiles(DatasetFrame reference, IEnumerable<FeatureSpec> features, int bins = 10)
    {
        var profiles = new List<ReferenceProfile>();
        foreach (var spec in features)
        {
            if (reference.Features.TryGetValue(spec.Name, out var column))
            {
                profiles.Add(ReferenceProfile.Build(column with { Spec = spec }, bins));
            }
        }

        return profiles;
    }

    /// <summary>
    /// Rows in window order, features in profile order within a window. Features the production frame lacks are skipped.
    /// </summary>
    public static IReadOnlyList<WindowFeatureDrift> Compute(
        IReadOnlyList<ReferenceProfile> profiles, DatasetFrame production, IReadOnlyList<DriftWindow> windows, DriftThresholds? thresholds = null)
    {
        var rows = new List<WindowFeatureDrift>(profiles.Count * windows.Count);
        foreach (var window in windows)
        {
            foreach (var profile in profiles)
            {
                if (production.Features.TryGetValue(profile.Feature, out var column))
                {
                    var statistics = FeatureDrift.Compute(profile, column with { Spec = profile.Spec }, window.FirstRow, window.RowCount, thresholds);
                    rows.Add(new WindowFeatureDrift(window, statistics));
                }
            }
        }

        return rows;
    }
}
