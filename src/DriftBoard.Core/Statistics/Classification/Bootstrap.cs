namespace DriftBoard.Core.Statistics.Classification;

/// <summary>A two-sided interval; both ends NaN when undefined.</summary>
public readonly record struct Interval(double Low, double High)
{
    public static Interval Undefined => new(double.NaN, double.NaN);
}

/// <summary>
/// Seeded nonparametric bootstrap: the same seed and input give the same intervals on every run, machine and runtime
/// (the generator is a fixed SplitMix64, not <see cref="Random"/>).
/// <para>
/// Resamples are Poisson bootstrap resamples: each item's multiplicity is an independent Poisson(1) draw instead of a
/// multinomial draw of exactly n items. The two agree as n grows (the total only varies around n by about √n), and the
/// Poisson form is drawn in one sequential pass over the items: cache-friendly on millions of rows, where scattering n
/// random increments over a large count array is several times slower.
/// </para>
/// </summary>
/// <summary>Computes several statistics of one resample into <paramref name="values"/> (one slot per statistic).</summary>
/// <param name="counts">Multiplicity of each item in the resample; reused between calls, do not keep it.</param>
public delegate void ResampleStatistics(int[] counts, Span<double> values);

public static class Bootstrap
{
    /// <summary>
    /// Percentile intervals of several statistics over the same <paramref name="replicates"/> resamples of
    /// <paramref name="sampleSize"/> items. A resample is passed to each statistic as a count per item (how many times it
    /// was drawn: a Poisson(1) draw each, see the class), so a statistic over sorted data such as
    /// <see cref="RankedScores.Compute"/> needs no re-sort.
    /// Cost: O(<paramref name="replicates"/> · (<paramref name="sampleSize"/> + cost of the statistics)).
    /// Replicates where a statistic is NaN (a resample without positives, say) are dropped for that statistic; when
    /// more than half are dropped, or <paramref name="sampleSize"/> or <paramref name="replicates"/> is 0, its
    /// interval is <see cref="Interval.Undefined"/>. Quantiles interpolate linearly between order statistics.
    /// </summary>
    public static Interval[] PercentileIntervals(
        int sampleSize,
        int replicates,
        int seed,
        double confidence,
        params ReadOnlySpan<Func<int[], double>> statistics)
    {
        var each = statistics.ToArray();
        return PercentileIntervals(sampleSize, replicates, seed, confidence, each.Length, (counts, values) =>
        {
            for (var s = 0; s < each.Length; s++)
            {
                values[s] = each[s](counts);
            }
        });
    }

    /// <summary>
    /// As the other overload, for <paramref name="statisticCount"/> statistics computed together from each resample
    /// (one pass over sorted scores can give both ROC AUC and average precision).
    /// </summary>
    public static Interval[] PercentileIntervals(
        int sampleSize,
        int replicates,
        int seed,
        double confidence,
        int statisticCount,
        ResampleStatistics statistics)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleSize);
        ArgumentOutOfRangeException.ThrowIfNegative(replicates);
        ArgumentOutOfRangeException.ThrowIfNegative(statisticCount);
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be in (0, 1).");
        }

        var intervals = new Interval[statisticCount];
        if (sampleSize == 0 || replicates == 0)
        {
            Array.Fill(intervals, Interval.Undefined);
            return intervals;
        }

        var values = new double[statisticCount][];
        var finite = new int[statisticCount];
        for (var s = 0; s < statisticCount; s++)
        {
            values[s] = new double[replicates];
        }

        var state = (ulong)(uint)seed;
        var counts = new int[sampleSize];
        var replicate = new double[statisticCount];
        for (var r = 0; r < replicates; r++)
        {
            for (var j = 0; j < counts.Length; j++)
            {
                counts[j] = PoissonOne(ref state);
            }

            Array.Fill(replicate, double.NaN);
            statistics(counts, replicate);
            for (var s = 0; s < statisticCount; s++)
            {
                if (!double.IsNaN(replicate[s]))
                {
                    values[s][finite[s]++] = replicate[s];
                }
            }
        }

        var alpha = 1 - confidence;
        for (var s = 0; s < statisticCount; s++)
        {
            if (finite[s] * 2 < replicates)
            {
                intervals[s] = Interval.Undefined;
                continue;
            }

            var kept = values[s].AsSpan(0, finite[s]);
            kept.Sort();
            intervals[s] = new Interval(Quantile(kept, alpha / 2), Quantile(kept, 1 - (alpha / 2)));
        }

        return intervals;
    }

    /// <summary>Cumulative Poisson(1) probabilities P(X ≤ k) for k = 0..11, scaled to 2⁶⁴ for an integer comparison.</summary>
    private static readonly ulong[] PoissonOneCumulative = BuildPoissonOneCumulative();

    private static ulong[] BuildPoissonOneCumulative()
    {
        var cumulative = new ulong[12];
        double term = Math.Exp(-1), sum = 0;
        for (var k = 0; k < cumulative.Length; k++)
        {
            sum += term;
            term /= k + 1;
            cumulative[k] = sum >= 1 ? ulong.MaxValue : (ulong)(sum * 18446744073709551616.0);
        }

        cumulative[^1] = ulong.MaxValue; // P(X > 11) ≈ 1e-9: folded into 11.
        return cumulative;
    }

    /// <summary>One Poisson(1) draw by inversion of a SplitMix64 output.</summary>
    private static int PoissonOne(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        var table = PoissonOneCumulative;
        // Branch-free for the 98% of draws that are 0..3: a data-dependent loop mispredicts on almost every draw.
        var k = (z > table[0] ? 1 : 0) + (z > table[1] ? 1 : 0) + (z > table[2] ? 1 : 0) + (z > table[3] ? 1 : 0);
        while (k < table.Length - 1 && z > table[k])
        {
            k++;
        }

        return k;
    }

    /// <summary>Linear interpolation between order statistics (the "type 7" rule of R and NumPy's default).</summary>
    internal static double Quantile(ReadOnlySpan<double> sorted, double probability)
    {
        var position = probability * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
