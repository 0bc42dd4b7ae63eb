using DriftBoard.Web.Postmortems.Rendering;
using Markdig;

namespace DriftBoard.Web.Tests.Postmortems;

public sealed class PostmortemRendererTests
{
    [Fact]
    public void The_corpus_is_large_and_covers_each_kind_of_attack()
    {
        Assert.True(XssPayload.Corpus.Count >= 40, $"{XssPayload.Corpus.Count} payloads");
        Assert.Equal(XssPayload.Corpus.Count, XssPayload.Corpus.Select(p => p.Name).Distinct().Count());
        foreach (var needle in new[] { "<script", "<iframe", "javascript:", "&#106;avascript", "%6Aavascript", "onerror", "<svg", "data:text/html",
                     "data:image/svg+xml", "vbscript:", "jAvAsCrIpT:", "[^", "[!", "style=", "<base", "http-equiv", "<form", "{{", "@(" })
            Assert.Contains(XssPayload.Corpus, p => p.Markdown.Contains(needle, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(XssPayload.Names), MemberType = typeof(XssPayload))]
    public void Corpus_payload_renders_inert(string name)
    {
        var payload = XssPayload.Named(name);

        var html = PostmortemRenderer.ToHtml(payload.Markdown);

        HtmlSafety.AssertInert(html);
        if (payload.Keeps is { } keeps)
            Assert.Contains(keeps, HtmlSafety.Parse(html).Body!.TextContent);
    }

    /// <summary>
    /// The sanitizer is the last gate on its own: the corpus rendered with raw HTML on and no syntax-tree URL policy (so the
    /// scripts, handlers and javascript: links reach the HTML) still comes out inert.
    /// </summary>
    [Theory]
    [MemberData(nameof(XssPayload.Names), MemberType = typeof(XssPayload))]
    public void The_sanitizer_alone_makes_raw_html_payloads_inert(string name)
    {
        var unsafePipeline = new MarkdownPipelineBuilder().UsePipeTables().UseTaskLists().UseFootnotes().UseAlertBlocks().UseGenericAttributes().Build();
        var raw = Markdown.ToHtml(XssPayload.Named(name).Markdown, unsafePipeline);

        HtmlSafety.AssertInert(PostmortemRenderer.Sanitize(raw));
    }

    [Fact]
    public void Without_the_sanitizer_the_raw_corpus_is_not_inert()
    {
        // Guards the test above: the unsafe rendering really does carry live payloads for the sanitizer to remove.
        var unsafePipeline = new MarkdownPipelineBuilder().UseGenericAttributes().Build();
        var live = XssPayload.Corpus.Count(p => !IsInert(Markdown.ToHtml(p.Markdown, unsafePipeline)));

        Assert.True(live >= 30, $"only {live} payloads were live without the sanitizer");
    }

    private static bool IsInert(string html)
    {
        try
        {
            HtmlSafety.AssertInert(html);
            return true;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("[docs](https://example.com/runbook)", "https://example.com/runbook")]
    [InlineData("[docs](HTTP://example.com/)", "HTTP://example.com/")]
    [InlineData("[mail](mailto:oncall@example.com)", "mailto:oncall@example.com")]
    [InlineData("[dataset](/datasets/demo/monitors)", "/datasets/demo/monitors")]
    [InlineData("[below](#fn:1)", "#fn:1")]
    [InlineData("<https://example.com/a>", "https://example.com/a")]
    [InlineData("<oncall@example.com>", "mailto:oncall@example.com")]
    public void Allowed_links_keep_their_address(string markdown, string href)
    {
        var link = HtmlSafety.Parse(PostmortemRenderer.ToHtml(markdown)).QuerySelector("a")!;

        Assert.Equal(href, link.GetAttribute("href"));
    }

    [Theory]
    [InlineData("[text](javascript:alert(1))")]
    [InlineData("[text](//evil.example/)")]
    [InlineData("[text](relative/path)")]
    [InlineData("[text](ftp://example.com/)")]
    public void Refused_links_keep_their_text_without_an_anchor(string markdown)
    {
        var body = HtmlSafety.Parse(PostmortemRenderer.ToHtml(markdown)).Body!;

        Assert.Empty(body.QuerySelectorAll("a"));
        Assert.Equal("text", body.TextContent.Trim());
    }

    [Fact]
    public void The_syntax_tree_pass_makes_refused_links_inert_before_any_html_exists()
    {
        var document = Markdown.Parse("[a](javascript:x) [b](https://ok.example) ![c](//cdn.example/x.png) <vbscript:x> <https://ok.example> [d][r]\n\n[r]: data:text/html,x",
            PostmortemRenderer.Pipeline);

        Assert.Equal(4, InertLinks.Apply(document));
        // Markdig's own HTML, before any sanitizer: only the allowed addresses are left, the rest is text.
        var html = HtmlSafety.Parse(PostmortemRenderer.Render(document));
        Assert.Equal(["https://ok.example", "https://ok.example"], html.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Empty(html.QuerySelectorAll("img"));
        Assert.Equal("a b c vbscript:x https://ok.example d", html.Body!.TextContent.Trim());
    }

    [Fact]
    public void External_links_do_not_pass_the_opener_or_referrer()
    {
        var link = HtmlSafety.Parse(PostmortemRenderer.ToHtml("[docs](https://example.com/)")).QuerySelector("a")!;

        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
    }

    [Fact]
    public void Pipe_tables_render_with_alignment_as_classes()
    {
        var html = PostmortemRenderer.ToHtml("""
            | Action | Owner | Due |
            |:-------|:-----:|----:|
            | Add a unit check | Ana | 2026-12-01 |
            """);

        var document = HtmlSafety.Parse(html);
        Assert.Equal(["Action", "Owner", "Due"], document.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal(["Add a unit check", "Ana", "2026-12-01"], document.QuerySelectorAll("tbody td").Select(td => td.TextContent));
        var due = document.QuerySelectorAll("tbody td")[2];
        Assert.Contains("pm-align-right", due.ClassList);
        Assert.Contains("pm-align-center", document.QuerySelectorAll("thead th")[1].ClassList);
        Assert.Null(due.GetAttribute("style"));
    }

    [Fact]
    public void Task_lists_render_disabled_checkboxes()
    {
        var document = HtmlSafety.Parse(PostmortemRenderer.ToHtml("- [x] Backfill labels\n- [ ] Add a monitor"));

        var boxes = document.QuerySelectorAll("li input");
        Assert.Equal(2, boxes.Length);
        Assert.All(boxes, box => Assert.Equal("checkbox", box.GetAttribute("type")));
        Assert.All(boxes, box => Assert.True(box.HasAttribute("disabled")));
        Assert.Equal([true, false], boxes.Select(box => box.HasAttribute("checked")));
        Assert.Contains("Add a monitor", document.Body!.TextContent);
    }

    [Fact]
    public void Footnotes_link_to_their_notes_by_id()
    {
        var document = HtmlSafety.Parse(PostmortemRenderer.ToHtml("Recall fell[^drop].\n\n[^drop]: Measured on matured labels only."));

        var reference = document.QuerySelector("a.footnote-ref")!;
        var target = reference.GetAttribute("href")!;
        Assert.StartsWith("#", target);
        var note = document.GetElementById(target[1..]);
        Assert.NotNull(note);
        Assert.Contains("Measured on matured labels only.", note.TextContent);
        var back = note.QuerySelector("a.footnote-back-ref")!;
        Assert.NotNull(document.GetElementById(back.GetAttribute("href")![1..]));
    }

    [Theory]
    [InlineData("NOTE", "Note")]
    [InlineData("TIP", "Tip")]
    [InlineData("IMPORTANT", "Important")]
    [InlineData("WARNING", "Warning")]
    [InlineData("CAUTION", "Caution")]
    public void Alerts_render_with_the_classes_the_app_styles(string kind, string title)
    {
        var document = HtmlSafety.Parse(PostmortemRenderer.ToHtml($"> [!{kind}]\n> Labels arrive 30 days late."));

        var alert = document.QuerySelector("div.markdown-alert")!;
        Assert.Contains("markdown-alert-" + kind.ToLowerInvariant(), alert.ClassList);
        Assert.Equal(title, alert.QuerySelector(".markdown-alert-title")!.TextContent.Trim());
        Assert.Contains("Labels arrive 30 days late.", alert.TextContent);
        Assert.Empty(alert.QuerySelectorAll("svg"));
    }

    [Fact]
    public void App_relative_figure_images_render()
    {
        var image = HtmlSafety.Parse(PostmortemRenderer.ToHtml("![Recall by week](/postmortems/12/figures/recall.svg \"Recall\")")).QuerySelector("img")!;

        Assert.Equal("/postmortems/12/figures/recall.svg", image.GetAttribute("src"));
        Assert.Equal("Recall by week", image.GetAttribute("alt"));
        Assert.Equal("Recall", image.GetAttribute("title"));
    }

    [Fact]
    public void Raw_html_is_shown_as_text()
    {
        var body = HtmlSafety.Parse(PostmortemRenderer.ToHtml("Use <b>bold</b> here")).Body!;

        Assert.Empty(body.QuerySelectorAll("b"));
        Assert.Contains("<b>bold</b>", body.TextContent);
    }
}
