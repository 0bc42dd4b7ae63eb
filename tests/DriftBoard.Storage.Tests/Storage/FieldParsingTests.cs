using System.Globalization;
using DriftBoard.Storage.Import;

namespace DriftBoard.Storage.Tests.Storage;

public sealed class FieldParsingTests
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

        Assert.True(FieldParsing.TryParseIso8601(text, out var fast));
        Assert.Equal(expected, fast);
    }

    [Theory]
    [InlineData("2024-02-30T00:00:00Z")]
    [InlineData("2024-10-04T25:00:00Z")]
    [InlineData("2024-10-04T03:15:07Zjunk")]
    [InlineData("yesterday")]
    public void Malformed_iso_text_is_left_to_the_general_parser(string text) =>
        Assert.False(FieldParsing.TryParseIso8601(text, out _));

    [Theory]
    [InlineData("1700000000", 1_700_000_000_000L)]     // seconds
    [InlineData("1700000000123", 1_700_000_000_123L)]  // milliseconds
    [InlineData("1700000000.5", 1_700_000_000_500L)]   // fractional seconds
    [InlineData("Oct 4, 2024 03:00", 1_728_010_800_000L)]
    public void Timestamps_read_epoch_numbers_by_magnitude_and_other_text_generally(string text, long expected)
    {
        Assert.True(FieldParsing.TryParseTimestamp(text, out var ms));
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
    public void Missing_tokens(string text, bool missing) => Assert.Equal(missing, FieldParsing.IsMissing(text));
}
