using DriftBoard.Core.Analysis.Report;
using DriftBoard.Web.Components.Charts;

namespace DriftBoard.Web.Components.Pages.Incident;

/// <summary>
/// The incident's performance timeline as a chart spec: realised recall and precision per window with their intervals
/// (bands), the label-free estimated recall, provisional windows shaded, and the recall drop's start and the root
/// cause's start as vertical lines. Every value is read from the report.
/// </summary>
public static class PerformanceTimeline
{
    public const string RecallInterval = "Recall interval";
    public const string PrecisionInterval = "Precision interval";
    public const string Recall = "Recall";
    public const string Precision = "Precision";
    public const string EstimatedRecall = "Estimated recall (label-free)";
    public const string DropStartLabel = "Recall drop starts";
    public const string RootCauseStartLabel = "Root cause starts";
    public const string ProvisionalLabel = "Provisional";

    public static ChartSpec Build(AnalysisReport report, ChartPalette palette, int height = 340)
    {
        var performance = report.Performance;
        var recallBand = new List<ChartPoint>(performance.Count);
        var precisionBand = new List<ChartPoint>(performance.Count);
        var recall = new ChartPoint[performance.Count];
        var precision = new ChartPoint[performance.Count];
        for (var i = 0; i < performance.Count; i++)
        {
            var w = performance[i];
            // Lines keep their gaps (null points); a band only has the windows where it is defined.
            AddBand(recallBand, w.Start, w.RecallLow, w.RecallHigh);
            AddBand(precisionBand, w.Start, w.PrecisionLow, w.PrecisionHigh);
            recall[i] = ChartPoint.At(w.Start, w.Recall);
            precision[i] = ChartPoint.At(w.Start, w.Precision);
        }

        var estimated = report.EstimatedPerformance.Select(e => ChartPoint.At(e.Start, e.ExpectedRecall)).ToArray();

        return new ChartSpec(
            Chart: new ChartOptions("rangeArea", height, Id: "performance-timeline", ForeColor: palette.TextSecondary),
            Series:
            [
                new ChartSeries(RecallInterval, recallBand, "rangeArea"),
                new ChartSeries(PrecisionInterval, precisionBand, "rangeArea"),
                new ChartSeries(Recall, recall, "line"),
                new ChartSeries(Precision, precision, "line"),
                new ChartSeries(EstimatedRecall, estimated, "line"),
            ],
            XAxis: new ChartXAxis(ChartXAxis.Datetime),
            YAxis: [new ChartYAxis(Min: 0, Max: 1, Title: new ChartAxisTitle("Rate"), DecimalsInFloat: 2, TickAmount: 5)],
            Annotations: new ChartAnnotations(Annotations(report, palette)),
            Colors: [palette.Primary, palette.Secondary, palette.Primary, palette.Secondary, palette.Tertiary],
            Stroke: new ChartStroke(Curve: "straight", Width: [0, 0, 2.5, 2.5, 2], DashArray: [0, 0, 0, 0, 6]),
            Fill: new ChartFill(Opacity: [0.18, 0.14, 1, 1, 1]),
            Legend: new ChartLegend(Show: true, Position: "top", HorizontalAlign: "left"),
            Tooltip: new ChartTooltip(Shared: true, Intersect: false, X: new ChartTooltipX("yyyy-MM-dd")),
            Theme: palette.Theme,
            Grid: new ChartGrid(palette.Lines),
            DataLabels: new ChartDataLabels(false),
            Markers: new ChartMarkers(0));
    }

    private static void AddBand(List<ChartPoint> band, DateOnly start, double low, double high)
    {
        if (double.IsFinite(low) && double.IsFinite(high))
        {
            band.Add(ChartPoint.RangeAt(start, low, high));
        }
    }

    /// <summary>Provisional runs shaded (one range per run of consecutive provisional windows), then the two start lines.</summary>
    public static IReadOnlyList<XAxisAnnotation> Annotations(AnalysisReport report, ChartPalette palette)
    {
        var annotations = new List<XAxisAnnotation>();
        var performance = report.Performance;
        for (var i = 0; i < performance.Count; i++)
        {
            if (!performance[i].Provisional)
            {
                continue;
            }

            var first = i;
            while (i + 1 < performance.Count && performance[i + 1].Provisional)
            {
                i++;
            }

            annotations.Add(new XAxisAnnotation(
                ChartPoint.DayMs(performance[first].Start),
                X2: ChartPoint.DayMs(performance[i].End),
                FillColor: palette.TextSecondary,
                Opacity: 0.14,
                BorderColor: palette.TextSecondary,
                Label: new AnnotationLabel(ProvisionalLabel, BorderColor: palette.TextSecondary, Orientation: "horizontal",
                    Style: new AnnotationLabelStyle(palette.Text, palette.Dark ? "#2A2A2A" : "#FFFFFF"))));
        }

        if (report.RecallDrop is { Detected: true, StartDate: { } dropStart })
        {
            annotations.Add(Line(dropStart, palette.Error, DropStartLabel, palette.OnAccent));
        }

        if (report.RootCause.StartDate is { } causeStart)
        {
            // Often a day or two from the drop's start: its label sits lower so the two stay readable.
            annotations.Add(Line(causeStart, palette.Warning, RootCauseStartLabel, palette.OnAccent, offsetY: 130));
        }

        return annotations;
    }

    private static XAxisAnnotation Line(DateOnly day, string color, string text, string textColor, double? offsetY = null) => new(
        ChartPoint.DayMs(day),
        BorderColor: color,
        StrokeDashArray: 4,
        Label: new AnnotationLabel(text, BorderColor: color, Style: new AnnotationLabelStyle(textColor, color), OffsetY: offsetY));
}
