using Ganss.Xss;
using Markdig;
using Markdig.Helpers;
using Markdig.Renderers;
using Markdig.Syntax;

namespace DriftBoard.Web.Postmortems.Rendering;

/// <summary>
/// Renders an author's Markdown to HTML for the live preview, the managers' summary and the exports. Every author's text is
/// treated as hostile, in three layers: Markdig with raw HTML off (inline and block) and no generic-attributes extension;
/// <see cref="InertLinks"/> applying <see cref="PostmortemUrlPolicy"/> to the syntax tree; then the HTML through
/// <see cref="PostmortemSanitizer"/> as the final gate.
/// </summary>
public static class PostmortemRenderer
{
    /// <summary>Pipe tables, task lists, footnotes and alert blocks (<c>&gt; [!NOTE]</c>); shared with <see cref="PostmortemSections"/>.</summary>
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseFootnotes()
        .UseAlertBlocks(WriteAlertTitle)
        .DisableHtml()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = PostmortemSanitizer.Create();

    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);
        InertLinks.Apply(document);
        return Sanitize(Render(document));
    }

    /// <summary>Markdig's HTML for a parsed document, before the sanitizer.</summary>
    internal static string Render(MarkdownDocument document)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The final gate alone, for HTML that did not come through <see cref="ToHtml"/>'s Markdown layers.</summary>
    internal static string Sanitize(string html) => Sanitizer.Sanitize(html);

    /// <summary>The alert's title as text; Markdig's default adds an inline SVG icon, which the sanitizer would drop anyway.</summary>
    private static void WriteAlertTitle(HtmlRenderer renderer, StringSlice kind)
    {
        var name = kind.ToString();
        renderer.Write("<p class=\"markdown-alert-title\">");
        renderer.WriteEscape(name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..].ToLowerInvariant());
        renderer.WriteLine("</p>");
    }
}
