using System.Globalization;

namespace DriftBoard.Storage.Formats;

/// <summary>The result of parsing one cell: a value, a missing cell, or text that is not of the expected kind.</summary>
public enum ParseOutcome
{
    Ok,
    Missing,
    Invalid,
}

/// <summary>
/// Turns cell text into numbers, timestamps and booleans, without allocating. Leading and trailing whitespace is ignored.
/// A cell is missing when it is empty or (case-insensitively) <c>NA</c>, <c>null</c> or <c>NaN</c>; every parser reports
/// that as <see cref="ParseOutcome.Missing"/> rather than <see cref="ParseOutcome.Invalid"/>.
/// </summary>
public static class ValueParser
{
    private const long MillisPerDay = 86_400_000;

    /// <summary>Absolute values at or above this are Unix milliseconds, below it Unix seconds (1e11 s is the year 5138; 1e11 ms is March 1973).</summary>
    public const double MillisecondsThreshold = 1e11;

    public static bool IsMissing(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        return text.IsEmpty
            || text.Equals("NA", StringComparison.OrdinalIgnoreCase)
            || text.Equals("null", StringComparison.OrdinalIgnoreCase)
            || text.Equals("NaN", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Parses an invariant-culture number (<c>1.5</c>, <c>-2e-3</c>; no thousands separators).
    /// Infinities and overflow to infinity are <see cref="ParseOutcome.Invalid"/>: a drift statistic cannot use them,
    /// and they are almost always an upstream bug. <c>NaN</c> is missing, like an empty cell.
    /// </summary>
    public static ParseOutcome TryParseDouble(ReadOnlySpan<char> text, out double value)
    {
        value = double.NaN;
        if (TryParsePlainDecimal(text, out value)) return ParseOutcome.Ok;
        value = double.NaN;
        if (IsMissing(text)) return ParseOutcome.Missing;
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
            return ParseOutcome.Invalid;
        value = parsed;
        return ParseOutcome.Ok;
    }

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// Plain decimals (<c>-123.4567</c>: optional sign, digits, optional point, no exponent or spaces) whose digits fit in 53 bits,
    /// with at most 22 decimals: mantissa and power of ten are then exact doubles, so one division gives the correctly rounded
    /// value (Clinger's fast path), the same as <see cref="double.Parse(string)"/> at a fraction of its cost. Anything else: false.
    /// </summary>
    internal static bool TryParsePlainDecimal(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            i = 1;
        }
        ulong mantissa = 0;
        int decimals = 0, digits = 0;
        var point = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (mantissa >= 1UL << 53) return false;
                mantissa = mantissa * 10 + (uint)(c - '0');
                digits++;
                if (point) decimals++;
            }
            else if (c == '.' && !point) point = true;
            else return false;
        }
        if (digits == 0 || mantissa > 1UL << 53 || decimals >= PowersOfTen.Length) return false;
        value = (double)mantissa / PowersOfTen[decimals];
        if (negative) value = -value;
        return true;
    }

    /// <summary>Parses <c>true/false</c>, <c>1/0</c>, <c>yes/no</c>, <c>t/f</c>, case-insensitively.</summary>
    public static ParseOutcome TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        value = false;
        if (IsMissing(text)) return ParseOutcome.Missing;
        text = text.Trim();
        if (Is(text, "true") || Is(text, "1") || Is(text, "yes") || Is(text, "t"))
        {
            value = true;
            return ParseOutcome.Ok;
        }
        return Is(text, "false") || Is(text, "0") || Is(text, "no") || Is(text, "f") ? ParseOutcome.Ok : ParseOutcome.Invalid;

        static bool Is(ReadOnlySpan<char> text, string word) => text.Equals(word, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Parses a timestamp into Unix milliseconds, UTC. Accepted forms:
    /// ISO 8601 <c>yyyy-MM-dd</c> (midnight UTC), <c>yyyy-MM-ddTHH:mm[:ss[.fffffffff]]</c> with <c>T</c> or a space,
    /// followed by nothing (UTC), <c>Z</c>, or an offset <c>±HH:mm</c>, <c>±HHmm</c>, <c>±HH</c>; fractions beyond
    /// milliseconds are truncated. Or a Unix time as an integer or decimal number: seconds when its magnitude is below
    /// <see cref="MillisecondsThreshold"/>, milliseconds otherwise (decimal milliseconds are rounded).
    /// </summary>
    public static ParseOutcome TryParseTimestamp(ReadOnlySpan<char> text, out long unixMs)
    {
        unixMs = 0;
        if (IsMissing(text)) return ParseOutcome.Missing;
        text = text.Trim();
        if (LooksNumeric(text)) return TryParseUnixNumber(text, out unixMs) ? ParseOutcome.Ok : ParseOutcome.Invalid;
        return TryParseIso(text, out unixMs) ? ParseOutcome.Ok : ParseOutcome.Invalid;
    }

    private static bool LooksNumeric(ReadOnlySpan<char> text)
    {
        var start = text[0] is '-' or '+' ? 1 : 0;
        if (start == text.Length) return false;
        var dots = 0;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '.') dots++;
            else if (!char.IsAsciiDigit(text[i])) return false;
        }
        return dots <= 1;
    }

    private static bool TryParseUnixNumber(ReadOnlySpan<char> text, out long unixMs)
    {
        unixMs = 0;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            if (Math.Abs((double)whole) >= MillisecondsThreshold)
            {
                unixMs = whole;
                return true;
            }
            unixMs = whole * 1000;
            return true;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            return false;
        var ms = Math.Abs(number) >= MillisecondsThreshold ? number : number * 1000;
        if (Math.Abs(ms) > 8.64e15) return false; // beyond DateTime's range of ±273,790 years
        unixMs = (long)Math.Round(ms, MidpointRounding.AwayFromZero);
        return true;
    }

    private static bool TryParseIso(ReadOnlySpan<char> s, out long unixMs)
    {
        unixMs = 0;
        // yyyy-MM-dd
        if (s.Length < 10 || s[4] != '-' || s[7] != '-') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        var days = (long)new DateOnly(year, month, day).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        long msOfDay = 0;
        long offsetMs = 0;
        var i = 10;
        if (i < s.Length)
        {
            // THH:mm[:ss[.fff...]]
            if (s[i] is not ('T' or 't' or ' ')) return false;
            if (s.Length < i + 6 || s[i + 3] != ':') return false;
            if (!Digits(s, i + 1, 2, out var hour) || !Digits(s, i + 4, 2, out var minute) || hour > 23 || minute > 59) return false;
            i += 6;
            var second = 0;
            var fractionMs = 0;
            if (i < s.Length && s[i] == ':')
            {
                if (!Digits(s, i + 1, 2, out second) || second > 59) return false;
                i += 3;
                if (i < s.Length && s[i] is '.' or ',')
                {
                    i++;
                    var digits = 0;
                    while (i < s.Length && char.IsAsciiDigit(s[i]))
                    {
                        if (digits < 3) fractionMs = fractionMs * 10 + (s[i] - '0');
                        digits++;
                        i++;
                    }
                    if (digits == 0) return false;
                    for (var d = digits; d < 3; d++) fractionMs *= 10;
                }
            }
            msOfDay = ((hour * 60L + minute) * 60 + second) * 1000 + fractionMs;
            if (i < s.Length && !TryParseOffset(s[i..], out offsetMs)) return false;
        }
        unixMs = days * MillisPerDay + msOfDay - offsetMs;
        return true;
    }

    /// <summary>Z, or ±HH:mm, ±HHmm, ±HH.</summary>
    private static bool TryParseOffset(ReadOnlySpan<char> s, out long offsetMs)
    {
        offsetMs = 0;
        if (s is ['Z'] or ['z']) return true;
        if (s.Length < 3 || s[0] is not ('+' or '-')) return false;
        if (!Digits(s, 1, 2, out var hours) || hours > 18) return false;
        var minutes = 0;
        var rest = s[3..];
        if (rest.Length == 3 && rest[0] == ':') rest = rest[1..];
        if (rest.Length == 2)
        {
            if (!Digits(rest, 0, 2, out minutes) || minutes > 59) return false;
        }
        else if (rest.Length != 0) return false;
        offsetMs = (hours * 60L + minutes) * 60_000 * (s[0] == '-' ? -1 : 1);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length) return false;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }
}
