using System.Globalization;
using System.Text.RegularExpressions;
using DriftBoard.Web.Components.Analysis;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DriftBoard.Web.Tests.EndToEnd;

/// <summary>
/// Walks the dashboard in headless Chromium over the fixture's incident: every number checked here is compared with the
/// JSON report of the same dataset, every chart must have drawn its ApexCharts SVG, and the browser must report no error.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardWalkTests(DashboardServer server)
{
    private const string ApexSvg = "svg.apexcharts-svg";

    private string DatasetPath => "/datasets/" + Uri.EscapeDataString(server.DatasetId);

    /// <summary>The feature the report blames first.</summary>
    private string LeadFeature => server.Report.RootCause.Features is [var lead, ..]
        ? lead
        : throw new InvalidOperationException("the report blames no feature for the generated incident");

    [Fact]
    public async Task Landing_page_shows_the_dataset_as_a_card_with_its_model_and_rows()
    {
        await using var session = await server.OpenAsync(nameof(Landing_page_shows_the_dataset_as_a_card_with_its_model_and_rows));
        var page = session.Page;

        await session.GoToAsync("/");
        var card = page.GetByTestId("dataset-card").Filter(new LocatorFilterOptions
        {
            Has = page.GetByTestId("dataset-name").GetByText(server.DatasetName, new LocatorGetByTextOptions { Exact = true }),
        });
        await Expect(card).ToHaveCountAsync(1);
        await session.ScreenshotAsync("datasets");

        var dataset = server.Report.Dataset;
        await Expect(card.GetByTestId("dataset-model")).ToHaveTextAsync($"{dataset.Model} · v{dataset.Version}");
        await Expect(card.GetByTestId("dataset-rows")).ToHaveTextAsync(dataset.Rows.ToString("N0", CultureInfo.InvariantCulture));
        await Expect(card.GetByTestId("dataset-link")).ToHaveAttributeAsync("href", DatasetPath);
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task Overview_draws_the_performance_chart_and_shows_the_reports_recall_and_root_cause()
    {
        await using var session = await server.OpenAsync(nameof(Overview_draws_the_performance_chart_and_shows_the_reports_recall_and_root_cause));
        var page = session.Page;
        var report = server.Report;
        // The generated incident is a real drop: the tiles compare numbers, not two dashes.
        Assert.True(report.RecallDrop.Detected, "the report found no recall drop in the generated incident");

        await session.GoToAsync(DatasetPath);
        await Expect(page.GetByTestId("performance-chart").Locator(ApexSvg)).ToBeVisibleAsync();
        await session.ScreenshotAsync("overview");

        await Expect(page.GetByTestId("tile-recall-before")).ToHaveTextAsync(ReportText.Percent(report.RecallDrop.Baseline));
        await Expect(page.GetByTestId("tile-recall-after")).ToHaveTextAsync(ReportText.Percent(report.RecallDrop.Current));
        var rootCause = page.GetByTestId("root-cause");
        await Expect(rootCause.GetByTestId("root-cause-category")).ToHaveTextAsync(ReportText.Category(report.RootCause.Category));
        await Expect(rootCause.GetByTestId("root-cause-features").GetByText(LeadFeature, new LocatorGetByTextOptions { Exact = true }))
            .ToBeVisibleAsync();
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task Clicking_the_lead_features_heatmap_cell_opens_its_drill_down_with_a_chart()
    {
        await using var session = await server.OpenAsync(nameof(Clicking_the_lead_features_heatmap_cell_opens_its_drill_down_with_a_chart));
        var page = session.Page;
        var leadFeature = LeadFeature;

        await session.GoToAsync(DatasetPath);
        // The chart is drawn once the interactive circuit rendered the report, heatmap included.
        await Expect(page.GetByTestId("performance-chart").Locator(ApexSvg)).ToBeVisibleAsync();
        var row = page.GetByTestId("drift-heatmap").Locator("tbody tr").Filter(new LocatorFilterOptions
        {
            Has = page.Locator("th.driftboard-heatmap-name").GetByText(leadFeature, new LocatorGetByTextOptions { Exact = true }),
        });
        // The last window where the lead feature drifted most: the cell a user investigating the incident would open.
        var cell = row.Locator("a[data-testid=heatmap-cell][data-band=major]").Last;
        await Expect(cell).ToBeVisibleAsync();
        await session.ScreenshotAsync("heatmap");

        await cell.ClickAsync();
        var featurePath = $"{DatasetPath}/features/{Uri.EscapeDataString(leadFeature)}";
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(server.BaseAddress + featurePath) + @"\?"));
        await Expect(page.GetByTestId(FeatureChart).Locator(ApexSvg)).ToBeVisibleAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(leadFeature);
        await session.ScreenshotAsync("feature");
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task Fixes_page_shows_every_fix_and_the_threshold_slider_recomputes_recall()
    {
        await using var session = await server.OpenAsync(nameof(Fixes_page_shows_every_fix_and_the_threshold_slider_recomputes_recall));
        var page = session.Page;

        await session.GoToAsync(DatasetPath + "/fixes");
        await Expect(page.GetByTestId("fix-card")).ToHaveCountAsync(server.Report.Fixes.Count);
        var recall = page.GetByTestId("slider-recall");
        await Expect(recall).ToHaveTextAsync(new Regex(@"^\d+\.\d%$"));
        await session.ScreenshotAsync("fixes");

        var before = await recall.TextContentAsync();
        var threshold = await page.GetByTestId("slider-threshold").TextContentAsync();
        var slider = page.Locator("input[type=range][data-testid=threshold-slider]");
        await slider.FocusAsync();
        // A higher threshold flags fewer rows: recall can only fall, and it does once enough steps are taken.
        for (var i = 0; i < 20; i++) await slider.PressAsync("ArrowRight");
        await Expect(page.GetByTestId("slider-threshold")).Not.ToHaveTextAsync(threshold!);
        await Expect(recall).Not.ToHaveTextAsync(before!);
        Assert.True(ParsePercent(await recall.TextContentAsync()) < ParsePercent(before), "recall did not fall as the threshold rose");
        await session.ScreenshotAsync("slider-moved");
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task Monitors_page_lists_the_reports_monitors_on_its_timeline()
    {
        await using var session = await server.OpenAsync(nameof(Monitors_page_lists_the_reports_monitors_on_its_timeline));
        var page = session.Page;

        await session.GoToAsync(DatasetPath + "/monitors");
        var timeline = page.GetByTestId("monitor-timeline");
        await Expect(timeline.Locator(ApexSvg)).ToBeVisibleAsync();
        await session.ScreenshotAsync("monitors");

        var expected = server.Report.Monitors.Select(m => m.Name).ToArray();
        Assert.NotEmpty(expected);
        await Expect(timeline.GetByTestId("monitor-name")).ToHaveTextAsync(expected);
        session.AssertNoBrowserErrors();
    }

    /// <summary>The drill-down's main chart: the reference against the chosen window.</summary>
    private const string FeatureChart = "feature-chart";

    private static double ParsePercent(string? text) =>
        double.Parse(text!.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture);
}
