using Ganss.Xss;
using Markdig;

namespace DriftBoard.Web.Postmortems.Rendering;

/// <summary>
/// Renders an author's Markdown to HTML for the live preview, the managers' summary and the exports. Every author's text is
/// treated as hostile: Markdig with raw HTML off, then the output through an HTML sanitizer.
/// </summary>
public static class PostmortemRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseFootnotes()
        .UseAlertBlocks()
        .DisableHtml()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" }) sanitizer.AllowedSchemes.Add(scheme);
        return sanitizer;
    }
}
