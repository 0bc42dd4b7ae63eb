namespace DriftBoard.Core.Statistics;

/// <summary>Shared handling of raw samples: NaN marks a missing value and is dropped before any statistic is computed.</summary>
public static class Samples
{
    /// <summary>A new ascending array holding the non-NaN values of <paramref name="values"/>.</summary>
    public static double[] SortedWithoutNaN(ReadOnlySpan<double> values)
    {
        var count = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                count++;
            }
        }

        var result = new double[count];
        var k = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                result[k++] = v;
            }
        }

        Array.Sort(result);
        return result;
    }

    /// <summary>
    /// The NaN-free middle of an ascending array. .NET's sort puts NaN first and numpy's puts it last, so a sorted
    /// array can only hold NaN at its ends.
    /// </summary>
    public static ReadOnlySpan<double> TrimNaN(ReadOnlySpan<double> sorted)
    {
        var start = 0;
        var end = sorted.Length;
        while (start < end && double.IsNaN(sorted[start]))
        {
            start++;
        }

        while (end > start && double.IsNaN(sorted[end - 1]))
        {
            end--;
        }

        return sorted[start..end];
    }

    /// <summary>Population standard deviation (numpy's <c>std</c> with ddof=0) of the non-NaN values; NaN when there are none.</summary>
    public static double PopulationStd(ReadOnlySpan<double> values)
    {
        var count = 0;
        var sum = 0.0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                count++;
                sum += v;
            }
        }

        if (count == 0)
        {
            return double.NaN;
        }

        // Two passes, as numpy does: the mean first, then squared deviations, which avoids the cancellation of sum(x^2) - n*mean^2.
        var mean = sum / count;
        var squares = 0.0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                var d = v - mean;
                squares += d * d;
            }
        }

        return Math.Sqrt(squares / count);
    }

    /// <summary>The totals of two aligned count vectors (bins or categories shared by both samples).</summary>
    /// <exception cref="ArgumentException">The vectors differ in length.</exception>
    public static (long First, long Second) AlignedTotals(ReadOnlySpan<long> first, ReadOnlySpan<long> second)
    {
        if (first.Length != second.Length)
        {
            throw new ArgumentException("Count vectors must be aligned (equal lengths).");
        }

        long a = 0, b = 0;
        for (var i = 0; i < first.Length; i++)
        {
            a += first[i];
            b += second[i];
        }

        return (a, b);
    }

    /// <summary>Running totals of a histogram: element i is the count in bins 0..i, so the last element is the sample size.</summary>
    public static long[] Cumulative(ReadOnlySpan<long> counts)
    {
        var result = new long[counts.Length];
        long total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            total += counts[i];
            result[i] = total;
        }

        return result;
    }

    /// <summary>How many leading elements of an ascending array are &lt; <paramref name="value"/> (numpy's searchsorted side='left').</summary>
    public static int CountLess(ReadOnlySpan<double> sorted, double value) => Gallop(sorted, value, strict: true);

    /// <summary>How many leading elements of an ascending array are &lt;= <paramref name="value"/> (numpy's searchsorted side='right').</summary>
    public static int CountAtMost(ReadOnlySpan<double> sorted, double value) => Gallop(sorted, value, strict: false);

    /// <summary>
    /// The number of leading elements &lt; value (strict) or &lt;= value, galloping from the start (1, 2, 4, ... then a
    /// binary search). Callers that resume from their previous hit find the answer a few cache lines away, where a plain
    /// binary search over millions of values would miss the cache about twenty times.
    /// </summary>
    private static int Gallop(ReadOnlySpan<double> sorted, double value, bool strict)
    {
        var step = 1;
        var lo = 0;
        while (step <= sorted.Length && Before(sorted[step - 1], value, strict))
        {
            lo = step;
            step *= 2;
        }

        var hi = Math.Min(step - 1, sorted.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Before(sorted[mid], value, strict))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static bool Before(double element, double value, bool strict) => strict ? element < value : element <= value;
}
