using DriftBoard.Core.Domain;
using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Analysis.Drift;

/// <summary>
/// One feature's drift in one window against a <see cref="ReferenceProfile"/>: the statistics of
/// <see cref="DriftStatistics"/> and a severity judged by effect size (PSI, vanished or new categories, missing-rate
/// rise), never by p-value, since with millions of rows every difference is "significant".
/// </summary>
public static class FeatureDrift
{
    // Slack for threshold comparisons of shares computed by division (0.45 - 0.25 is 0.19999999999999998).
    private const double Slack = 1e-12;

    /// <summary>The whole column as the window.</summary>
    public static DriftStatistics Compute(ReferenceProfile reference, FeatureColumn window, DriftThresholds? thresholds = null)
        => Compute(reference, window, 0, window.Length, thresholds);

    /// <summary>Rows [start, start + length) of a column as the window (production frames are ordered by day, so a window is a row range).</summary>
    /// <exception cref="ArgumentException">The column's type differs from the reference's.</exception>
    public static DriftStatistics Compute(ReferenceProfile reference, FeatureColumn column, int start, int length, DriftThresholds? thresholds = null)
    {
        if (column.Spec.Type != reference.Type)
        {
            throw new ArgumentException($"Feature '{column.Spec.Name}' is {column.Spec.Type} in the window but {reference.Type} in the reference.", nameof(column));
        }

        if (reference.Type == FeatureType.Numeric)
        {
            return column is NumericColumn numeric
                ? Numeric(reference, numeric.Values.AsSpan(start, length), thresholds)
                : throw new ArgumentException($"Numeric feature '{column.Spec.Name}' is not held in a {nameof(NumericColumn)}.", nameof(column));
        }

        return Categorical(reference, CategoryTally.FromColumn(column, start, length), thresholds ?? DriftThresholds.Default);
    }

    /// <summary>A numeric feature's window values (NaN = missing) against its reference.</summary>
    public static DriftStatistics Numeric(ReferenceProfile reference, ReadOnlySpan<double> values, DriftThresholds? thresholds = null)
    {
        thresholds ??= DriftThresholds.Default;
        var sorted = Samples.SortedWithoutNaN(values);
        var rows = values.Length;
        var missingRate = rows == 0 ? 0.0 : (double)(rows - sorted.Length) / rows;

        var histogram = PopulationStabilityIndex.Histogram(sorted, reference.Edges);
        var psi = PopulationStabilityIndex.FromCounts(reference.Histogram, histogram);
        var ks = KolmogorovSmirnov.TwoSampleSorted(reference.SortedValues, sorted, thresholds.KsMethod);
        var js = JensenShannon.Distance(reference.Histogram, histogram);
        var wasserstein = Wasserstein.DistanceSorted(reference.SortedValues, sorted) / Math.Max(reference.Std, Wasserstein.StdFloor);

        var lower = reference.Spec.RangeMin ?? reference.Min;
        var upper = reference.Spec.RangeMax ?? reference.Max;
        double? outOfRange = sorted.Length == 0 || double.IsNaN(lower) || double.IsNaN(upper)
            ? null
            : (double)(Samples.CountLess(sorted, lower) + sorted.Length - Samples.CountAtMost(sorted, upper)) / sorted.Length;

        var tooSmall = rows < thresholds.MinimumRows;
        var signals = tooSmall ? DriftSignals.None : PsiSignal(psi, thresholds) | MissingSignal(missingRate, reference.MissingRate, thresholds);
        return new DriftStatistics(
            reference.Feature, reference.Type, rows, tooSmall, missingRate, reference.MissingRate,
            Finite(psi), Finite(ks.Statistic), Finite(ks.PValue), null, null, Finite(js), Finite(wasserstein), outOfRange,
            [], [], SeverityOf(signals), signals);
    }

    /// <summary>A categorical feature's window codes (indexes into <paramref name="categories"/>, -1 = missing) against its reference; categories are matched by name.</summary>
    public static DriftStatistics Categorical(ReferenceProfile reference, ReadOnlySpan<int> codes, IReadOnlyList<string> categories, DriftThresholds? thresholds = null)
        => Categorical(reference, CategoryTally.FromCodes(codes, categories), thresholds ?? DriftThresholds.Default);

    /// <summary>A boolean feature's window values (0/1, NaN = missing) against its reference, analysed as the categories "false" and "true".</summary>
    public static DriftStatistics Boolean(ReferenceProfile reference, ReadOnlySpan<double> values, DriftThresholds? thresholds = null)
        => Categorical(reference, CategoryTally.FromBooleans(values), thresholds ?? DriftThresholds.Default);

    internal static DriftStatistics Categorical(ReferenceProfile reference, CategoryTally window, DriftThresholds thresholds)
    {
        var referenceTally = reference.Tally;

        // Align: the reference's categories first, then the window's new ones.
        var known = referenceTally.Names.Length;
        var newNames = new List<string>();
        var newCounts = new List<long>();
        var windowAligned = new long[known];
        for (var i = 0; i < window.Names.Length; i++)
        {
            if (reference.TryGetCategory(window.Names[i], out var index))
            {
                windowAligned[index] = window.Counts[i];
            }
            else
            {
                newNames.Add(window.Names[i]);
                newCounts.Add(window.Counts[i]);
            }
        }

        var referenceCounts = new long[known + newNames.Count];
        referenceTally.Counts.CopyTo(referenceCounts, 0);
        long[] windowCounts = [.. windowAligned, .. newCounts];

        var psi = PopulationStabilityIndex.FromCounts(referenceCounts, windowCounts);
        var chi = ChiSquare.TwoByK(referenceCounts, windowCounts);
        var js = JensenShannon.Distance(referenceCounts, windowCounts);

        double windowPresent = window.Present, referencePresent = referenceTally.Present;
        var newCategories = Enumerable.Range(0, newNames.Count)
            .OrderByDescending(i => newCounts[i]).ThenBy(i => newNames[i], StringComparer.Ordinal)
            .Select(i => newNames[i]).ToArray();
        var largestNewShare = windowPresent == 0 || newCounts.Count == 0 ? 0.0 : newCounts.Max() / windowPresent;

        var vanished = Enumerable.Range(0, known).Where(i => windowAligned[i] == 0 && windowPresent > 0)
            .Select(i => (Name: referenceTally.Names[i], Share: referenceTally.Counts[i] / referencePresent))
            .ToArray();
        var missingCategories = vanished.Where(c => c.Share >= thresholds.MissingCategoryMinShare - Slack)
            .OrderByDescending(c => c.Share).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name).ToArray();
        var largestVanishedShare = vanished.Length == 0 ? 0.0 : vanished.Max(c => c.Share);

        var rows = window.Rows;
        var missingRate = rows == 0 ? 0.0 : window.Missing / (double)rows;
        var tooSmall = rows < thresholds.MinimumRows;
        var signals = DriftSignals.None;
        if (!tooSmall)
        {
            signals = PsiSignal(psi, thresholds) | MissingSignal(missingRate, reference.MissingRate, thresholds);
            if (largestNewShare > thresholds.NewCategoryMajorShare + Slack)
            {
                signals |= DriftSignals.NewCategoryMajor;
            }

            if (largestVanishedShare >= thresholds.VanishedCategoryMajorShare - Slack)
            {
                signals |= DriftSignals.VanishedCategoryMajor;
            }
        }

        return new DriftStatistics(
            reference.Feature, reference.Type, rows, tooSmall, missingRate, reference.MissingRate,
            Finite(psi), null, null, Finite(chi.Statistic), Finite(chi.PValue), Finite(js), null,
            windowPresent == 0 ? null : OutOfRangeCount(reference, window) / windowPresent,
            newCategories, missingCategories, SeverityOf(signals), signals);
    }

    private static double OutOfRangeCount(ReferenceProfile reference, CategoryTally window)
    {
        if (reference.Type == FeatureType.Boolean)
        {
            return window.NonBinary;
        }

        // The card's listed values when it lists them, else the categories the reference had.
        var allowed = reference.Spec.Values;
        long outside = 0;
        for (var i = 0; i < window.Names.Length; i++)
        {
            var inside = allowed is { Count: > 0 } ? allowed.Contains(window.Names[i]) : reference.TryGetCategory(window.Names[i], out _);
            if (!inside)
            {
                outside += window.Counts[i];
            }
        }

        return outside;
    }

    internal static DriftSignals PsiSignal(double psi, DriftThresholds thresholds)
    {
        if (double.IsNaN(psi))
        {
            return DriftSignals.None;
        }

        if (psi >= thresholds.MajorPsi)
        {
            return DriftSignals.PsiMajor;
        }

        return psi >= thresholds.ModeratePsi ? DriftSignals.PsiModerate : DriftSignals.None;
    }

    internal static DriftSignals MissingSignal(double missingRate, double referenceMissingRate, DriftThresholds thresholds)
        => missingRate - referenceMissingRate >= thresholds.MissingRateRiseMajor - Slack ? DriftSignals.MissingRateRise : DriftSignals.None;

    internal static DriftSeverity SeverityOf(DriftSignals signals)
    {
        const DriftSignals major = DriftSignals.PsiMajor | DriftSignals.NewCategoryMajor | DriftSignals.VanishedCategoryMajor | DriftSignals.MissingRateRise;
        if ((signals & major) != 0)
        {
            return DriftSeverity.Major;
        }

        return signals.HasFlag(DriftSignals.PsiModerate) ? DriftSeverity.Moderate : DriftSeverity.None;
    }

    internal static double? Finite(double value) => double.IsNaN(value) ? null : value;
}
