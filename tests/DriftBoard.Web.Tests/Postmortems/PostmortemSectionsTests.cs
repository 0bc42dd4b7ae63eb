using DriftBoard.Web.Postmortems;

namespace DriftBoard.Web.Tests.Postmortems;

public sealed class PostmortemSectionsTests
{
    internal static string Sample { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Postmortems", "Data", "postmortem.md"));

    [Fact]
    public void Sections_are_found_by_heading_case_insensitively()
    {
        var sections = PostmortemSections.Parse(Sample);

        Assert.Equal(
            ["Recall drop on card-fraud v3", "Summary", "Impact", "Timeline", "Root cause", "Detection", "What would have caught this earlier",
             "Resolution", "Action items", "Lessons learned", "Appendix: evidence"],
            sections.All.Select(s => s.Title));
        var rootCause = sections.Find("ROOT CAUSE:")!;
        Assert.Equal(2, rootCause.Level);
        Assert.StartsWith("The `amount` feature changed unit", rootCause.Markdown);
        Assert.DoesNotContain("## Detection", rootCause.Markdown);
        // A section holds its subsections; the subsection is also found on its own.
        Assert.Contains("### What would have caught this earlier", sections.Find(PostmortemSections.Detection)!.Markdown);
        Assert.Equal(3, sections.Find(PostmortemSections.WhatWouldHaveCaughtThisEarlier)!.Level);
        Assert.Empty(sections.Missing(PostmortemSections.Summary, PostmortemSections.Impact, PostmortemSections.RootCause));
    }

    [Fact]
    public void The_summary_is_its_first_three_sentences_as_plain_text()
    {
        var summary = PostmortemSections.Parse(Sample).FirstSentences();

        Assert.Equal(
            "Recall fell from 0.82 to 0.61 over three weeks after the payments team started sending amounts in cents. " +
            "The model read every amount as 100 times larger, so large-amount rules dominated the score! " +
            "Chargebacks confirmed the drop 34 days later.",
            summary);
    }

    [Theory]
    [InlineData("One. Two? Three! Four.", 3, "One. Two? Three!")]
    [InlineData("Only one sentence without a stop", 3, "Only one sentence without a stop")]
    [InlineData("PSI was 0.31 on day 3.5. Then it fell.", 1, "PSI was 0.31 on day 3.5.")]
    [InlineData("  Spaces\n and\tnewlines.  More. ", 2, "Spaces and newlines. More.")]
    [InlineData("", 3, "")]
    public void First_sentences_of_text(string text, int count, string expected) =>
        Assert.Equal(expected, PostmortemSections.FirstSentences(text, count));

    [Fact]
    public void Summary_markup_is_dropped_and_link_text_kept()
    {
        var sections = PostmortemSections.Parse("## Summary\n\nThe **amount** feature broke; see [the chart](/x). `psi` rose.");

        Assert.Equal("The amount feature broke; see the chart. psi rose.", sections.FirstSentences());
    }

    [Fact]
    public void Action_items_are_the_table_rows_and_open_unless_done_closed_or_checked()
    {
        var items = PostmortemSections.Parse(Sample).ActionItemRows();

        Assert.Equal(
        [
            new ActionItem("Add a unit check on amount", "Ana", "2026-06-01", "open"),
            new ActionItem("Add PSI monitor on amount", "Ben", "2026-05-20", "Done"),
            new ActionItem("Backfill labels", "Chloé", "2026-05-15", "✓"),
            new ActionItem("Alert on score mean", "Dee", "2026-06-10", "In progress"),
            new ActionItem("Archive old dashboards", "Eve", "2026-05-01", "CLOSED"),
        ], items);
        Assert.Equal([true, false, false, true, false], items.Select(i => i.IsOpen));
    }

    [Fact]
    public void Action_item_columns_are_matched_by_header_in_any_order()
    {
        var items = PostmortemSections.Parse("""
            ## Action items
            | Status | Due | Action |
            |---|---|---|
            | done | 2026-01-01 | Ship it |
            """).ActionItemRows();

        Assert.Equal([new ActionItem("Ship it", "", "2026-01-01", "done")], items);
    }

    [Fact]
    public void Earlier_detection_rows_carry_each_monitors_lead_days()
    {
        var rows = PostmortemSections.Parse(Sample).EarlierDetections();

        Assert.Equal(
        [
            new EarlierDetection("PSI on amount", "yes", "31"),
            new EarlierDetection("Score mean", "yes", "12"),
            new EarlierDetection("Recall (matured labels)", "no", "0"),
        ], rows);
    }

    [Fact]
    public void Missing_sections_are_reported_not_thrown()
    {
        var sections = PostmortemSections.Parse("# Title\n\nNo sections yet.\n\n## Impact\n\n");

        Assert.Null(sections.Find(PostmortemSections.Summary));
        Assert.Equal("", sections.FirstSentences());
        Assert.Empty(sections.ActionItemRows());
        Assert.Empty(sections.EarlierDetections());
        Assert.Equal([PostmortemSections.Summary, PostmortemSections.Impact, PostmortemSections.ActionItems],
            sections.Missing(PostmortemSections.Summary, PostmortemSections.Impact, PostmortemSections.ActionItems));
    }

    [Fact]
    public void An_action_items_section_without_a_table_has_no_rows()
    {
        var sections = PostmortemSections.Parse("## Action items\n\n- [ ] Write them down\n");

        Assert.Empty(sections.ActionItemRows());
        Assert.NotNull(sections.Find(PostmortemSections.ActionItems));
    }

    [Fact]
    public void Empty_markdown_has_no_sections()
    {
        var sections = PostmortemSections.Parse("");

        Assert.Empty(sections.All);
        Assert.Equal("", sections.FirstSentences());
    }
}
