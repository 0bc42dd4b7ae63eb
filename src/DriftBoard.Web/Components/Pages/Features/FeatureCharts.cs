using DriftBoard.Core.Analysis.Detail;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Web.Components.Charts;

namespace DriftBoard.Web.Components.Pages.Features;

/// <summary>The drill-down's charts, each read from a <see cref="FeatureDetail"/> or its report series.</summary>
public static class FeatureCharts
{
    public const string Reference = "Reference";

    /// <summary>Reference against window shares per bin or category (overlaid columns).</summary>
    public static ChartSpec Distribution(FeatureDetail detail, string windowName, ChartPalette palette, bool positivesOnly) =>
        Columns(
            positivesOnly ? "feature-positives" : "feature-distribution",
            [
                new ChartSeries(positivesOnly ? "Reference positives" : Reference,
                    [.. detail.Segments.Select(s => ChartPoint.Category(s.Label, positivesOnly ? s.ReferencePositiveShare : s.ReferenceShare))]),
                new ChartSeries(positivesOnly ? $"Positives, {windowName}" : windowName,
                    [.. detail.Segments.Select(s => ChartPoint.Category(s.Label, positivesOnly ? s.WindowPositiveShare : s.WindowShare))]),
            ],
            "Share of rows", palette);

    /// <summary>Recall per bin or category in the reference period and in the window.</summary>
    public static ChartSpec Recall(FeatureDetail detail, string windowName, ChartPalette palette) =>
        Columns(
            "feature-recall",
            [
                new ChartSeries("Reference period", [.. detail.Segments.Select(s => ChartPoint.Category(s.Label, s.ReferencePeriodRecall.Recall))]),
                new ChartSeries(windowName, [.. detail.Segments.Select(s => ChartPoint.Category(s.Label, s.WindowRecall.Recall))]),
            ],
            "Recall", palette, max: 1);

    /// <summary>PSI, KS, Jensen-Shannon and Wasserstein per window (those that apply to the feature's type).</summary>
    public static ChartSpec Statistics(FeatureDriftSeries series, ChartPalette palette)
    {
        var lines = new List<ChartSeries> { Line(series, "PSI", w => w.Psi), Line(series, "Jensen-Shannon", w => w.JensenShannon) };
        if (series.Windows.Any(w => w.Ks is not null)) lines.Add(Line(series, "KS", w => w.Ks));
        if (series.Windows.Any(w => w.Wasserstein is not null)) lines.Add(Line(series, "Wasserstein (in std)", w => w.Wasserstein));
        return Lines("feature-statistics", lines, "Statistic", palette);
    }

    /// <summary>Missing and out-of-range (for categories: unknown-category) rates per window.</summary>
    public static ChartSpec Rates(FeatureDriftSeries series, ChartPalette palette) => Lines(
        "feature-rates",
        [
            Line(series, "Missing", w => w.MissingRate),
            Line(series, series.Type == DriftSeriesType.Numeric ? "Out of range" : "Out of range or new category", w => w.OutOfRangeRate),
        ],
        "Share of rows", palette, max: 1);

    private static ChartSeries Line(FeatureDriftSeries series, string name, Func<DriftWindowReport, double?> value) =>
        new(name, [.. series.Windows.Select(w => ChartPoint.At(w.Start, value(w) ?? double.NaN))]);

    private static ChartSpec Columns(string id, IReadOnlyList<ChartSeries> series, string yTitle, ChartPalette palette, double? max = null) => new(
        Chart: new ChartOptions("bar", 280, Id: id, ForeColor: palette.TextSecondary),
        Series: series,
        XAxis: new ChartXAxis(ChartXAxis.Category),
        YAxis: [new ChartYAxis(Min: 0, Max: max, Title: new ChartAxisTitle(yTitle), DecimalsInFloat: 2)],
        Colors: [palette.Secondary, palette.Primary],
        Legend: new ChartLegend(Show: true, Position: "top", HorizontalAlign: "left"),
        Tooltip: new ChartTooltip(Shared: true, Intersect: false),
        Theme: palette.Theme,
        Grid: new ChartGrid(palette.Lines),
        DataLabels: new ChartDataLabels(false));

    private static ChartSpec Lines(string id, IReadOnlyList<ChartSeries> series, string yTitle, ChartPalette palette, double? max = null) => new(
        Chart: new ChartOptions("line", 260, Id: id, ForeColor: palette.TextSecondary),
        Series: series,
        XAxis: new ChartXAxis(ChartXAxis.Datetime),
        YAxis: [new ChartYAxis(Min: 0, Max: max, Title: new ChartAxisTitle(yTitle), DecimalsInFloat: 2)],
        Colors: [palette.Primary, palette.Secondary, palette.Tertiary, palette.Warning],
        Stroke: new ChartStroke(Curve: "straight", Width: [.. series.Select(_ => 2.0)]),
        Legend: new ChartLegend(Show: true, Position: "top", HorizontalAlign: "left"),
        Tooltip: new ChartTooltip(Shared: true, Intersect: false, X: new ChartTooltipX("yyyy-MM-dd")),
        Theme: palette.Theme,
        Grid: new ChartGrid(palette.Lines),
        DataLabels: new ChartDataLabels(false),
        Markers: new ChartMarkers(3));
}
