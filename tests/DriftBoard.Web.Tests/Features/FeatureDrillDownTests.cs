using Bunit;
using DriftBoard.Core.Analysis.Detail;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Components.Analysis;
using DriftBoard.Web.Components.Pages.Features;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DriftBoard.Web.Tests.Features;

public sealed class FeatureDrillDownTests(DemoDataset demo) : DatasetPageTest(demo), IClassFixture<DemoDataset>
{
    private IRenderedComponent<FeatureDrillDown> Open(string feature, string? at)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/datasets/{Demo.DatasetId}/features/{feature}{(at is null ? "" : $"?at={at}")}");
        return Render<FeatureDrillDown>(p => p.Add(x => x.Id, Demo.DatasetId).Add(x => x.Feature, feature));
    }

    private static string SelectedWindow(IRenderedComponent<FeatureDrillDown> page) =>
        page.Find("[data-testid=statistics-row][aria-current=true] th").TextContent.Trim();

    [Fact]
    public async Task Opens_on_the_window_with_the_largest_PSI_and_shows_the_analyzers_detail()
    {
        var report = await DefaultReport();
        var feature = report.RootCause.Features[0];
        var expected = FeatureDetail.DefaultWindow(report.Drift.Single(s => s.Feature == feature))!.Value;
        var detail = await Demo.Analyzer.FeatureDetailAsync(Demo.DatasetId, feature, null, AnalysisSelection.Default.ToOptions());

        var page = Open(feature, at: null);

        page.WaitForAssertion(() => Assert.Equal(ReportText.Date(expected), SelectedWindow(page)), AnalysisWait);
        Assert.Equal(expected, detail.Window.Start);
        var rows = page.FindAll("[data-testid=segment-row]");
        Assert.Equal(detail.Segments.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Contains(detail.Segments[i].Label, rows[i].TextContent);
            Assert.Contains(ReportText.Percent(detail.Segments[i].WindowShare), rows[i].TextContent);
        }

        Assert.Equal(detail.Segments.Count, page.FindAll("[data-testid=segment-recall-row]").Count);
        Assert.Equal(report.Drift.Single(s => s.Feature == feature).Windows.Count, page.FindAll("[data-testid=statistics-row]").Count);
        Assert.NotEmpty(page.FindAll("[data-testid=feature-chart]"));
    }

    [Fact]
    public async Task The_at_query_chooses_the_window_and_the_picker_navigates_to_another()
    {
        var report = await DefaultReport();
        var feature = report.Drift[0].Feature;
        var first = report.Performance[0].Start;
        var third = report.Performance[2].Start;

        var page = Open(feature, at: ReportText.Date(first));
        page.WaitForAssertion(() => Assert.Equal(ReportText.Date(first), SelectedWindow(page)), AnalysisWait);

        var picker = page.FindComponent<MudSelect<DateOnly>>();
        await page.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(third));

        var navigation = Services.GetRequiredService<NavigationManager>();
        var uri = new Uri(navigation.Uri);
        Assert.EndsWith($"/datasets/{Demo.DatasetId}/features/{feature}", uri.AbsolutePath);
        Assert.Contains($"at={ReportText.Date(third)}", uri.Query);
        // The analysis choice stays in the address.
        Assert.Contains("window=week", uri.Query);
    }
}
