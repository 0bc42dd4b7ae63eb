using Bunit;
using DriftBoard.Web.Components.Pages.Incident;
using DriftBoard.Web.Tests.Analysis;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DriftBoard.Web.Tests.Incident;

public sealed class DriftHeatmapTests : DashboardTest
{
    private static readonly Core.Domain.DatasetInfo Fraud = TestDatasets.Create("fraud/26", "Card fraud", "fraud-gbm", "3.2", 12_600, 11_000, 0,
        new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 7, 12, 23, 0, 0, TimeSpan.Zero));

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<IncidentOverview> Open(string query)
    {
        UseDatasets([Fraud], Ready(TestReports.Incident("fraud/26")));
        Navigation.NavigateTo("/datasets/fraud%2F26" + query);
        return Render<IncidentOverview>(p => p.Add(c => c.Id, "fraud/26"));
    }

    [Fact]
    public void Rows_are_features_then_score_then_label_rate_and_columns_are_the_windows()
    {
        var heatmap = Open("?window=week&reference=training").Find("[data-testid=drift-heatmap]");

        Assert.Equal(["amount", "merchant category", "score", "label rate"],
            heatmap.QuerySelectorAll("tbody th[scope=row] span:first-child").Select(s => s.TextContent.Trim()));
        Assert.Equal(["2026-W23", "2026-W24", "2026-W25", "2026-W26", "2026-W27", "2026-W28"],
            heatmap.QuerySelectorAll("thead th.driftboard-heatmap-window").Select(s => s.TextContent.Trim()));
    }

    [Fact]
    public void Cells_carry_their_band_and_an_accessible_name()
    {
        var cells = Open("?window=week&reference=training").FindAll("[data-testid=heatmap-cell]");

        Assert.Equal(4 * 6, cells.Count);
        var amountW26 = cells[3];
        Assert.Equal("amount, 2026-W26: PSI 0.31 (major)", amountW26.GetAttribute("aria-label"));
        Assert.Equal("major", amountW26.GetAttribute("data-band"));
        Assert.Equal("0.31", amountW26.TextContent.Trim());
        Assert.Equal("merchant category, 2026-W24: too few rows (80)", cells[6 + 1].GetAttribute("aria-label"));
        Assert.Equal("too-small", cells[6 + 1].GetAttribute("data-band"));
        Assert.Equal("none", cells[0].GetAttribute("data-band"));
        Assert.Equal("moderate", cells[12 + 4].GetAttribute("data-band"));
        // The label rate is not a feature: its cells are not links.
        Assert.Equal("label rate, 2026-W23: positive rate 2.9% (none)", cells[18].GetAttribute("aria-label"));
        Assert.Equal("SPAN", cells[18].TagName);
        Assert.Equal("A", cells[0].TagName);
        Assert.Equal("/datasets/fraud%2F26/features/amount?window=week&reference=training&at=2026-06-01", cells[0].GetAttribute("href"));
    }

    [Fact]
    public void Clicking_a_cell_opens_the_feature_at_that_window_keeping_the_choice()
    {
        var cut = Open("?window=week&reference=2026-06-01..2026-06-14");

        cut.FindAll("[data-testid=heatmap-cell]")[6 + 3].Click();

        Assert.Equal("http://localhost/datasets/fraud%2F26/features/merchant%20category?window=week&reference=2026-06-01..2026-06-14&at=2026-06-22",
            Navigation.Uri);
    }

    [Fact]
    public void Clicking_a_score_cell_opens_the_score_series()
    {
        var cut = Open("?window=week&reference=training");

        cut.FindAll("[data-testid=heatmap-cell]")[12].Click();

        Assert.Equal("http://localhost/datasets/fraud%2F26/features/score?window=week&reference=training&at=2026-06-01", Navigation.Uri);
    }
}
