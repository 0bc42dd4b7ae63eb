using System.Globalization;

namespace DriftBoard.Core.Analysis.Windows;

/// <summary>A run of whole UTC days, <see cref="Start"/> included and <see cref="EndExclusive"/> excluded.</summary>
public sealed record TimeWindow(DateOnly Start, DateOnly EndExclusive)
{
    /// <summary>Unix milliseconds of <see cref="Start"/> at 00:00 UTC.</summary>
    public long StartMs => UtcDays.ToUnixMs(Start);

    /// <summary>Unix milliseconds of <see cref="EndExclusive"/> at 00:00 UTC: the first instant after the window.</summary>
    public long EndExclusiveMs => UtcDays.ToUnixMs(EndExclusive);

    /// <summary>Number of days in the window.</summary>
    public int Days => EndExclusive.DayNumber - Start.DayNumber;

    /// <summary>The last day inside the window.</summary>
    public DateOnly LastDay => EndExclusive.AddDays(-1);

    public bool Contains(DateOnly day) => day >= Start && day < EndExclusive;

    /// <summary>A short display label: <c>2026-11-30</c> for a day, <c>2026-W49</c> for an ISO week, <c>2026-11</c> for a month.</summary>
    public string Label(WindowSize size)
    {
        var start = Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return size switch
        {
            WindowSize.Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            WindowSize.Week => string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(start)}-W{ISOWeek.GetWeekOfYear(start):00}"),
            WindowSize.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(size), size, null),
        };
    }
}
