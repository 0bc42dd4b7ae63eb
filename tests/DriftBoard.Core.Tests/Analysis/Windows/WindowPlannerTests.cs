using DriftBoard.Core.Analysis.Windows;

namespace DriftBoard.Core.Tests.Analysis.Windows;

public class WindowPlannerTests
{
    private static long Ms(int year, int month, int day, int hour = 12) =>
        new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Theory]
    // 2020 and 2026 both end in an ISO week 53 starting Monday 28 December.
    [InlineData(2020, "2020-W53", "2021-W01")]
    [InlineData(2026, "2026-W53", "2027-W01")]
    public void Weeks_across_year_end_start_on_monday_and_include_iso_week_53(int year, string lastWeek, string firstWeek)
    {
        var windows = WindowPlanner.Plan(Ms(year, 12, 31), Ms(year + 1, 1, 5), WindowSize.Week);

        Assert.Equal(2, windows.Count);
        Assert.Equal(new DateOnly(year, 12, 28), windows[0].Start);
        Assert.Equal(windows[0].EndExclusive, windows[1].Start);
        Assert.All(windows, w => Assert.Equal(DayOfWeek.Monday, w.Start.DayOfWeek));
        Assert.All(windows, w => Assert.Equal(7, w.Days));
        Assert.Equal(lastWeek, windows[0].Label(WindowSize.Week));
        Assert.Equal(firstWeek, windows[1].Label(WindowSize.Week));
    }

    [Fact]
    public void Week_of_a_sunday_starts_the_monday_before()
    {
        // 2021-01-03 is a Sunday that still belongs to ISO week 2020-W53.
        var windows = WindowPlanner.Plan(Ms(2021, 1, 3), Ms(2021, 1, 3), WindowSize.Week);

        var window = Assert.Single(windows);
        Assert.Equal(new DateOnly(2020, 12, 28), window.Start);
        Assert.Equal(new DateOnly(2021, 1, 4), window.EndExclusive);
    }

    [Fact]
    public void Months_across_year_end_are_whole_calendar_months()
    {
        var windows = WindowPlanner.Plan(Ms(2023, 11, 15), Ms(2024, 2, 2), WindowSize.Month);

        Assert.Equal(
            [new DateOnly(2023, 11, 1), new DateOnly(2023, 12, 1), new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1)],
            windows.Select(w => w.Start));
        Assert.Equal(new DateOnly(2024, 1, 1), windows[1].EndExclusive);
        Assert.Equal(29, windows[3].Days); // leap February
        Assert.Equal("2023-12", windows[1].Label(WindowSize.Month));
    }

    [Fact]
    public void Days_cover_first_to_last_day_inclusive_by_utc_day()
    {
        // 23:59 and 00:01 UTC are different days whatever the local time zone.
        var windows = WindowPlanner.Plan(Ms(2026, 2, 27, 23), Ms(2026, 3, 1, 0), WindowSize.Day);

        Assert.Equal([new DateOnly(2026, 2, 27), new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 1)], windows.Select(w => w.Start));
    }

    [Fact]
    public void Empty_period_gives_no_windows() =>
        Assert.Empty(WindowPlanner.Plan(Ms(2026, 3, 1), Ms(2026, 2, 1), WindowSize.Day));

    [Fact]
    public void Days_before_1970_floor_rather_than_truncate()
    {
        Assert.Equal(new DateOnly(1969, 12, 31), UtcDays.ToDate(-1));
        Assert.Equal(-1, UtcDays.DayIndex(-UtcDays.MsPerDay));
        Assert.Equal(0, UtcDays.DayIndex(0));
    }
}
