namespace DriftBoard.Core.Statistics.Classification;

/// <summary>A two-sided interval; both ends NaN when undefined.</summary>
public readonly record struct Interval(double Low, double High)
{
    public static Interval Undefined => new(double.NaN, double.NaN);
}

/// <summary>Seeded nonparametric bootstrap: the same seed and input give the same intervals on every run and machine.</summary>
public static class Bootstrap
{
    /// <summary>
    /// Percentile intervals of several statistics over the same <paramref name="replicates"/> resamples of
    /// <paramref name="sampleSize"/> items. A resample is passed to each statistic as a count per item (how many times it
    /// was drawn, summing to <paramref name="sampleSize"/>), so a statistic over sorted data such as
    /// <see cref="RankedScores.Compute"/> needs no re-sort. The count array is reused between calls: do not keep it.
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
        ArgumentOutOfRangeException.ThrowIfNegative(sampleSize);
        ArgumentOutOfRangeException.ThrowIfNegative(replicates);
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be in (0, 1).");
        }

        var intervals = new Interval[statistics.Length];
        if (sampleSize == 0 || replicates == 0)
        {
            Array.Fill(intervals, Interval.Undefined);
            return intervals;
        }

        var values = new double[statistics.Length][];
        var finite = new int[statistics.Length];
        for (var s = 0; s < statistics.Length; s++)
        {
            values[s] = new double[replicates];
        }

        var random = new Random(seed);
        var counts = new int[sampleSize];
        for (var r = 0; r < replicates; r++)
        {
            Array.Clear(counts);
            for (var j = 0; j < sampleSize; j++)
            {
                counts[random.Next(sampleSize)]++;
            }

            for (var s = 0; s < statistics.Length; s++)
            {
                var value = statistics[s](counts);
                if (!double.IsNaN(value))
                {
                    values[s][finite[s]++] = value;
                }
            }
        }

        var alpha = 1 - confidence;
        for (var s = 0; s < statistics.Length; s++)
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

    /// <summary>Linear interpolation between order statistics (the "type 7" rule of R and NumPy's default).</summary>
    internal static double Quantile(ReadOnlySpan<double> sorted, double probability)
    {
        var position = probability * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
