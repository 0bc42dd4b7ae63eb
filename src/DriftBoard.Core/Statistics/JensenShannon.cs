namespace DriftBoard.Core.Statistics;

/// <summary>
/// The Jensen-Shannon distance in base 2 (a value in [0, 1]), as scipy's <c>spatial.distance.jensenshannon(p, q, base=2)</c>:
/// each count vector is normalised to sum 1, m = (p + q) / 2, and the distance is sqrt((KL(p||m) + KL(q||m)) / 2).
/// An empty vector (sum 0) gives NaN.
/// </summary>
public static class JensenShannon
{
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static double Distance(ReadOnlySpan<long> p, ReadOnlySpan<long> q)
    {
        var (pTotal, qTotal) = Samples.AlignedTotals(p, q);
        if (pTotal == 0 || qTotal == 0)
        {
            return double.NaN;
        }

        var divergence = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            var pi = p[i] / (double)pTotal;
            var qi = q[i] / (double)qTotal;
            var m = (pi + qi) / 2.0;
            divergence += RelativeEntropy(pi, m) + RelativeEntropy(qi, m);
        }

        // Rounding can leave a hair below zero for identical inputs.
        return Math.Sqrt(Math.Max(divergence / Math.Log(2) / 2.0, 0.0));
    }

    // scipy.special.rel_entr: x log(x/y), and 0 where x = 0.
    private static double RelativeEntropy(double x, double y) => x > 0 ? x * Math.Log(x / y) : 0.0;
}
