using DriftBoard.Core.Analysis.Windows;

namespace DriftBoard.Core.Tests.Analysis.Windows;

public class WindowRowsTests
{
    private static long Ms(int month, int day, int hour) => new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Fact]
    public void Ranges_follow_day_order_even_when_times_within_a_day_are_not_sorted()
    {
        // Mon 2 Mar (two rows, file order 18h then 6h), Sun 8 Mar, Mon 9 Mar, Mon 16 Mar.
        long[] timestamps = [Ms(3, 2, 18), Ms(3, 2, 6), Ms(3, 8, 23), Ms(3, 9, 0), Ms(3, 16, 5)];
        var windows = WindowPlanner.Plan(timestamps[0], timestamps[^1], WindowSize.Week);

        var ranges = WindowRows.Ranges(timestamps, windows);

        Assert.Equal([new RowRange(0, 3), new RowRange(3, 4), new RowRange(4, 5)], ranges);
        Assert.Equal([0, 0, 0, 1, 2], WindowRows.IndexPerRow(ranges, timestamps.Length));
    }

    [Fact]
    public void Rows_outside_every_window_get_no_window()
    {
        long[] timestamps = [Ms(3, 1, 1), Ms(3, 2, 1), Ms(3, 3, 1)];
        TimeWindow[] windows = [new(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3))];

        var ranges = WindowRows.Ranges(timestamps, windows);

        Assert.Equal([-1, 0, -1], WindowRows.IndexPerRow(ranges, timestamps.Length));
    }

    [Fact]
    public void Rows_out_of_day_order_are_rejected()
    {
        long[] timestamps = [Ms(3, 2, 1), Ms(3, 1, 23)];

        Assert.Throws<ArgumentException>(() => WindowRows.Ranges(timestamps, WindowPlanner.Plan(timestamps[1], timestamps[0], WindowSize.Day)));
    }
}
