namespace DriftBoard.Core.Analysis.Windows;

/// <summary>The rows <c>[Start, End)</c> of a day-ordered frame that fall in one window.</summary>
public readonly record struct RowRange(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// Finds which rows of a day-ordered frame fall in each window. Production frames are sorted by UTC day (rows within a
/// day keep file order), so each window is one contiguous range found by binary search on the day of the timestamps:
/// O(windows · log rows), no per-row lookups.
/// </summary>
public static class WindowRows
{
    /// <summary>
    /// The row range of each window in <paramref name="windows"/> (same order). Windows must be sorted by start and
    /// must not overlap; rows outside every window belong to none. Throws when the timestamps are not ordered by UTC day.
    /// </summary>
    public static RowRange[] Ranges(ReadOnlySpan<long> timestamps, IReadOnlyList<TimeWindow> windows)
    {
        EnsureDayOrdered(timestamps);
        var ranges = new RowRange[windows.Count];
        for (var w = 0; w < windows.Count; w++)
        {
            var window = windows[w];
            if (w > 0 && window.Start < windows[w - 1].EndExclusive)
            {
                throw new ArgumentException("Windows must be sorted by start and must not overlap.", nameof(windows));
            }

            ranges[w] = new RowRange(FirstRowOnOrAfter(timestamps, window.StartMs), FirstRowOnOrAfter(timestamps, window.EndExclusiveMs));
        }

        return ranges;
    }

    /// <summary>
    /// The window index of every row (-1 for rows in no window), from ranges computed by <see cref="Ranges"/>.
    /// Fills whole ranges at once rather than looking rows up one by one.
    /// </summary>
    public static int[] IndexPerRow(ReadOnlySpan<RowRange> ranges, int rowCount)
    {
        var index = new int[rowCount];
        Array.Fill(index, -1);
        for (var w = 0; w < ranges.Length; w++)
        {
            index.AsSpan(ranges[w].Start, ranges[w].Length).Fill(w);
        }

        return index;
    }

    /// <summary>
    /// The first row whose UTC day starts at or after <paramref name="dayStartMs"/> (a midnight). Compares days, not
    /// raw timestamps, because rows are ordered by day only.
    /// </summary>
    private static int FirstRowOnOrAfter(ReadOnlySpan<long> timestamps, long dayStartMs)
    {
        var day = UtcDays.DayIndex(dayStartMs);
        int lo = 0, hi = timestamps.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (UtcDays.DayIndex(timestamps[mid]) < day)
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

    private static void EnsureDayOrdered(ReadOnlySpan<long> timestamps)
    {
        var previous = long.MinValue;
        for (var i = 0; i < timestamps.Length; i++)
        {
            var day = UtcDays.DayIndex(timestamps[i]);
            if (day < previous)
            {
                throw new ArgumentException($"Rows are not ordered by UTC day (row {i}).", nameof(timestamps));
            }

            previous = day;
        }
    }
}
