using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Report;

namespace DriftBoard.Core.Tests.Analysis.Engine;

public class ReportFormatTests
{
    [Theory]
    [InlineData(null, true, null, null)]
    [InlineData("training", true, null, null)]
    [InlineData("TRAINING", true, null, null)]
    [InlineData("2026-04-01..2026-04-30", true, "2026-04-01", "2026-04-30")]
    [InlineData(" 2026-04-01 .. 2026-04-01 ", true, "2026-04-01", "2026-04-01")]
    [InlineData("2026-04-30..2026-04-01", false, null, null)]
    [InlineData("2026-04-01", false, null, null)]
    [InlineData("april..may", false, null, null)]
    public void Reference_choices_parse_training_or_an_inclusive_period(string? text, bool ok, string? from, string? to)
    {
        Assert.Equal(ok, ReferenceChoice.TryParse(text, out var choice));
        if (!ok) return;
        Assert.Equal(from is null ? null : DateOnly.Parse(from), choice.From);
        Assert.Equal(to is null ? null : DateOnly.Parse(to), choice.To);
        Assert.Equal(from is null, choice.IsTraining);
        if (to is not null) Assert.Equal(DateOnly.Parse(to).AddDays(1), choice.AsWindow()!.EndExclusive);
    }

    [Fact]
    public void Json_writes_camel_case_names_and_null_for_numbers_that_cannot_be_computed()
    {
        var fix = new Fix(FixKind.ShortTerm, "Lower the threshold", "d", 0.8, double.NaN, double.PositiveInfinity, 0.3, -0.5, "m");
        var json = System.Text.Json.JsonSerializer.Serialize(fix, ReportJson.Options);

        Assert.Contains("\"expectedRecall\": 0.8", json);
        Assert.Contains("\"expectedRecallLow\": null", json);
        Assert.Contains("\"expectedRecallHigh\": null", json);
        Assert.Contains("\"kind\": \"short_term\"", json);
        Assert.DoesNotContain("NaN", json);
        var back = System.Text.Json.JsonSerializer.Deserialize<Fix>(json, ReportJson.Options)!;
        Assert.True(double.IsNaN(back.ExpectedRecallLow));
        Assert.Equal(-0.5, back.AlertRateChange);
    }
}
