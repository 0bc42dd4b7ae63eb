using System.Text;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Postmortems;
using DriftBoard.Web.Components.Analysis;

namespace DriftBoard.Web.Postmortems.Figures;

/// <summary>
/// The postmortem's figures, drawn on the server as standalone SVG from the report alone (no statistic is recomputed) and
/// frozen with the postmortem: recall over time, the largest drift per series, and the monitors' lead over the labels.
/// Dark ink on white with dashes as well as colours, so they read in light print and in greyscale.
/// </summary>
public static class SvgFigures
{
    public const string ContentType = "image/svg+xml";

    /// <summary>At most this many drift series are drawn, the largest PSI first.</summary>
    public const int MaxDriftBars = 12;

    private const string Ink = "#222222";
    private const string Grid = "#d9d9d9";
    private const string Realised = "#1f4e79";
    private const string Estimated = "#6b6b6b";
    private const string Fault = "#b00020";
    private const string Visible = "#b35900";

    /// <summary>The three figures under <see cref="PostmortemFigureNames"/>.</summary>
    public static IReadOnlyList<PostmortemFigure> All(AnalysisReport report) =>
    [
        Figure(PostmortemFigureNames.Recall, Recall(report)),
        Figure(PostmortemFigureNames.Drift, Drift(report)),
        Figure(PostmortemFigureNames.Monitors, Monitors(report)),
    ];

    private static PostmortemFigure Figure(string name, string svg) => new(name, ContentType, Encoding.UTF8.GetBytes(svg));

    /// <summary>
    /// Realised recall per window on the labels known at as-of (filled points; hollow where provisional), the label-free
    /// estimate (dashed), and vertical markers at the fault's start and at the day the drop became visible in labels.
    /// </summary>
    public static string Recall(AnalysisReport report)
    {
        // The plot starts below two rows of marker labels, so the labels never sit on the data.
        const int width = 720, height = 360, left = 56, right = 20, top = 72, bottom = 48;
        var canvas = new SvgCanvas(width, height, $"Recall over time: {report.Dataset.Model} {report.Dataset.Version}");
        canvas.Text(left, 20, "Recall over time", weight: "bold", size: 14);
        var windows = report.Performance;
        if (windows.Count == 0)
        {
            canvas.Text(width / 2.0, height / 2.0, "No production windows", "middle");
            return canvas.ToSvg();
        }

        var first = windows[0].Start.DayNumber;
        var last = windows[^1].End.DayNumber;
        var span = Math.Max(1, last - first);
        double X(DateOnly day) => left + ((day.DayNumber - first) / (double)span * (width - left - right));
        double Mid(DateOnly start, DateOnly end) => X(start) + ((X(end) - X(start)) / 2);
        double Y(double rate) => top + ((1 - Math.Clamp(rate, 0, 1)) * (height - top - bottom));

        for (var tick = 0; tick <= 4; tick++)
        {
            var rate = tick / 4.0;
            canvas.Line(left, Y(rate), width - right, Y(rate), Grid);
            canvas.Text(left - 6, Y(rate) + 4, ReportText.Percent(rate), "end", size: 11);
        }

        canvas.Line(left, Y(0), width - right, Y(0), Ink);
        canvas.Text(left, height - bottom + 18, ReportText.Date(windows[0].Start), size: 11);
        canvas.Text(width - right, height - bottom + 18, ReportText.Date(windows[^1].End.AddDays(-1)), "end", size: 11);

        Marker(canvas, report.RootCause.StartDate ?? (report.RecallDrop.Detected ? report.RecallDrop.StartDate : null), "fault start", Fault, "6 3", X, top - 28, Y(0), first, last);
        Marker(canvas, report.Detection.DropVisible, "visible in labels", Visible, "2 3", X, top - 12, Y(0), first, last);

        canvas.Polyline(report.EstimatedPerformance.Where(e => double.IsFinite(e.ExpectedRecall))
            .Select(e => (Mid(e.Start, e.End), Y(e.ExpectedRecall))).ToList(), Estimated, 2, "6 4");
        var realised = windows.Where(w => double.IsFinite(w.Recall)).ToList();
        canvas.Polyline(realised.Select(w => (Mid(w.Start, w.End), Y(w.Recall))).ToList(), Realised);
        foreach (var w in realised)
            canvas.Circle(Mid(w.Start, w.End), Y(w.Recall), 3, Realised, w.Readable ? Realised : "#ffffff");

        // Legend.
        var legendY = height - 14;
        canvas.Line(left, legendY - 4, left + 24, legendY - 4, Realised, 2);
        canvas.Text(left + 30, legendY, "realised recall (hollow: provisional)", size: 11);
        canvas.Line(left + 250, legendY - 4, left + 274, legendY - 4, Estimated, 2, "6 4");
        canvas.Text(left + 280, legendY, "estimated recall (label-free)", size: 11);
        return canvas.ToSvg();
    }

    private static void Marker(SvgCanvas canvas, DateOnly? day, string label, string colour, string dash, Func<DateOnly, double> x,
        double labelY, double bottomY, int first, int last)
    {
        if (day is not { } d || d.DayNumber < first || d.DayNumber > last) return;
        canvas.Line(x(d), labelY + 4, x(d), bottomY, colour, 1.5, dash);
        // Right of the line, or left of it in the last third so the label stays inside the figure.
        var leftOfLine = x(d) > canvas.Width * 2 / 3.0;
        canvas.Text(leftOfLine ? x(d) - 4 : x(d) + 4, labelY, $"{label} {ReportText.Date(d)}", leftOfLine ? "end" : "start", colour, size: 11);
    }

    /// <summary>The largest PSI each series reached in any window, as horizontal bars, the largest first.</summary>
    public static string Drift(AnalysisReport report)
    {
        var rows = report.Drift
            .Select(s => (s.Feature, Worst: s.Windows.Where(w => !w.TooSmall && w.Psi is { } p && double.IsFinite(p)).MaxBy(w => w.Psi)))
            .Where(r => r.Worst is not null)
            .OrderByDescending(r => r.Worst!.Psi)
            .Take(MaxDriftBars)
            .ToList();
        var bars = new BarLayout(Left: 200, Right: 130, rows.Count);
        var canvas = bars.Canvas("Largest drift (PSI) per feature", "Largest drift per feature (PSI against the reference)");
        if (rows.Count == 0) return bars.Empty(canvas, "No window was large enough to compare");
        int width = BarLayout.Width, left = bars.Left, right = bars.Right;

        var max = Math.Max(rows.Max(r => r.Worst!.Psi!.Value), 0.25);
        for (var i = 0; i < rows.Count; i++)
        {
            var (feature, worst) = rows[i];
            var y = bars.RowTop(i);
            var psi = worst!.Psi!.Value;
            canvas.Text(left - 8, y + 13, Shorten(feature, 28), "end");
            canvas.Rect(left, y, psi / max * (width - left - right), BarLayout.BarHeight, SeverityColour(worst.Severity));
            canvas.Text(left + (psi / max * (width - left - right)) + 6, y + 13, $"{ReportText.Statistic(psi)} ({worst.Severity})", size: 11);
        }

        canvas.Line(left, BarLayout.Top - 4, left, bars.RowTop(rows.Count), Ink);
        canvas.Text(16, bars.Height - 10, $"Bars: the window with the largest PSI per series; {report.Dataset.Window} windows, reference: {report.Dataset.Reference}.", size: 11);
        return canvas.ToSvg();
    }

    private static string SeverityColour(string severity) => severity switch
    {
        "major" => "#9e1b1b",
        "moderate" => "#d98c1f",
        _ => "#9aa5b1",
    };

    /// <summary>Each replayed monitor's lead in days over the day the drop became visible in labels (negative: later).</summary>
    public static string Monitors(AnalysisReport report)
    {
        var monitors = report.Monitors.OrderByDescending(m => m.LeadDays ?? int.MinValue).ToList();
        var bars = new BarLayout(Left: 230, Right: 150, monitors.Count);
        var canvas = bars.Canvas("Monitor lead over the labels", "What would have caught this earlier: lead in days over the labels");
        if (monitors.Count == 0) return bars.Empty(canvas, "No monitor was replayed");
        int width = BarLayout.Width, left = bars.Left, right = bars.Right;

        var leads = monitors.Where(m => m.LeadDays is not null).Select(m => m.LeadDays!.Value).ToList();
        var most = Math.Max(1, leads.Count > 0 ? leads.Max() : 1);
        var least = Math.Min(0, leads.Count > 0 ? leads.Min() : 0);
        var scale = (width - left - right) / (double)(most - least);
        var zero = left + (-least * scale);
        for (var i = 0; i < monitors.Count; i++)
        {
            var m = monitors[i];
            var y = bars.RowTop(i);
            canvas.Text(left - 8, y + 13, Shorten(m.Feature is { } f && !m.Name.Contains(f, StringComparison.Ordinal) ? $"{m.Name} ({f})" : m.Name, 34), "end");
            if (m.LeadDays is { } lead)
            {
                var x = lead >= 0 ? zero : zero + (lead * scale);
                canvas.Rect(x, y, Math.Abs(lead) * scale, BarLayout.BarHeight, lead > 0 ? Realised : Fault);
                canvas.Text(Math.Max(zero, zero + (lead * scale)) + 6, y + 13, $"{lead:+0;−0;0} days ({ReportText.Date(m.FirstAlert)})", size: 11);
            }
            else
            {
                canvas.Text(zero + 6, y + 13, m.FirstAlert is { } alert ? $"fired {ReportText.Date(alert)}, no visible drop to compare" : "never fired", fill: Estimated, size: 11);
            }
        }

        canvas.Line(zero, BarLayout.Top - 4, zero, bars.RowTop(monitors.Count), Ink);
        canvas.Text(16, bars.Height - 10, report.Detection.DropVisible is { } visible
            ? $"0 = the drop became visible in matured labels ({ReportText.Date(visible)})."
            : "The drop has not become visible in matured labels.", size: 11);
        return canvas.ToSvg();
    }

    /// <summary>A horizontal bar chart's geometry: a label column of width <paramref name="Left"/>, one row per bar.</summary>
    private sealed record BarLayout(int Left, int Right, int Rows)
    {
        public const int Width = 720;
        public const int Top = 40;
        public const int BarHeight = 18;
        private const int Gap = 8;

        public int Height => Top + 30 + (Math.Max(1, Rows) * (BarHeight + Gap));

        public double RowTop(int row) => Top + (row * (BarHeight + Gap));

        public SvgCanvas Canvas(string title, string heading)
        {
            var canvas = new SvgCanvas(Width, Height, title);
            canvas.Text(16, 22, heading, weight: "bold", size: 14);
            return canvas;
        }

        public string Empty(SvgCanvas canvas, string message)
        {
            canvas.Text(Width / 2.0, Top + 24, message, "middle");
            return canvas.ToSvg();
        }
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
