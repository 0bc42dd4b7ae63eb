namespace DriftBoard.Core.Analysis.Performance;

internal static class SortedSpan
{
    /// <summary>The number of items ≤ <paramref name="value"/> in ascending <paramref name="sorted"/> (the upper bound).</summary>
    public static int CountAtMost<T>(ReadOnlySpan<T> sorted, T value)
        where T : IComparable<T>
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (sorted[mid].CompareTo(value) <= 0)
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
}
