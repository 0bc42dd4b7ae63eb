using DriftBoard.Storage.Formats;

namespace DriftBoard.Storage.Tests.Formats;

public sealed class ValueParserTests
{
    [Theory]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData("NA", true)]
    [InlineData(" na ", true)]
    [InlineData("null", true)]
    [InlineData("NULL", true)]
    [InlineData("NaN", true)]
    [InlineData("nan", true)]
    [InlineData("0", false)]
    [InlineData("N/A-ish", false)]
    [InlineData("nullable", false)]
    public void IsMissing(string text, bool missing) => Assert.Equal(missing, ValueParser.IsMissing(text));

    [Theory]
    [InlineData("1.5", ParseOutcome.Ok, 1.5)]
    [InlineData(" -2e-3 ", ParseOutcome.Ok, -0.002)]
    [InlineData("42", ParseOutcome.Ok, 42.0)]
    [InlineData("+7", ParseOutcome.Ok, 7.0)]
    [InlineData(".25", ParseOutcome.Ok, 0.25)]
    [InlineData("", ParseOutcome.Missing, double.NaN)]
    [InlineData("NA", ParseOutcome.Missing, double.NaN)]
    [InlineData("NaN", ParseOutcome.Missing, double.NaN)]
    [InlineData("Infinity", ParseOutcome.Invalid, double.NaN)]
    [InlineData("-Infinity", ParseOutcome.Invalid, double.NaN)]
    [InlineData("1e400", ParseOutcome.Invalid, double.NaN)]
    [InlineData("1,5", ParseOutcome.Invalid, double.NaN)]
    [InlineData("1,000", ParseOutcome.Invalid, double.NaN)]
    [InlineData("abc", ParseOutcome.Invalid, double.NaN)]
    public void TryParseDouble(string text, ParseOutcome expected, double value)
    {
        Assert.Equal(expected, ValueParser.TryParseDouble(text, out var parsed));
        Assert.Equal(value, parsed);
    }

    // 2026-03-01T12:00:00Z = 1772366400 s.
    [Theory]
    [InlineData("2026-03-01T12:00:00Z", 1772366400000L)]
    [InlineData("2026-03-01t12:00:00z", 1772366400000L)]
    [InlineData("2026-03-01 12:00:00", 1772366400000L)]
    [InlineData("2026-03-01T12:00", 1772366400000L)]
    [InlineData("2026-03-01T12:00:00.5Z", 1772366400500L)]
    [InlineData("2026-03-01T12:00:00.123456789", 1772366400123L)]
    [InlineData("2026-03-01T12:00:00,25", 1772366400250L)]
    [InlineData("2026-03-01T14:00:00+02:00", 1772366400000L)]
    [InlineData("2026-03-01T14:00:00+0200", 1772366400000L)]
    [InlineData("2026-03-01T07:00:00-05", 1772366400000L)]
    [InlineData("2026-03-01T06:30:00.000-05:30", 1772366400000L)]
    [InlineData("2026-03-01", 1772323200000L)]
    [InlineData("1970-01-01", 0L)]
    [InlineData("1969-12-31T23:59:59Z", -1000L)]
    [InlineData("2024-02-29", 1709164800000L)]
    [InlineData("1772366400", 1772366400000L)]
    [InlineData("1772366400.25", 1772366400250L)]
    [InlineData("1772366400000", 1772366400000L)]
    [InlineData("1772366400000.6", 1772366400001L)]
    [InlineData("-86400", -86400000L)]
    [InlineData("0", 0L)]
    [InlineData(" 2026-03-01T12:00:00Z ", 1772366400000L)]
    public void TryParseTimestamp_accepts(string text, long unixMs)
    {
        Assert.Equal(ParseOutcome.Ok, ValueParser.TryParseTimestamp(text, out var parsed));
        Assert.Equal(unixMs, parsed);
        Assert.Equal(unixMs, new DateTimeOffset(DateTime.UnixEpoch).AddMilliseconds(unixMs).ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData("", ParseOutcome.Missing)]
    [InlineData("NA", ParseOutcome.Missing)]
    [InlineData("null", ParseOutcome.Missing)]
    [InlineData("2026-02-29", ParseOutcome.Invalid)]
    [InlineData("2026-13-01", ParseOutcome.Invalid)]
    [InlineData("2026-03-01T24:00:00", ParseOutcome.Invalid)]
    [InlineData("2026-03-01T12:60", ParseOutcome.Invalid)]
    [InlineData("2026-03-01T12:00:00.", ParseOutcome.Invalid)]
    [InlineData("2026-03-01T12:00:00+2", ParseOutcome.Invalid)]
    [InlineData("2026-03-01T12:00:00 UTC", ParseOutcome.Invalid)]
    [InlineData("2026-03-01X12:00", ParseOutcome.Invalid)]
    [InlineData("01/03/2026", ParseOutcome.Invalid)]
    [InlineData("1.2.3", ParseOutcome.Invalid)]
    [InlineData("-", ParseOutcome.Invalid)]
    [InlineData("yesterday", ParseOutcome.Invalid)]
    public void TryParseTimestamp_rejects(string text, ParseOutcome expected) =>
        Assert.Equal(expected, ValueParser.TryParseTimestamp(text, out _));

    [Fact]
    public void Timestamp_matches_the_framework_for_a_spread_of_instants()
    {
        var start = new DateTimeOffset(1999, 12, 31, 23, 59, 58, 7, TimeSpan.Zero);
        for (var i = 0; i < 500; i++)
        {
            var instant = start.AddMinutes(i * 104_729.37);
            var iso = instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz");
            Assert.Equal(ParseOutcome.Ok, ValueParser.TryParseTimestamp(iso, out var ms));
            Assert.Equal(instant.ToUnixTimeMilliseconds(), ms);
        }
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("T", true)]
    [InlineData(" false ", false)]
    [InlineData("0", false)]
    [InlineData("No", false)]
    [InlineData("f", false)]
    public void TryParseBoolean_accepts(string text, bool value)
    {
        Assert.Equal(ParseOutcome.Ok, ValueParser.TryParseBoolean(text, out var parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData("", ParseOutcome.Missing)]
    [InlineData("NaN", ParseOutcome.Missing)]
    [InlineData("2", ParseOutcome.Invalid)]
    [InlineData("y", ParseOutcome.Invalid)]
    [InlineData("truth", ParseOutcome.Invalid)]
    public void TryParseBoolean_rejects(string text, ParseOutcome expected) =>
        Assert.Equal(expected, ValueParser.TryParseBoolean(text, out _));

    [Fact]
    public void Parsing_does_not_allocate()
    {
        var cells = new[] { "2026-03-01T12:00:00.5+02:00", "1772366400.25", "12.5", "NA", "yes" };
        // Warm every path up first: the first call of each parser on each shape may initialise statics and culture data.
        foreach (var cell in cells)
        {
            ValueParser.TryParseTimestamp(cell, out _);
            ValueParser.TryParseDouble(cell, out _);
            ValueParser.TryParseBoolean(cell, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        long sink = 0;
        for (var i = 0; i < 1000; i++)
        {
            foreach (var cell in cells)
            {
                if (ValueParser.TryParseTimestamp(cell, out var ms) == ParseOutcome.Ok) sink += ms;
                if (ValueParser.TryParseDouble(cell, out var d) == ParseOutcome.Ok) sink += (long)d;
                if (ValueParser.TryParseBoolean(cell, out var b) == ParseOutcome.Ok && b) sink++;
            }
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(0, sink);
    }
}
