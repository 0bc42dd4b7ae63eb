namespace DriftBoard.Core.Analysis.Fixes;

/// <summary>
/// Seeded percentile bootstrap over n items. Each resample is passed as multiplicities (weights[i] = times item i was drawn),
/// so statistics are weighted sums over the original arrays with no copies. NaN statistics are left out of the percentiles.
/// </summary>
internal static class Bootstrap
{
    public static (double Low, double High) Interval(int n, int resamples, int seed, double confidence, Func<int[], double> statistic)
    {
        if (n == 0 || resamples <= 0)
        {
            return (double.NaN, double.NaN);
        }
        var random = new Random(seed);
        var weights = new int[n];
        var values = new List<double>(resamples);
        for (var b = 0; b < resamples; b++)
        {
            Array.Clear(weights);
            for (var i = 0; i < n; i++)
            {
                weights[random.Next(n)]++;
            }
            var value = statistic(weights);
            if (!double.IsNaN(value))
            {
                values.Add(value);
            }
        }
        if (values.Count == 0)
        {
            return (double.NaN, double.NaN);
        }
        values.Sort();
        var tail = (1 - confidence) / 2;
        return (Percentile(values, tail), Percentile(values, 1 - tail));
    }

    static double Percentile(List<double> sorted, double p)
    {
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
