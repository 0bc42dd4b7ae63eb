using DriftBoard.Core.Analysis.Report;
using DriftBoard.Web.Downloads;
using DriftBoard.Web.Tests.Analysis;

namespace DriftBoard.Web.Tests.Hostile;

/// <summary>
/// Text from the files (model name and version from the card, feature names, category values quoted in findings) reaches the
/// Markdown and HTML reports as inert text: no live link, image, autolink or HTML, and no broken table row. DriftBoard
/// writes no CSV export, so there is no spreadsheet cell to guard; Razor pages encode every value they show.
/// </summary>
public sealed class HostileExportTests
{
    private const string Link = "[click](javascript:alert(1))";
    private const string Image = "![x](http://evil.example/pixel.png)";
    private const string Html = "<img src=x onerror=alert(1)>";
    private const string Autolink = "<http://evil.example>";
    private const string Formula = "=HYPERLINK(\"http://evil.example\",\"x\")";

    private static AnalysisReport Hostile()
    {
        var report = TestReports.Incident();
        var feature = "amount`|<b>x</b>";
        return report with
        {
            Dataset = report.Dataset with { Model = $"{Link} {Html}", Version = $"{Autolink} {Formula}" },
            RootCause = report.RootCause with
            {
                Features = [feature],
                Summary = $"new category {Image} took 30% | of rows",
                Evidence = [new Evidence(RootCauseCategory.DataDrift, $"values {Link}\nand {Html} appeared", feature, [new NamedValue($"share of {Html}", 0.3)])],
            },
            Drift = [.. report.Drift.Select((s, i) => i == 1 ? s with { Feature = feature } : s)],
            Notes = [$"category {Formula} {Autolink}"],
        };
    }

    [Fact]
    public void The_markdown_report_shows_hostile_text_without_live_markup()
    {
        var markdown = ReportMarkdown.Render(Hostile());

        Assert.DoesNotContain(Link, markdown);
        Assert.DoesNotContain(Image, markdown);
        Assert.DoesNotContain(Html, markdown);
        Assert.DoesNotContain(Autolink, markdown);
        Assert.Contains(@"\[click\](javascript:alert(1))", markdown);
        Assert.Contains(@"\<img src=x onerror=alert(1)\>", markdown);
        Assert.Contains("=HYPERLINK(", markdown); // a formula is plain text in Markdown; nothing evaluates it
        Assert.Contains("``amount`\\|<b>x</b>``", markdown); // a code span longer than the name's backtick run
        // Every table row still has its columns: a pipe or line break in a value does not split or end the row.
        foreach (var line in markdown.Split('\n').Where(l => l.StartsWith("| ``amount", StringComparison.Ordinal)))
            Assert.Equal(6, line.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|'));
    }

    [Fact]
    public void The_html_report_renders_hostile_text_as_text()
    {
        var html = DownloadEndpoints.Html(Hostile());

        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<a ", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("javascript:alert(1)\"", html);
        Assert.Contains("[click](javascript:alert(1))", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
    }
}
