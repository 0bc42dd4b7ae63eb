using System.Net;
using AngleSharp.Dom;

namespace DriftBoard.Web.Tests.Postmortems;

/// <summary>The summary and list pages as the server renders them (prerendered HTML through the whole app pipeline).</summary>
public sealed class PostmortemPageTests(PostmortemSite site) : IClassFixture<PostmortemSite>
{
    private async Task<IDocument> Page(string address)
    {
        using var response = await site.Client.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return HtmlSafety.Parse(await response.Content.ReadAsStringAsync());
    }

    private static string Text(IParentNode root, string testId) => root.QuerySelector($"[data-testid='{testId}']")!.TextContent.Trim();

    [Fact]
    public async Task Summary_shows_the_incident_impact_root_cause_earlier_detection_and_actions()
    {
        var page = await Page($"/postmortems/{site.SampleId}/summary");

        var summary = page.QuerySelector("[data-testid='postmortem-summary']")!;
        Assert.Equal("Recall drop on card-fraud v3", Text(summary, "postmortem-title"));
        Assert.Equal("Draft", Text(summary, "postmortem-status"));
        Assert.EndsWith("Chargebacks confirmed the drop 34 days later.", Text(summary, "summary-incident"));
        Assert.DoesNotContain("fourth sentence", Text(summary, "summary-incident"));
        Assert.Contains("1,284", Text(summary, "summary-impact"));
        Assert.NotNull(summary.QuerySelector("[data-testid='summary-impact'] strong"));
        Assert.Contains("changed unit (dollars → cents)", Text(summary, "summary-root-cause"));
        Assert.Equal([["PSI on amount", "yes", "31"], ["Score mean", "yes", "12"], ["Recall (matured labels)", "no", "0"]],
            summary.QuerySelectorAll("[data-testid='earlier-row']").Select(Cells));
        var actions = summary.QuerySelectorAll("[data-testid='action-row']");
        Assert.Equal(["Ana", "Ben", "Chloé", "Dee", "Eve"], actions.Select(row => Cells(row)[1]));
        Assert.Equal(2, actions.Count(row => row.ClassList.Contains("pm-action-open")));
        Assert.Equal("2 open of 5", Text(summary, "summary-open-count"));
        Assert.Empty(summary.QuerySelectorAll("[data-testid='summary-missing']"));
    }

    [Fact]
    public async Task Summary_is_read_only()
    {
        var summary = (await Page($"/postmortems/{site.SampleId}/summary")).QuerySelector("[data-testid='postmortem-summary']")!;

        Assert.Empty(summary.QuerySelectorAll("input, textarea, select, button, form, [contenteditable]"));
        Assert.Equal(["/postmortems/1/export.md", "/postmortems/1/export.html", "/postmortems/1/export.pdf"],
            summary.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Summary_names_the_sections_a_postmortem_does_not_have()
    {
        var summary = (await Page($"/postmortems/{site.BareId}/summary")).QuerySelector("[data-testid='postmortem-summary']")!;

        Assert.Equal(
        [
            "This postmortem has no “Summary” section yet.",
            "This postmortem has no “Impact” section yet.",
            "This postmortem has no “Root cause” section yet.",
            "This postmortem has no “What would have caught this earlier” section yet.",
            "This postmortem has no “Action items” section yet.",
        ], summary.QuerySelectorAll("[data-testid='summary-missing']").Select(p => p.TextContent.Trim()));
    }

    [Fact]
    public async Task Summary_of_every_payload_is_inert()
    {
        var page = await Page($"/postmortems/{site.HostileId}/summary");

        var summary = page.QuerySelector("[data-testid='postmortem-summary']")!;
        HtmlSafety.AssertInert(summary);
        Assert.Equal("<script>alert('title')</script> & \"quotes\"", Text(summary, "postmortem-title"));
        // The author's tables were read: one row per payload, their cells shown as text.
        Assert.Equal(XssPayload.Corpus.Count, summary.QuerySelectorAll("[data-testid='action-row']").Length);
        Assert.Equal(XssPayload.Corpus.Count, summary.QuerySelectorAll("[data-testid='earlier-row']").Length);
        Assert.Contains("<script>alert(1)</script>", Text(summary, "summary-actions"));
        // The rest of the page is the app's own: its scripts come from the app's framework folders only, and no author
        // markup reached the head.
        Assert.All(page.QuerySelectorAll("script"), script => Assert.Matches("^/?_(framework|content)/", script.GetAttribute("src") ?? ""));
        Assert.Empty(page.QuerySelectorAll("meta[http-equiv], iframe, object, embed"));
        // The only form is the app bar's sign-out.
        Assert.All(page.QuerySelectorAll("form"), form => Assert.Equal(DriftBoard.Web.Security.AuthenticationSetup.LogoutPath, form.GetAttribute("action")));
        Assert.Equal(["/"], page.QuerySelectorAll("base").Select(b => b.GetAttribute("href")));
    }

    [Fact]
    public async Task List_shows_every_postmortem_with_links_and_the_open_action_items()
    {
        var page = await Page("/postmortems");

        var rows = page.QuerySelectorAll("[data-testid='postmortem-row']");
        Assert.Equal(3, rows.Length);
        var sample = rows.Single(r => Text(r, "postmortem-edit") == "Recall drop on card-fraud v3");
        Assert.Equal("Draft", Text(sample, "postmortem-status"));
        Assert.Equal("2", Text(sample, "postmortem-open-actions"));
        Assert.Equal(["/postmortems/1", "/postmortems/1", "/postmortems/1/summary", "/postmortems/1/export.md", "/postmortems/1/export.html", "/postmortems/1/export.pdf"],
            sample.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$", Text(sample, "postmortem-updated"));

        var open = page.QuerySelectorAll("[data-testid='open-action-row']").Select(Cells).Where(c => c[4] == "Recall drop on card-fraud v3").ToList();
        Assert.Equal([["Add a unit check on amount", "Ana", "2026-06-01", "open"], ["Alert on score mean", "Dee", "2026-06-10", "In progress"]],
            open.Select(c => c[..4]));
        // The hostile postmortem's title and action item cells are text.
        HtmlSafety.AssertInert(page.QuerySelector("[data-testid='postmortem-table']")!);
        HtmlSafety.AssertInert(page.QuerySelector("[data-testid='open-actions-table']")!);
        Assert.Contains(page.QuerySelectorAll("[data-testid='open-action-row'] td:first-child"), td => td.TextContent.Contains("<script>alert(1)</script>"));
    }

    [Fact]
    public async Task The_navigation_links_to_the_postmortems()
    {
        var page = await Page("/postmortems");

        var link = page.QuerySelectorAll("nav a").Single(a => a.TextContent.Trim() == "Postmortems");
        Assert.Equal("/postmortems", new Uri(new Uri("http://localhost/"), link.GetAttribute("href")).AbsolutePath);
    }

    private static string[] Cells(IElement row) => row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
}
