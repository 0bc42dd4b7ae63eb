using Bunit;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Components.Analysis;
using DriftBoard.Web.Components.Pages.Fixes;
using DriftBoard.Web.Tests.TestSupport;

namespace DriftBoard.Web.Tests.Fixes;

public sealed class FixesPageTests(DemoDataset demo) : DatasetPageTest(demo), IClassFixture<DemoDataset>
{
    [Fact]
    public async Task Fix_cards_show_the_reports_numbers()
    {
        var report = await DefaultReport();
        Assert.NotEmpty(report.Fixes);

        var page = Render<FixesPage>(p => p.Add(x => x.Id, Demo.DatasetId));

        page.WaitForAssertion(() => Assert.Equal(report.Fixes.Count, page.FindAll("[data-testid=fix-card]").Count), AnalysisWait);
        var cards = page.FindAll("[data-testid=fix-card]");
        for (var i = 0; i < report.Fixes.Count; i++)
        {
            var fix = report.Fixes[i];
            Assert.Equal(fix.Title, Text(cards[i], "fix-title"));
            Assert.Equal(ReportText.Percent(fix.ExpectedRecall), Text(cards[i], "fix-recall"));
            Assert.Contains($"{ReportText.Percent(fix.ExpectedRecallLow)}–{ReportText.Percent(fix.ExpectedRecallHigh)}", Text(cards[i], "fix-interval"));
            Assert.Equal(ReportText.Percent(fix.ExpectedPrecision), Text(cards[i], "fix-precision"));
            Assert.Equal(ReportText.SignedPercent(fix.AlertRateChange), Text(cards[i], "fix-alerts"));
            Assert.Contains(fix.Method, Text(cards[i], "fix-method"));
        }
    }

    [Fact]
    public async Task Slider_shows_the_curves_numbers_at_the_chosen_threshold()
    {
        var curve = await Demo.Analyzer.ThresholdCurveAsync(Demo.DatasetId, AnalysisSelection.Default.ToOptions());
        var page = Render<FixesPage>(p => p.Add(x => x.Id, Demo.DatasetId));
        var slider = page.WaitForElement("input[type=range][data-testid=threshold-slider]", AnalysisWait);

        // Starts at the model's threshold. The page renders the slider's value after its event handler completes, which
        // bUnit may finish on the renderer's dispatcher after Input returns: wait for that render, do not poll blindly.
        page.WaitForAssertion(() => AssertSliderShows(page, curve.At(curve.ModelThreshold)!), AnalysisWait);

        foreach (var threshold in new[] { "0.2", "0.73", "0.05" })
        {
            slider.Input(threshold);
            var point = curve.At(double.Parse(threshold, System.Globalization.CultureInfo.InvariantCulture))!;
            page.WaitForAssertion(() => AssertSliderShows(page, point), AnalysisWait);
        }

        // Different thresholds give different numbers, so the page really follows the slider.
        Assert.NotEqual(curve.At(0.2)!.Recall, curve.At(0.73)!.Recall);
    }

    private static void AssertSliderShows(IRenderedComponent<FixesPage> page, Core.Analysis.Detail.ThresholdPoint point)
    {
        Assert.Equal(point.Threshold.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), page.Find("[data-testid=slider-threshold]").TextContent);
        Assert.Equal(ReportText.Percent(point.Recall), page.Find("[data-testid=slider-recall]").TextContent.Trim());
        Assert.Equal(ReportText.Percent(point.Precision), page.Find("[data-testid=slider-precision]").TextContent.Trim());
        Assert.Equal(ReportText.PerDay(point.DailyAlerts), page.Find("[data-testid=slider-alerts]").TextContent.Trim());
    }

    private static string Text(AngleSharp.Dom.IElement card, string testId) => card.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();
}
