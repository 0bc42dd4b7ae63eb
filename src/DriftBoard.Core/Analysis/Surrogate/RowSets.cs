using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Surrogate;

/// <summary>
/// Row selections over a <see cref="DatasetFrame"/>: plain index arrays, never copies of the rows.
/// Every function returns a new array in ascending index order (frames are ordered by time, so index order is time order).
/// </summary>
public static class RowSets
{
    /// <summary>The rows [start, start + count).</summary>
    public static int[] Range(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var rows = new int[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = start + i;
        }
        return rows;
    }

    /// <summary>The rows whose label is known (0 or 1).</summary>
    public static int[] Labelled(DatasetFrame frame, int[] rows) => Where(rows, row => frame.Labels[row] != LabelValue.Unknown);

    /// <summary>The rows with a finite logged score.</summary>
    public static int[] Scored(DatasetFrame frame, int[] rows) => Where(rows, row => double.IsFinite(frame.Scores[row]));

    /// <summary>
    /// At most <paramref name="maxRows"/> of <paramref name="rows"/>, chosen uniformly without replacement by a seeded generator
    /// (the same input and seed always give the same rows), in ascending order. Smaller inputs come back sorted, whole.
    /// </summary>
    public static int[] Subsample(int[] rows, int maxRows, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        var copy = (int[])rows.Clone();
        if (copy.Length > maxRows)
        {
            // Partial Fisher–Yates: the first maxRows slots end up a uniform sample.
            var random = new Random(seed);
            for (var i = 0; i < maxRows; i++)
            {
                var j = random.Next(i, copy.Length);
                (copy[i], copy[j]) = (copy[j], copy[i]);
            }
            Array.Resize(ref copy, maxRows);
        }
        Array.Sort(copy);
        return copy;
    }

    /// <summary>Splits rows in time order: the first ⌊fraction·n⌋ rows and the rest.</summary>
    public static (int[] Earlier, int[] Later) SplitInTime(int[] rows, double earlierFraction = 0.5)
    {
        var sorted = (int[])rows.Clone();
        Array.Sort(sorted);
        var cut = (int)Math.Floor(Math.Clamp(earlierFraction, 0, 1) * sorted.Length);
        return (sorted[..cut], sorted[cut..]);
    }

    static int[] Where(int[] rows, Func<int, bool> keep)
    {
        var result = new List<int>(rows.Length);
        foreach (var row in rows)
        {
            if (keep(row))
            {
                result.Add(row);
            }
        }
        var array = result.ToArray();
        Array.Sort(array);
        return array;
    }
}
