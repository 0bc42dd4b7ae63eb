namespace DriftBoard.Core.Analysis.Windows;

/// <summary>
/// Conversions between Unix milliseconds and UTC calendar days. A row's day is <c>floor(ms / 86 400 000)</c>
/// (floor, not truncation, so instants before 1970 land on the right day).
/// </summary>
public static class UtcDays
{
    public const long MsPerDay = 86_400_000L;

    /// <summary><see cref="DateOnly.DayNumber"/> of 1970-01-01.</summary>
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>Days since 1970-01-01 of the UTC day holding <paramref name="unixMs"/>.</summary>
    public static long DayIndex(long unixMs)
    {
        var day = unixMs / MsPerDay;
        return unixMs % MsPerDay < 0 ? day - 1 : day;
    }

    public static DateOnly ToDate(long unixMs) => DateOnly.FromDayNumber(checked((int)(DayIndex(unixMs) + EpochDayNumber)));

    /// <summary>Unix milliseconds of <paramref name="day"/> at 00:00 UTC.</summary>
    public static long ToUnixMs(DateOnly day) => (day.DayNumber - (long)EpochDayNumber) * MsPerDay;

    /// <summary>The last millisecond of <paramref name="day"/>: "known by the end of d" is <c>knownAt &lt;= EndOfDayMs(d)</c>.</summary>
    public static long EndOfDayMs(DateOnly day) => ToUnixMs(day) + MsPerDay - 1;
}
