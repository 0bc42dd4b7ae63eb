using Bunit;
using DriftBoard.Web.Components.Analysis;
using DriftBoard.Web.Components.Pages.Monitors;
using DriftBoard.Web.Tests.TestSupport;

namespace DriftBoard.Web.Tests.Monitors;

public sealed class MonitorsPageTests(DemoDataset demo) : DatasetPageTest(demo), IClassFixture<DemoDataset>
{
    [Fact]
    public async Task Timeline_table_shows_every_replayed_monitor_and_the_detection()
    {
        var report = await DefaultReport();
        Assert.NotEmpty(report.Monitors);

        var page = Render<MonitorsPage>(p => p.Add(x => x.Id, Demo.DatasetId));

        page.WaitForAssertion(() => Assert.Equal(report.Monitors.Count, page.FindAll("[data-testid=monitor-row]").Count), AnalysisWait);
        var rows = page.FindAll("[data-testid=monitor-row]");
        for (var i = 0; i < rows.Count; i++)
        {
            var m = report.Monitors[i];
            string Cell(string id) => rows[i].QuerySelector($"[data-testid={id}]")!.TextContent.Trim();
            Assert.Equal(m.Name, Cell("monitor-name"));
            Assert.Equal(m.Rule, Cell("monitor-rule"));
            Assert.Equal(m.FirstAlert is { } first ? ReportText.Date(first) : "never", Cell("monitor-first-alert"));
            Assert.Equal(m.LeadDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–", Cell("monitor-lead"));
            Assert.Equal($"{m.FalseAlarms} ({m.HealthyDays})", Cell("monitor-false-alarms"));
        }

        Assert.Contains(report.Detection.Summary, page.Find("[data-testid=detection-summary]").TextContent);
        Assert.Contains(ReportText.Date(report.Detection.DropVisible), page.Find("[data-testid=drop-visible]").TextContent);
        Assert.NotNull(page.Find("[data-testid=monitor-timeline]"));
    }
}
