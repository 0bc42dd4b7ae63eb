using DriftBoard.Core.Postmortems;

namespace DriftBoard.Web.Tests.Postmortems;

/// <summary>The page estimate's rules, on Markdown written for each rule (Core has no page of its own to test it from).</summary>
public sealed class PageEstimateTests
{
    [Fact]
    public void An_empty_document_is_zero_pages()
    {
        var estimate = PageEstimate.Of("");

        Assert.Equal((0, 0.0, 0, 0, 0.0), (estimate.Words, estimate.Lines, estimate.Tables, estimate.Figures, estimate.Pages));
        Assert.Equal("≈ 0.0 pages", estimate.Display);
        Assert.False(estimate.OverTarget);
    }

    [Fact]
    public void A_paragraph_wraps_at_the_line_width_and_paragraphs_are_separated_by_a_gap()
    {
        var longLine = new string('x', PageEstimate.CharactersPerLine * 2 + 1); // three printed lines
        var estimate = PageEstimate.Of("short one\n\n\n" + longLine + "\n");

        // 1 + one gap (blank lines in a row count once) + 3, and the trailing newline adds nothing.
        Assert.Equal(1 + PageEstimate.ParagraphGap + 3, estimate.Lines);
        Assert.Equal(3, estimate.Words);
    }

    [Fact]
    public void Headings_tables_and_figures_take_their_documented_room()
    {
        const string markdown = """
            # Impact
            | Window | Recall |
            |---|---:|
            | before | 0.81 |
            | after | 0.52 |

            ![Recall per week](/postmortems/1/figures/recall.svg)
            """;

        var estimate = PageEstimate.Of(markdown);

        Assert.Equal(1, estimate.Tables);
        Assert.Equal(1, estimate.Figures);
        var expected = PageEstimate.HeadingLines + 3 * PageEstimate.TableRowLines + PageEstimate.ParagraphGap + PageEstimate.FigureLines;
        Assert.Equal(expected, estimate.Lines);
        // Impact, Window, Recall, before, 0.81, after, 0.52: the image's alt text is not counted.
        Assert.Equal(7, estimate.Words);
    }

    [Fact]
    public void Two_tables_apart_are_counted_as_two_and_fenced_code_is_not_wrapped_or_parsed()
    {
        var wide = new string('y', PageEstimate.CharactersPerLine * 3);
        var markdown = "| a |\n|---|\n\n| b |\n|---|\n\n```\n# not a heading\n" + wide + "\n```\n";

        var estimate = PageEstimate.Of(markdown);

        Assert.Equal(2, estimate.Tables);
        // Two one-row tables, two gaps, the fence lines and two code lines (the wide one stays one line).
        Assert.Equal(2 * PageEstimate.TableRowLines + 2 * PageEstimate.ParagraphGap + 4, estimate.Lines);
    }

    [Fact]
    public void Pages_are_lines_over_lines_per_page_and_past_three_is_over_target()
    {
        var paragraph = new string('z', PageEstimate.CharactersPerLine); // one printed line
        var lines = (int)(PageEstimate.TargetPages * PageEstimate.LinesPerPage) + 1;
        var markdown = string.Join("\n", Enumerable.Repeat(paragraph, lines));

        var estimate = PageEstimate.Of(markdown);

        Assert.Equal(lines, estimate.Lines);
        Assert.Equal(Math.Round(lines / PageEstimate.LinesPerPage, 2), estimate.Pages);
        Assert.True(estimate.OverTarget);
        Assert.Equal("≈ 3.0 pages", estimate.Display);

        var shorter = PageEstimate.Of(string.Join("\n", Enumerable.Repeat(paragraph, lines - 2)));
        Assert.False(shorter.OverTarget);
    }
}
