using DriftBoard.Core.Analysis.Report;
using DriftBoard.Web.Components.Charts;

namespace DriftBoard.Web.Components.Pages.Monitors;

/// <summary>
/// The monitor timeline as a chart: one bar per monitor, its lead in days over the day the drop became visible
/// (negative when it fired later; no bar when it never fired), read from the report's replay.
/// </summary>
public static class MonitorChart
{
    public const string Lead = "Lead (days)";

    public static ChartSpec Build(AnalysisReport report, ChartPalette palette, int height = 280) => new(
        Chart: new ChartOptions("bar", height, Id: "monitor-lead", ForeColor: palette.TextSecondary),
        Series: [new ChartSeries(Lead, [.. report.Monitors.Select(m => ChartPoint.Category(m.Name, m.LeadDays ?? double.NaN))])],
        XAxis: new ChartXAxis(ChartXAxis.Category, Title: new ChartAxisTitle("Monitor")),
        YAxis: [new ChartYAxis(Title: new ChartAxisTitle("Days before the drop became visible"), DecimalsInFloat: 0)],
        Colors: [palette.Primary],
        Legend: new ChartLegend(Show: false),
        Theme: palette.Theme,
        Grid: new ChartGrid(palette.Lines),
        DataLabels: new ChartDataLabels(true));
}
