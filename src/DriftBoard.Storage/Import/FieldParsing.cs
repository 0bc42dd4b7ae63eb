using System.Globalization;

namespace DriftBoard.Storage.Import;

/// <summary>
/// The importer's text-to-value rules, kept in one place so they can be swapped for the shared <c>ValueParser</c>.
/// Missing tokens: empty or blank, <c>NA</c>, <c>null</c>, <c>NaN</c> (any case).
/// Timestamps: ISO 8601 text (no offset means UTC) or a Unix epoch number, read as milliseconds when |value| ≥ 1e11
/// (1e11 s is the year 5138, 1e11 ms is March 1973) and as seconds otherwise.
/// </summary>
internal static class FieldParsing
{
    private const double MillisecondsThreshold = 1e11;

    public static bool IsMissing(ReadOnlySpan<char> text)
    {
        // Most cells are numbers: no missing token starts with a digit, sign or point.
        if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.')) return false;
        text = text.Trim();
        return text.IsEmpty
            || text.Equals("NA", StringComparison.OrdinalIgnoreCase)
            || text.Equals("null", StringComparison.OrdinalIgnoreCase)
            || text.Equals("NaN", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses a number; false when the text is not one (callers test <see cref="IsMissing"/> first).</summary>
    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value) =>
        TryParsePlainDecimal(text, out value)
        || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value));

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

    /// <summary>Parses a timestamp to Unix milliseconds, UTC.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, out long unixMs)
    {
        text = text.Trim();
        if (TryParseIso8601(text, out unixMs)) return true;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            unixMs = Math.Abs((double)integer) >= MillisecondsThreshold ? integer : integer * 1000;
            return true;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            unixMs = (long)Math.Round(Math.Abs(number) >= MillisecondsThreshold ? number : number * 1000);
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            unixMs = parsed.ToUnixTimeMilliseconds();
            return true;
        }
        unixMs = 0;
        return false;
    }

    /// <summary>true/false, 1/0, yes/no, t/f, y/n (any case).</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        text = text.Trim();
        if (text.Equals("1", StringComparison.Ordinal) || text.Equals("true", StringComparison.OrdinalIgnoreCase)
            || text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text.Equals("t", StringComparison.OrdinalIgnoreCase)
            || text.Equals("y", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }
        if (text.Equals("0", StringComparison.Ordinal) || text.Equals("false", StringComparison.OrdinalIgnoreCase)
            || text.Equals("no", StringComparison.OrdinalIgnoreCase) || text.Equals("f", StringComparison.OrdinalIgnoreCase)
            || text.Equals("n", StringComparison.OrdinalIgnoreCase))
        {
            value = false;
            return true;
        }
        value = false;
        return false;
    }

    /// <summary>
    /// The common ISO 8601 shapes without the general parser's cost: <c>yyyy-MM-dd</c>, optionally followed by
    /// <c>T</c> or a space, <c>HH:mm[:ss[.fraction]]</c> and <c>Z</c> or <c>±HH[:]mm</c> (none: UTC). Fractions beyond
    /// milliseconds are truncated. Anything else returns false and goes to the general parser.
    /// </summary>
    internal static bool TryParseIso8601(ReadOnlySpan<char> s, out long unixMs)
    {
        unixMs = 0;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)) return false;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || year < 1) return false;
        int hour = 0, minute = 0, second = 0, millisecond = 0, offsetMinutes = 0;
        var position = 10;
        if (position < s.Length)
        {
            if (s[position] is not ('T' or 't' or ' ') || s.Length < 16 || s[13] != ':') return false;
            if (!Digits(s, 11, 2, out hour) || !Digits(s, 14, 2, out minute) || hour > 23 || minute > 59) return false;
            position = 16;
            if (position < s.Length && s[position] == ':')
            {
                if (!Digits(s, 17, 2, out second) || second > 59) return false;
                position = 19;
            }
            if (position < s.Length && s[position] is '.' or ',')
            {
                var start = ++position;
                while (position < s.Length && char.IsAsciiDigit(s[position]))
                {
                    if (position - start < 3) millisecond = millisecond * 10 + (s[position] - '0');
                    position++;
                }
                var digits = position - start;
                if (digits == 0) return false;
                for (var d = digits; d < 3; d++) millisecond *= 10;
            }
            if (position < s.Length)
            {
                var sign = s[position];
                if (sign is 'Z' or 'z') position++;
                else if (sign is '+' or '-')
                {
                    if (!Digits(s, position + 1, 2, out var offsetHours)) return false;
                    position += 3;
                    if (position < s.Length && s[position] == ':') position++;
                    if (!Digits(s, position, 2, out var offsetMinutePart) || offsetHours > 23 || offsetMinutePart > 59) return false;
                    position += 2;
                    offsetMinutes = (offsetHours * 60 + offsetMinutePart) * (sign == '-' ? -1 : 1);
                }
                else return false;
            }
            if (position != s.Length) return false;
        }
        var days = new DateOnly(year, month, day).DayNumber - UnixEpochDayNumber;
        unixMs = days * 86_400_000L + ((hour * 60L + minute - offsetMinutes) * 60 + second) * 1000 + millisecond;
        return true;
    }

    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length) return false;
        for (var i = start; i < start + count; i++)
        {
            var c = s[i];
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
