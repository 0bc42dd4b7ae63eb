using System.Globalization;
using DriftBoard.Core.Analysis.Detail;
using DriftBoard.Web.Components.Charts;

namespace DriftBoard.Web.Components.Pages.Fixes;

/// <summary>The threshold curve as a chart: recall and precision (left axis) and alerts per day (right axis) per grid threshold.</summary>
public static class ThresholdChart
{
    public const string Recall = "Recall";
    public const string Precision = "Precision";
    public const string Alerts = "Alerts per day";

    public static ChartSpec Build(ThresholdCurve curve, ChartPalette palette, int height = 300)
    {
        var points = curve.Points;
        string X(ThresholdPoint p) => p.Threshold.ToString("0.00", CultureInfo.InvariantCulture);
        return new ChartSpec(
            Chart: new ChartOptions("line", height, Id: "threshold-curve", ForeColor: palette.TextSecondary),
            Series:
            [
                new ChartSeries(Recall, [.. points.Select(p => ChartPoint.Category(X(p), p.Recall))]),
                new ChartSeries(Precision, [.. points.Select(p => ChartPoint.Category(X(p), p.Precision))]),
                new ChartSeries(Alerts, [.. points.Select(p => ChartPoint.Category(X(p), p.DailyAlerts))]),
            ],
            // A hundred grid thresholds: label every tenth so the axis stays readable.
            XAxis: new ChartXAxis(ChartXAxis.Category, Title: new ChartAxisTitle("Threshold"), TickAmount: 10),
            YAxis:
            [
                new ChartYAxis(Min: 0, Max: 1, Title: new ChartAxisTitle("Rate"), DecimalsInFloat: 2, SeriesName: Recall),
                new ChartYAxis(Min: 0, Max: 1, SeriesName: Precision, Show: false),
                new ChartYAxis(Min: 0, Title: new ChartAxisTitle(Alerts), DecimalsInFloat: 0, SeriesName: Alerts, Opposite: true),
            ],
            Colors: [palette.Primary, palette.Secondary, palette.Tertiary],
            Stroke: new ChartStroke(Curve: "straight", Width: [2.5, 2.5, 2], DashArray: [0, 0, 5]),
            Legend: new ChartLegend(Show: true, Position: "top", HorizontalAlign: "left"),
            Tooltip: new ChartTooltip(Shared: true, Intersect: false),
            Theme: palette.Theme,
            Grid: new ChartGrid(palette.Lines),
            DataLabels: new ChartDataLabels(false),
            Markers: new ChartMarkers(0));
    }
}
