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
        text = text.Trim();
        return text.IsEmpty
            || text.Equals("NA", StringComparison.OrdinalIgnoreCase)
            || text.Equals("null", StringComparison.OrdinalIgnoreCase)
            || text.Equals("NaN", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses a number; false when the text is not one (callers test <see cref="IsMissing"/> first).</summary>
    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Parses a timestamp to Unix milliseconds, UTC.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, out long unixMs)
    {
        text = text.Trim();
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
}
