using System.Globalization;

namespace DriftBoard.Core.Analysis.Drift;

/// <summary>Window lengths for the drift table; windows are whole UTC days.</summary>
public enum WindowSize
{
    Day,
    IsoWeek,
    Month,
}

/// <summary>A window of a day-ordered production frame: rows [FirstRow, FirstRow + RowCount), covering UTC days Start..End inclusive.</summary>
public sealed record DriftWindow(string Label, DateOnly Start, DateOnly End, int FirstRow, int RowCount);

public static class DriftWindows
{
    private const long MillisecondsPerDay = 86_400_000;

    /// <summary>
    /// Splits a frame into consecutive windows by UTC day, ISO week (labelled "2026-W05", starting Monday) or month
    /// ("2026-03"). Production frames are ordered by day, so each window is one row range; a frame out of order would
    /// give several windows with the same label. Empty input gives no windows.
    /// </summary>
    public static IReadOnlyList<DriftWindow> Split(ReadOnlySpan<long> timestamps, WindowSize size)
    {
        var windows = new List<DriftWindow>();
        var first = 0;
        while (first < timestamps.Length)
        {
            var (start, end, label) = Bounds(Day(timestamps[first]), size);
            var next = first + 1;
            while (next < timestamps.Length)
            {
                var day = Day(timestamps[next]);
                if (day < start || day > end)
                {
                    break;
                }

                next++;
            }

            windows.Add(new DriftWindow(label, start, end, first, next - first));
            first = next;
        }

        return windows;
    }

    private static DateOnly Day(long unixMilliseconds)
        => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + (int)Math.Floor(unixMilliseconds / (double)MillisecondsPerDay));

    private static (DateOnly Start, DateOnly End, string Label) Bounds(DateOnly day, WindowSize size)
    {
        switch (size)
        {
            case WindowSize.Day:
                return (day, day, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            case WindowSize.IsoWeek:
                var dateTime = day.ToDateTime(TimeOnly.MinValue);
                var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
                var label = string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(dateTime)}-W{ISOWeek.GetWeekOfYear(dateTime):00}");
                return (monday, monday.AddDays(6), label);
            case WindowSize.Month:
                var firstOfMonth = new DateOnly(day.Year, day.Month, 1);
                return (firstOfMonth, firstOfMonth.AddMonths(1).AddDays(-1), day.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            default:
                throw new ArgumentOutOfRangeException(nameof(size), size, null);
        }
    }
}
