namespace DriftBoard.Core.Analysis.Windows;

/// <summary>Cuts a period into consecutive calendar windows.</summary>
public static class WindowPlanner
{
    /// <summary>
    /// The consecutive windows of <paramref name="size"/> that together cover every UTC day from the day of
    /// <paramref name="firstMs"/> to the day of <paramref name="lastMs"/>, both included. Windows are whole calendar
    /// units (a week starts on Monday, a month on its 1st), so the first and last may reach outside the period.
    /// Returns an empty list when <paramref name="lastMs"/> is before <paramref name="firstMs"/>.
    /// </summary>
    public static IReadOnlyList<TimeWindow> Plan(long firstMs, long lastMs, WindowSize size)
    {
        if (lastMs < firstMs)
        {
            return [];
        }

        var first = UtcDays.ToDate(firstMs);
        var last = UtcDays.ToDate(lastMs);
        var windows = new List<TimeWindow>();
        for (var start = StartOf(first, size); start <= last;)
        {
            var end = Next(start, size);
            windows.Add(new TimeWindow(start, end));
            start = end;
        }

        return windows;
    }

    /// <summary>The first day of the window of <paramref name="size"/> holding <paramref name="day"/>.</summary>
    public static DateOnly StartOf(DateOnly day, WindowSize size) => size switch
    {
        WindowSize.Day => day,
        // DayOfWeek counts Sunday as 0; ISO weeks start on Monday.
        WindowSize.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        WindowSize.Month => new DateOnly(day.Year, day.Month, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, null),
    };

    private static DateOnly Next(DateOnly start, WindowSize size) => size switch
    {
        WindowSize.Day => start.AddDays(1),
        WindowSize.Week => start.AddDays(7),
        WindowSize.Month => start.AddMonths(1),
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, null),
    };
}
