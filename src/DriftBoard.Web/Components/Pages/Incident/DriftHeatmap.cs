using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Web.Components.Analysis;

namespace DriftBoard.Web.Components.Pages.Incident;

/// <summary>One cell of the drift heatmap: a series at a window, with its band and its accessible name.</summary>
/// <param name="Band"><c>none</c>, <c>moderate</c>, <c>major</c> (the report's severity) or <c>too-small</c>.</param>
/// <param name="Href">Where a click goes (the feature's drill-down at this window); null for the label-rate row.</param>
public sealed record HeatmapCell(string Text, string Band, string AriaLabel, string? Href);

/// <summary>One row: a feature, the model's score or the label rate.</summary>
public sealed record HeatmapRow(string Name, string Type, IReadOnlyList<HeatmapCell?> Cells);

/// <summary>The drift heatmap's rows and columns, laid out from the report's drift series (features first, then score and label rate).</summary>
public sealed record HeatmapLayout(IReadOnlyList<(DateOnly Start, string Label)> Columns, IReadOnlyList<HeatmapRow> Rows)
{
    public const string TooSmall = "too-small";
    public const string LabelRateName = "label rate";

    /// <param name="query">The page's analysis query (<c>window=…&amp;reference=…</c>), kept on the drill-down links.</param>
    public static HeatmapLayout From(AnalysisReport report, WindowSize window, string datasetId, string query)
    {
        var starts = new SortedDictionary<DateOnly, DateOnly>();
        foreach (var series in report.Drift)
        {
            foreach (var w in series.Windows)
            {
                starts.TryAdd(w.Start, w.End);
            }
        }

        var columns = starts.Select(pair => (pair.Key, new TimeWindow(pair.Key, pair.Value).Label(window))).ToList();
        var index = columns.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i);

        var ordered = report.Drift.Where(s => s.Type is not (DriftSeriesType.Score or DriftSeriesType.Label))
            .Concat(report.Drift.Where(s => s.Type == DriftSeriesType.Score))
            .Concat(report.Drift.Where(s => s.Type == DriftSeriesType.Label));

        var rows = new List<HeatmapRow>();
        foreach (var series in ordered)
        {
            var isLabel = series.Type == DriftSeriesType.Label;
            var name = isLabel ? LabelRateName : series.Feature;
            var cells = new HeatmapCell?[columns.Count];
            foreach (var w in series.Windows)
            {
                var column = index[w.Start];
                cells[column] = Cell(name, columns[column].Item2, w, isLabel ? null : FeatureHref(datasetId, series.Feature, query, w.Start), isLabel);
            }

            rows.Add(new HeatmapRow(name, series.Type, cells));
        }

        return new HeatmapLayout(columns, rows);
    }

    /// <summary><c>/datasets/{id}/features/{feature}?{query}&amp;at=yyyy-MM-dd</c>.</summary>
    public static string FeatureHref(string datasetId, string feature, string query, DateOnly at) =>
        $"/datasets/{Uri.EscapeDataString(datasetId)}/features/{Uri.EscapeDataString(feature)}?{query}&at={ReportText.Date(at)}";

    private static HeatmapCell Cell(string name, string windowLabel, DriftWindowReport w, string? href, bool isLabel)
    {
        if (isLabel)
        {
            // The rate is shown even where too few labels arrived to judge it; the band says whether it was judged.
            var rate = w.PositiveRate is { } r ? ReportText.Percent(r) : ReportText.Missing;
            return w.TooSmall
                ? new HeatmapCell(rate, TooSmall, $"{name}, {windowLabel}: positive rate {rate}, too few labelled rows to judge ({w.Rows})", href)
                : new HeatmapCell(rate, w.Severity, $"{name}, {windowLabel}: positive rate {rate} ({w.Severity})", href);
        }

        if (w.TooSmall)
        {
            return new HeatmapCell(ReportText.Missing, TooSmall, $"{name}, {windowLabel}: too few rows ({w.Rows})", href);
        }

        var psi = ReportText.Number(w.Psi, 2);
        return new HeatmapCell(psi, w.Severity, $"{name}, {windowLabel}: PSI {psi} ({w.Severity})", href);
    }
}
