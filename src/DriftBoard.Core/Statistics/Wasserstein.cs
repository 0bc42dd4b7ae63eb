namespace DriftBoard.Core.Statistics;

/// <summary>
/// The 1-D Wasserstein (earth mover's) distance between two empirical distributions, the integral of |F_u - F_v|,
/// as scipy's <c>stats.wasserstein_distance(u, v)</c> (unweighted). NaN values are ignored; an empty sample gives NaN.
/// </summary>
public static class Wasserstein
{
    /// <summary>The smallest reference standard deviation used by <see cref="NormedByReferenceStd"/>, so a constant reference does not divide by zero.</summary>
    public const double StdFloor = 1e-3;

    public static double Distance(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
        => DistanceSorted(Samples.SortedWithoutNaN(u), Samples.SortedWithoutNaN(v));

    /// <summary><see cref="Distance"/> for samples already sorted ascending (NaN at the ends is ignored).</summary>
    public static double DistanceSorted(ReadOnlySpan<double> sortedU, ReadOnlySpan<double> sortedV)
    {
        var a = Samples.TrimNaN(sortedU);
        var b = Samples.TrimNaN(sortedV);
        if (a.IsEmpty || b.IsEmpty)
        {
            return double.NaN;
        }

        // Walk the merged values one element at a time. On [previous, x) the CDFs count exactly the elements already
        // consumed (ties add zero-width segments), so no tie grouping is needed and the loop stays branch-light.
        double inverseU = 1.0 / a.Length, inverseV = 1.0 / b.Length;
        int i = 0, j = 0;
        var previous = Math.Min(a[0], b[0]);
        var sum = 0.0;
        while (i < a.Length && j < b.Length)
        {
            var gap = Math.Abs(i * inverseU - j * inverseV);
            double x;
            if (a[i] <= b[j])
            {
                x = a[i++];
            }
            else
            {
                x = b[j++];
            }

            sum += gap * (x - previous);
            previous = x;
        }

        // One sample is used up; its CDF is 1 from here on.
        var rest = i < a.Length ? a[i..] : b[j..];
        var consumed = i < a.Length ? i : j;
        var inverse = i < a.Length ? inverseU : inverseV;
        foreach (var x in rest)
        {
            sum += (1.0 - consumed * inverse) * (x - previous);
            previous = x;
            consumed++;
        }

        return sum;
    }

    /// <summary>
    /// <see cref="Distance"/> divided by the reference's population standard deviation floored at <see cref="StdFloor"/>:
    /// a scale-free shift size (0.1 = a tenth of a standard deviation).
    /// </summary>
    public static double NormedByReferenceStd(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
        => Distance(reference, current) / Math.Max(Samples.PopulationStd(reference), StdFloor);

    /// <summary>
    /// An approximation from cumulative histograms on shared edges (as <see cref="KolmogorovSmirnov.FromCumulativeCounts"/>:
    /// element i counts values &lt;= edges[i], and the last element, one past the edges, is the sample size):
    /// sum over interior cells of |F_ref(e_i) - F_cur(e_i)| (e_(i+1) - e_i). Mass below the first or above the last
    /// edge contributes nothing, and inside a cell the error is at most the cell's width times the larger share either
    /// sample holds in it. NaN when a sample is empty.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths do not fit the edges.</exception>
    public static double FromCumulativeCounts(ReadOnlySpan<double> edges, ReadOnlySpan<long> referenceCumulative, ReadOnlySpan<long> currentCumulative)
    {
        if (referenceCumulative.Length != edges.Length + 1 || currentCumulative.Length != edges.Length + 1)
        {
            throw new ArgumentException("Cumulative counts need one element per edge plus the total.");
        }

        double nr = referenceCumulative[^1], nc = currentCumulative[^1];
        if (nr == 0 || nc == 0)
        {
            return double.NaN;
        }

        var sum = 0.0;
        for (var i = 0; i + 1 < edges.Length; i++)
        {
            sum += Math.Abs(referenceCumulative[i] / nr - currentCumulative[i] / nc) * (edges[i + 1] - edges[i]);
        }

        return sum;
    }
}
