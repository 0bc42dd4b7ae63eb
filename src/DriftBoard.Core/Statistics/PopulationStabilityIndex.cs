namespace DriftBoard.Core.Statistics;

/// <summary>
/// The population stability index, PSI = sum_i (cur_i - ref_i) ln(cur_i / ref_i) over bin shares, with every share
/// floored at <see cref="ShareFloor"/> so an empty bin contributes a large but finite term.
/// Numeric features are binned on the reference's deciles; categorical features use one bin per category
/// (pass aligned category counts to <see cref="FromCounts"/>).
/// NaN values are missing and never counted. An empty sample gives NaN.
/// </summary>
public static class PopulationStabilityIndex
{
    /// <summary>The smallest share a bin is given, so ln(cur/ref) stays finite.</summary>
    public const double ShareFloor = 1e-4;

    /// <summary>
    /// Interior bin edges from the reference: numpy.quantile(reference, [1/bins, ..., (bins-1)/bins]) with linear
    /// interpolation, duplicates dropped (so a feature with few distinct values gets fewer bins).
    /// NaN values are ignored; an empty reference gives no edges (one bin).
    /// </summary>
    public static double[] ReferenceEdges(ReadOnlySpan<double> reference, int bins = 10)
        => EdgesFromSorted(Samples.SortedWithoutNaN(reference), bins);

    /// <summary><see cref="ReferenceEdges"/> for a reference already sorted ascending without NaN.</summary>
    public static double[] EdgesFromSorted(ReadOnlySpan<double> sortedReference, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var sorted = Samples.TrimNaN(sortedReference);
        if (sorted.IsEmpty)
        {
            return [];
        }

        var edges = new List<double>(bins - 1);
        for (var i = 1; i < bins; i++)
        {
            var edge = Quantile(sorted, (double)i / bins);
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        return [.. edges];
    }

    /// <summary>
    /// numpy's default ('linear') quantile of sorted data: virtual index q (n-1), interpolated with numpy's
    /// <c>_lerp</c>, which measures from the nearer end so the result is monotone in q.
    /// </summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty)
        {
            return double.NaN;
        }

        var n = sorted.Length;
        var virtualIndex = (n - 1) * q;
        if (virtualIndex >= n - 1)
        {
            return sorted[n - 1];
        }

        if (virtualIndex <= 0)
        {
            return sorted[0];
        }

        var previous = Math.Floor(virtualIndex);
        var gamma = virtualIndex - previous;
        var below = sorted[(int)previous];
        var above = sorted[(int)previous + 1];
        var difference = above - below;
        return gamma >= 0.5 ? above - difference * (1 - gamma) : below + difference * gamma;
    }

    /// <summary>
    /// Counts per bin for strictly increasing <paramref name="edges"/> e_0 &lt; ... &lt; e_(k-1): k + 1 bins, bin i holding
    /// e_(i-1) &lt; v &lt;= e_i (the first bin is (-inf, e_0], the last (e_(k-1), +inf)). NaN values are skipped.
    /// </summary>
    public static long[] Histogram(ReadOnlySpan<double> values, ReadOnlySpan<double> edges)
    {
        var counts = new long[edges.Length + 1];
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            // An exact match lands in the bin the edge closes; otherwise the bin is the count of edges below v.
            var index = edges.BinarySearch(v);
            counts[index >= 0 ? index : ~index]++;
        }

        return counts;
    }

    /// <summary>
    /// PSI from aligned counts (bins or categories). Shares are count / total floored at <see cref="ShareFloor"/>.
    /// NaN when either total is zero.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static double FromCounts(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        var (referenceTotal, currentTotal) = Samples.AlignedTotals(reference, current);
        if (referenceTotal == 0 || currentTotal == 0)
        {
            return double.NaN;
        }

        var psi = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            var r = Math.Max(reference[i] / (double)referenceTotal, ShareFloor);
            var c = Math.Max(current[i] / (double)currentTotal, ShareFloor);
            psi += (c - r) * Math.Log(c / r);
        }

        return psi;
    }

    /// <summary>PSI of a numeric feature on the reference's decile bins (<see cref="ReferenceEdges"/>).</summary>
    public static double Numeric(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, int bins = 10)
    {
        var edges = ReferenceEdges(reference, bins);
        return FromCounts(Histogram(reference, edges), Histogram(current, edges));
    }
}
