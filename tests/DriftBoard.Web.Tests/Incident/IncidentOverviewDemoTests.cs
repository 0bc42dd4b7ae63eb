using Bunit;
using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Components.Analysis;
using DriftBoard.Web.Components.Charts;
using DriftBoard.Web.Components.Pages.Datasets;
using DriftBoard.Web.Components.Pages.Incident;
using DriftBoard.Web.Tests.Analysis;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace DriftBoard.Web.Tests.Incident;

/// <summary>The overview over a real analysis of a generated incident: the page shows the shared analyzer's report, number for number.</summary>
public sealed class IncidentOverviewDemoTests(DemoDatabase demo) : DashboardTest, IClassFixture<DemoDatabase>
{
    // An upper bound for an analysis of 27,000 rows on a busy machine, not a timing assertion.
    private static readonly TimeSpan AnalysisBound = TimeSpan.FromMinutes(3);

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<IncidentOverview> Open(string query)
    {
        UseDatasets(() => demo.Store.List(), demo.Reports);
        Navigation.NavigateTo($"/datasets/{Uri.EscapeDataString(demo.DatasetId)}{query}");
        var cut = Render<IncidentOverview>(p => p.Add(c => c.Id, demo.DatasetId));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=root-cause]")), AnalysisBound);
        return cut;
    }

    private Task<AnalysisReport> ReportFor(WindowSize window) =>
        demo.Analyzer.AnalyzeAsync(demo.DatasetId, new DiagnosisOptions { Window = window });

    [Fact]
    public async Task Tiles_chart_and_root_cause_show_the_analyzer_report()
    {
        var cut = Open("?window=week&reference=training");
        var report = await ReportFor(WindowSize.Week);

        Assert.Equal(ReportText.Percent(report.RecallDrop.Baseline), cut.Find("[data-testid=tile-recall-before]").TextContent.Trim());
        Assert.Equal(ReportText.Percent(report.RecallDrop.Current), cut.Find("[data-testid=tile-recall-after]").TextContent.Trim());
        Assert.Equal(ReportText.Category(report.RootCause.Category), cut.Find("[data-testid=tile-verdict]").TextContent.Trim());
        Assert.Equal(ReportText.Percent(report.RootCause.Confidence), cut.Find("[data-testid=tile-confidence]").TextContent.Trim());
        Assert.Equal(report.RootCause.Summary.Replace("`", ""), cut.Find("[data-testid=root-cause-summary]").TextContent.Trim());
        Assert.Equal(report.RootCause.Alternatives.Count, cut.FindAll("[data-testid=alternative]").Count);

        var spec = cut.FindComponent<ApexChart>().Instance.Spec;
        Assert.Equal(report.Performance.Select(w => w.Recall), spec.Series[2].Data.Select(p => p.Y));
        Assert.Equal(report.EstimatedPerformance.Select(w => w.ExpectedRecall), spec.Series[4].Data.Select(p => p.Y));
    }

    [Fact]
    public async Task Heatmap_has_a_cell_per_series_window_and_a_click_opens_that_feature_at_that_window()
    {
        var cut = Open("?window=week&reference=training");
        var report = await ReportFor(WindowSize.Week);

        var cells = cut.FindAll("[data-testid=heatmap-cell]");
        Assert.Equal(report.Drift.Sum(s => s.Windows.Count), cells.Count);

        var feature = report.Drift.First(s => s.Type is not (DriftSeriesType.Score or DriftSeriesType.Label));
        var window = feature.Windows[^1];
        var label = new TimeWindow(window.Start, window.End).Label(WindowSize.Week);
        var cell = cells.Single(c => c.GetAttribute("aria-label")!.StartsWith($"{feature.Feature}, {label}:", StringComparison.Ordinal));
        Assert.Equal(window.TooSmall ? HeatmapLayout.TooSmall : window.Severity, cell.GetAttribute("data-band"));

        // Awaited: after an await the test runs off the renderer's thread, where a synchronous Click() returns before the dispatch.
        await cell.ClickAsync(new MouseEventArgs());

        Assert.Equal(
            $"http://localhost/datasets/{Uri.EscapeDataString(demo.DatasetId)}/features/{Uri.EscapeDataString(feature.Feature)}?window=week&reference=training&at={window.Start:yyyy-MM-dd}",
            Navigation.Uri);
    }

    [Fact]
    public async Task Choosing_day_windows_loads_that_analysis_into_the_page()
    {
        var cut = Open("?window=week&reference=training");

        await cut.Find("[data-testid=window-day]").ClickAsync(new MouseEventArgs());
        Assert.Contains("window=day", Navigation.Uri);
        // The router would render the page again with the new query; bUnit has no router, so render it again.
        cut.Render();

        var report = await ReportFor(WindowSize.Day);
        cut.WaitForAssertion(
            () => Assert.Equal(report.Drift[0].Windows.Count, cut.FindAll("thead th.driftboard-heatmap-window").Count),
            AnalysisBound);
        Assert.Equal(report.Drift[0].Windows[0].Start.ToString("yyyy-MM-dd"), cut.Find("thead th.driftboard-heatmap-window").TextContent.Trim());
    }

    [Fact]
    public async Task Cached_reports_are_only_those_already_analysed_for_that_choice()
    {
        // Month windows: no other test here analyses them.
        var month = new AnalysisSelection(WindowSize.Month, ReferenceChoice.Training);
        Assert.Null(demo.Reports.Cached(demo.DatasetId, month));

        var report = await demo.Reports.AnalyzeAsync(demo.DatasetId, month, null, CancellationToken.None);

        Assert.Same(report, demo.Reports.Cached(demo.DatasetId, month));
        Assert.Equal("month", report.Dataset.Window);
        Assert.Null(demo.Reports.Cached("no-such-dataset", month));
    }

    [Fact]
    public async Task The_dataset_card_shows_the_verdict_once_the_analysis_is_cached()
    {
        var report = await ReportFor(WindowSize.Week);
        UseDatasets(() => demo.Store.List(), demo.Reports);
        Services.AddSingleton(new DriftBoard.Web.Datasets.DemoSeedingStatus());

        var card = Render<DatasetList>().Find("[data-testid=dataset-card]");

        Assert.Equal(ReportText.Category(report.RootCause.Category), card.QuerySelector("[data-testid=dataset-verdict]")!.TextContent.Trim());
    }
}
