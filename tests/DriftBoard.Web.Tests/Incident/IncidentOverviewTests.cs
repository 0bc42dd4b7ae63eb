using Bunit;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Components.Charts;
using DriftBoard.Web.Components.Pages.Incident;
using DriftBoard.Web.Tests.Analysis;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DriftBoard.Web.Tests.Incident;

public sealed class IncidentOverviewTests : DashboardTest
{
    private static readonly Core.Domain.DatasetInfo Fraud = TestDatasets.Create("fraud 2026", "Card fraud", "fraud-gbm", "3.2", 12_600, 11_000, 0,
        new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 7, 12, 23, 0, 0, TimeSpan.Zero));

    private IRenderedComponent<IncidentOverview> Open(string uri, string id = "fraud 2026")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        return Render<IncidentOverview>(p => p.Add(c => c.Id, id));
    }

    [Fact]
    public void Tiles_show_the_report_numbers()
    {
        UseDatasets([Fraud], Ready(TestReports.Incident("fraud 2026")));

        var cut = Open("/datasets/fraud%202026");

        Assert.Equal("82.4%", cut.Find("[data-testid=tile-recall-before]").TextContent.Trim());
        Assert.Equal("55.1%", cut.Find("[data-testid=tile-recall-after]").TextContent.Trim());
        Assert.Equal("−27.3 pp", cut.Find("[data-testid=tile-drop]").TextContent.Trim());
        Assert.Equal("2026-06-24", cut.Find("[data-testid=tile-drop-start]").TextContent.Trim());
        Assert.Equal("Data drift", cut.Find("[data-testid=tile-verdict]").TextContent.Trim());
        Assert.Equal("87.0%", cut.Find("[data-testid=tile-confidence]").TextContent.Trim());
    }

    [Fact]
    public void Root_cause_panel_lists_features_evidence_and_the_alternatives_that_lost()
    {
        UseDatasets([Fraud], Ready(TestReports.Incident("fraud 2026")));

        var panel = Open("/datasets/fraud%202026").Find("[data-testid=root-cause]");

        Assert.Equal("Data drift", panel.QuerySelector("[data-testid=root-cause-category]")!.TextContent.Trim());
        var summary = panel.QuerySelector("[data-testid=root-cause-summary]")!;
        Assert.StartsWith("amount shifted upward", summary.TextContent.Trim());
        Assert.Equal("amount", summary.QuerySelector("code")!.TextContent);
        Assert.Equal(["amount", "merchant_category"],
            panel.QuerySelector("[data-testid=root-cause-features]")!.QuerySelectorAll(".mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Equal(2, panel.QuerySelectorAll("[data-testid=evidence]").Length);
        Assert.Equal(["psi = 0.3141", "ks_p_value = 2E-05", "gap = 0.02"],
            panel.QuerySelectorAll("[data-testid=evidence-value]").Select(v => v.TextContent.Trim()));
        var alternatives = panel.QuerySelectorAll("[data-testid=alternative]")
            .Select(r => string.Join(" | ", r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()))).ToArray();
        Assert.Equal(["Concept drift | 0.21 | The label-free estimate follows the realised recall.", "Label shift | 0.05 | The positive rate is unchanged."], alternatives);
    }

    [Fact]
    public void Performance_chart_gets_the_report_series_and_annotations()
    {
        UseDatasets([Fraud], Ready(TestReports.Incident("fraud 2026", weeks: 6)));

        var cut = Open("/datasets/fraud%202026");

        var chart = cut.FindComponent<ApexChart>();
        Assert.Equal("performance-chart", chart.Instance.TestId);
        var spec = chart.Instance.Spec;
        Assert.Equal([PerformanceTimeline.RecallInterval, PerformanceTimeline.PrecisionInterval, PerformanceTimeline.Recall, PerformanceTimeline.Precision, PerformanceTimeline.EstimatedRecall],
            spec.Series.Select(s => s.Name));
        Assert.Equal([0.82, 0.82, 0.82, 0.55, 0.55, 0.55], spec.Series[2].Data.Select(p => p.Y));
        Assert.True(double.IsNaN(spec.Series[3].Data[5].Y));
        // The provisional week has no precision interval: the band leaves it out rather than drawing an empty range.
        Assert.Equal(5, spec.Series[1].Data.Count);
        Assert.Equal(6, spec.Series[0].Data.Count);
        Assert.Equal("light", spec.Theme!.Mode);

        var annotations = spec.Annotations!.XAxis;
        // The last week is provisional: one shaded range over it; then the drop's start and the root cause's start.
        Assert.Equal(3, annotations.Count);
        Assert.Equal(ChartPoint.DayMs(TestReports.FirstMonday.AddDays(35)), annotations[0].X);
        Assert.Equal(ChartPoint.DayMs(TestReports.FirstMonday.AddDays(42)), annotations[0].X2);
        Assert.Equal((PerformanceTimeline.DropStartLabel, ChartPoint.DayMs(new DateOnly(2026, 6, 24))), (annotations[1].Label!.Text, annotations[1].X));
        Assert.Equal((PerformanceTimeline.RootCauseStartLabel, ChartPoint.DayMs(new DateOnly(2026, 6, 22))), (annotations[2].Label!.Text, annotations[2].X));
    }

    [Fact]
    public void Dark_theme_reaches_the_chart_spec()
    {
        UseDatasets([Fraud], Ready(TestReports.Incident("fraud 2026")));
        var cut = Open("/datasets/fraud%202026");

        cut.InvokeAsync(() => Services.GetRequiredService<DriftBoard.Web.Theming.ThemeState>().Toggle());

        cut.WaitForAssertion(() => Assert.Equal("dark", cut.FindComponent<ApexChart>().Instance.Spec.Theme!.Mode));
    }

    [Fact]
    public void Opened_without_a_query_the_page_writes_the_remembered_choice_into_the_address()
    {
        UseDatasets([Fraud], Ready(TestReports.Incident("fraud 2026")));
        Services.GetRequiredService<AnalysisChoice>().Set(new AnalysisSelection(Core.Analysis.Windows.WindowSize.Month, Core.Analysis.ReferenceChoice.Training));

        Open("/datasets/fraud%202026");

        Assert.Equal("http://localhost/datasets/fraud%202026?window=month&reference=training", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void Unknown_id_shows_not_found_and_starts_no_analysis()
    {
        var started = 0;
        UseDatasets([Fraud], new DatasetReports((_, _, _, _) => { started++; return Task.FromResult(TestReports.Incident()); }, (_, _) => null));

        var cut = Open("/datasets/nope", id: "nope");

        Assert.Contains("nope", cut.Find("[data-testid=dataset-not-found]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=root-cause]"));
        Assert.Equal(0, started);
    }

    [Fact]
    public async Task A_long_analysis_shows_its_stage_and_the_page_stays_usable_until_the_report_arrives()
    {
        var release = new TaskCompletionSource();
        var stageReported = new TaskCompletionSource();
        AnalysisSelection? asked = null;
        UseDatasets([Fraud], new DatasetReports(
            async (_, selection, progress, ct) =>
            {
                asked = selection;
                progress?.Report("Drift table: 3 of 12 features");
                stageReported.TrySetResult();
                await release.Task.WaitAsync(ct);
                return TestReports.Incident("fraud 2026", window: "month");
            },
            (_, _) => null));

        var cut = Open("/datasets/fraud%202026?window=month&reference=training");
        await stageReported.Task;

        cut.WaitForAssertion(() => Assert.Equal("Drift table: 3 of 12 features", cut.Find("[data-testid=analysis-stage]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=root-cause]"));
        // The toolbar is there and works while the analysis runs.
        Assert.NotNull(cut.Find("[data-testid=window-week]"));
        Assert.Equal(new AnalysisSelection(Core.Analysis.Windows.WindowSize.Month, Core.Analysis.ReferenceChoice.Training), asked);

        release.SetResult();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=root-cause]")));
        Assert.Empty(cut.FindAll("[data-testid=analysis-progress]"));
    }

    [Fact]
    public void Prerendering_starts_no_analysis_but_shows_a_cached_one()
    {
        var started = 0;
        AnalysisReport? cached = null;
        UseDatasets([Fraud], new DatasetReports((_, _, _, _) => { started++; return Task.FromResult(TestReports.Incident()); }, (_, _) => cached));
        Interactive = false;

        var cut = Open("/datasets/fraud%202026");

        Assert.Equal(0, started);
        Assert.NotNull(cut.Find("[data-testid=analysis-progress]"));

        cached = TestReports.Incident("fraud 2026");
        var again = Open("/datasets/fraud%202026");

        Assert.Equal(0, started);
        Assert.Equal("82.4%", again.Find("[data-testid=tile-recall-before]").TextContent.Trim());
    }

    [Fact]
    public void A_failed_analysis_says_why()
    {
        UseDatasets([Fraud], new DatasetReports((_, _, _, _) => Task.FromException<AnalysisReport>(new InvalidOperationException("no labels")), (_, _) => null));

        var cut = Open("/datasets/fraud%202026");

        cut.WaitForAssertion(() => Assert.Contains("no labels", cut.Find("[data-testid=analysis-error]").TextContent));
    }
}
