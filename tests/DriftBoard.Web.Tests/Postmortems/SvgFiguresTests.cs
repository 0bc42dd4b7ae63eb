using System.Xml.Linq;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Web.Postmortems.Figures;
using DriftBoard.Web.Tests.Analysis;

namespace DriftBoard.Web.Tests.Postmortems;

public class SvgFiguresTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Parse(string svg) => XDocument.Parse(svg).Root!;

    private static IEnumerable<string> Texts(XElement root) => root.Descendants(Svg + "text").Select(t => t.Value);

    [Fact]
    public void Names_from_the_data_are_escaped()
    {
        var report = TestReports.Incident();
        var hostile = "<b>&amp;\"x\"";
        report = report with
        {
            Drift = [report.Drift[0] with { Feature = hostile }],
            Monitors = [new MonitorReplay("Contract <on> & off", "contract", hostile, "rule", new DateOnly(2026, 6, 20), 8, 0, 20)],
        };

        var drift = Parse(SvgFigures.Drift(report));
        var monitors = Parse(SvgFigures.Monitors(report));

        Assert.Contains(hostile, Texts(drift));
        Assert.Contains($"Contract <on> & off ({hostile})", Texts(monitors));
    }

    [Fact]
    public void The_recall_figure_marks_the_fault_and_the_visible_drop_and_draws_each_window()
    {
        var report = TestReports.Incident();

        var root = Parse(SvgFigures.Recall(report));

        Assert.Equal(report.Performance.Count(w => double.IsFinite(w.Recall)), root.Descendants(Svg + "circle").Count());
        var texts = Texts(root).ToList();
        Assert.Contains(texts, t => t == $"fault start {report.RootCause.StartDate:yyyy-MM-dd}");
        Assert.Equal(report.Detection.DropVisible is not null, texts.Any(t => t.StartsWith("visible in labels", StringComparison.Ordinal)));
        Assert.Equal("720", root.Attribute("width")!.Value);
        Assert.Equal("0 0 720 360", root.Attribute("viewBox")!.Value);
    }

    [Fact]
    public void Monitors_show_their_lead_and_those_that_never_fired()
    {
        var report = TestReports.Incident() with
        {
            Monitors =
            [
                new MonitorReplay("Early", "psi", null, "r", new DateOnly(2026, 6, 10), 12, 0, 20),
                new MonitorReplay("Late", "psi", null, "r", new DateOnly(2026, 7, 1), -3, 0, 20),
                new MonitorReplay("Silent", "psi", null, "r", null, null, 0, 20),
            ],
        };

        var texts = Texts(Parse(SvgFigures.Monitors(report))).ToList();

        Assert.Contains("+12 days (2026-06-10)", texts);
        Assert.Contains("−3 days (2026-07-01)", texts);
        Assert.Contains("never fired", texts);
    }

    [Fact]
    public void An_empty_report_still_gives_valid_figures()
    {
        var report = TestReports.Incident() with { Performance = [], EstimatedPerformance = [], Drift = [], Monitors = [] };

        foreach (var figure in SvgFigures.All(report))
            Assert.Equal(Svg + "svg", XDocument.Parse(System.Text.Encoding.UTF8.GetString(figure.Data)).Root!.Name);
    }
}
