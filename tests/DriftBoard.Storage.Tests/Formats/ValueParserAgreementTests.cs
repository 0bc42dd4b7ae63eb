using System.Globalization;
using DriftBoard.Storage.Formats;

namespace DriftBoard.Storage.Tests.Formats;

/// <summary>The parser's fast paths (ISO 8601, plain decimals) agree with the framework's general parsers.</summary>
public sealed class ValueParserAgreementTests
{
    [Theory]
    [InlineData("2024-10-04T03:15:07.123Z")]
    [InlineData("2024-10-04 03:15:07")]
    [InlineData("2024-10-04T03:15")]
    [InlineData("2024-02-29T23:59:59.9999999+02:30")]
    [InlineData("2024-10-04T03:15:07-0500")]
    [InlineData("2024-10-04")]
    [InlineData("1969-12-31T23:59:59.5Z")]
    public void Iso_fast_path_agrees_with_the_general_parser(string text)
    {
        var expected = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal).ToUnixTimeMilliseconds();

        Assert.Equal(ParseOutcome.Ok, ValueParser.TryParseTimestamp(text, out var fast));
        Assert.Equal(expected, fast);
    }

    [Theory]
    [InlineData("2024-02-30T00:00:00Z")]
    [InlineData("2024-10-04T25:00:00Z")]
    [InlineData("2024-10-04T03:15:07Zjunk")]
    [InlineData("yesterday")]
    public void Malformed_iso_text_is_invalid(string text) =>
        Assert.Equal(ParseOutcome.Invalid, ValueParser.TryParseTimestamp(text, out _));

    [Theory]
    [InlineData("1700000000", 1_700_000_000_000L)]     // seconds
    [InlineData("1700000000123", 1_700_000_000_123L)]  // milliseconds
    [InlineData("1700000000.5", 1_700_000_000_500L)]   // fractional seconds
    public void Timestamps_read_epoch_numbers_by_magnitude(string text, long expected)
    {
        Assert.Equal(ParseOutcome.Ok, ValueParser.TryParseTimestamp(text, out var ms));
        Assert.Equal(expected, ms);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("  ", true)]
    [InlineData("NA", true)]
    [InlineData("null", true)]
    [InlineData("NaN", true)]
    [InlineData("0", false)]
    [InlineData("n/a", false)]
    public void Missing_tokens(string text, bool missing) => Assert.Equal(missing, ValueParser.IsMissing(text));
}

public sealed class PlainDecimalTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("12.5")]
    [InlineData("-1234.567")]
    [InlineData("+0.1")]
    [InlineData("0.30000000000000004")]
    [InlineData("9007199254740993")]   // 2^53 + 1: too many bits, left to the general parser
    [InlineData("123456789.123456789")]
    [InlineData(".5")]
    [InlineData("5.")]
    public void Plain_decimals_parse_exactly_like_double_parse(string text)
    {
        var expected = double.Parse(text, CultureInfo.InvariantCulture);

        Assert.Equal(ParseOutcome.Ok, ValueParser.TryParseDouble(text, out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Fact]
    public void Random_decimals_parse_exactly_like_double_parse()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var text = (random.NextDouble() * Math.Pow(10, random.Next(-8, 12)) * (random.Next(2) * 2 - 1))
                .ToString("F" + random.Next(0, 12), CultureInfo.InvariantCulture);
            Assert.Equal(ParseOutcome.Ok, ValueParser.TryParseDouble(text, out var value));
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), value);
        }
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData(" 7")]
    [InlineData("1.2.3")]
    [InlineData("-")]
    [InlineData(".")]
    public void Other_shapes_are_not_plain_decimals(string text) => Assert.False(ValueParser.TryParsePlainDecimal(text, out _));
}
