using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DriftBoard.Core.Postmortems;
using DriftBoard.Web.Postmortems.Rendering;

namespace DriftBoard.Web.Postmortems.Exports;

/// <summary>
/// A postmortem as one standalone HTML file: styles inline, no script, and the postmortem's own stored figures inlined as
/// <c>data:</c> URIs. Only images whose address is exactly one of this postmortem's figure addresses are inlined; an
/// author's <c>data:</c> URL never gets this far (<see cref="PostmortemUrlPolicy"/> refuses it) and any other image becomes
/// its alt text, so neither a reader's browser nor the PDF printer fetches anything. The page's own Content-Security-Policy
/// says the same. Root-relative links are made absolute against <c>appBase</c> so they still reach the app.
/// </summary>
public static class PostmortemHtmlDocument
{
    public const string ContentSecurityPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    public static string Render(PostmortemInfo postmortem, IReadOnlyList<PostmortemFigure> figures, DateTimeOffset generatedAt, Uri? appBase = null)
    {
        ArgumentNullException.ThrowIfNull(postmortem);
        ArgumentNullException.ThrowIfNull(figures);
        var body = InlineFigures(PostmortemRenderer.ToHtml(postmortem.Markdown), postmortem.Id, figures, appBase);
        var title = WebUtility.HtmlEncode(postmortem.Title);
        var status = WebUtility.HtmlEncode(postmortem.Status.ToDisplay());
        var dataset = postmortem.DatasetId is { } id ? $" · dataset {WebUtility.HtmlEncode(id)}" : "";
        var generated = PostmortemFormat.Time(generatedAt);
        var updated = PostmortemFormat.Time(postmortem.UpdatedAt);
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="{{ContentSecurityPolicy}}">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}}</title>
            <style>
            {{Styles}}
            </style>
            </head>
            <body>
            <header class="pm-export-header">
            <h1 class="pm-export-title">{{title}}</h1>
            <p class="pm-export-meta"><span class="pm-status pm-status-{{postmortem.Status.ToName()}}">{{status}}</span>{{dataset}} · version {{postmortem.Version}} · updated {{updated}} · generated {{generated}}</p>
            </header>
            <main class="pm-body">
            {{body}}
            </main>
            </body>
            </html>
            """;
    }

    /// <summary>Rewrites the sanitized body: own figures become data URIs, other images their alt text, root-relative links absolute.</summary>
    internal static string InlineFigures(string sanitizedHtml, long postmortemId, IReadOnlyList<PostmortemFigure> figures, Uri? appBase)
    {
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + sanitizedHtml + "</body></html>");
        var byAddress = new Dictionary<string, PostmortemFigure>(StringComparer.Ordinal);
        foreach (var figure in figures)
            if (PostmortemFormat.IsImage(figure.ContentType))
                byAddress[Uri.UnescapeDataString(PostmortemLinks.Figure(postmortemId, figure.Name))] = figure;

        foreach (var image in document.QuerySelectorAll("img").ToList())
        {
            var source = image.GetAttribute("src");
            if (source is not null && byAddress.TryGetValue(Uri.UnescapeDataString(source), out var figure))
                image.SetAttribute("src", $"data:{figure.ContentType.ToLowerInvariant()};base64,{Convert.ToBase64String(figure.Data)}");
            else
                image.Replace(document.CreateTextNode(image.GetAttribute("alt") ?? ""));
        }
        if (appBase is not null)
            foreach (var link in document.QuerySelectorAll("a[href^='/']"))
                link.SetAttribute("href", new Uri(appBase, link.GetAttribute("href")!).AbsoluteUri);
        return document.Body!.InnerHtml;
    }

    private const string Styles = """
        @page { size: auto; margin: 16mm 14mm; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1f2328; }
        .pm-export-header { border-bottom: 1px solid #d0d7de; margin-bottom: 1.5rem; }
        .pm-export-title { margin: 0 0 0.25rem; font-size: 1.8rem; }
        .pm-export-meta { margin: 0 0 0.75rem; color: #59636e; font-size: 0.9rem; }
        .pm-status { display: inline-block; padding: 0 0.5rem; border-radius: 999px; border: 1px solid currentColor; margin-right: 0.25rem; }
        .pm-status-final { color: #1a7f37; } .pm-status-in_review { color: #9a6700; } .pm-status-draft { color: #59636e; }
        table { border-collapse: collapse; margin: 1rem 0; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; vertical-align: top; }
        th { background: #f6f8fa; }
        .pm-align-left { text-align: left; } .pm-align-center { text-align: center; } .pm-align-right { text-align: right; }
        code { background: #f6f8fa; padding: 0 0.25rem; border-radius: 4px; }
        pre { background: #f6f8fa; padding: 0.75rem; border-radius: 6px; overflow-x: auto; }
        img { max-width: 100%; height: auto; }
        blockquote { margin: 1rem 0; padding: 0 1rem; color: #59636e; border-left: 0.25rem solid #d0d7de; }
        ul.contains-task-list { list-style: none; padding-left: 1.25rem; }
        .markdown-alert { margin: 1rem 0; padding: 0.5rem 1rem; border-left: 0.25rem solid #0969da; background: #f6f8fa; }
        .markdown-alert-title { font-weight: 600; margin: 0 0 0.25rem; }
        .markdown-alert-note { border-color: #0969da; } .markdown-alert-tip { border-color: #1a7f37; }
        .markdown-alert-important { border-color: #8250df; } .markdown-alert-warning { border-color: #9a6700; }
        .markdown-alert-caution { border-color: #cf222e; }
        .footnotes { font-size: 0.9rem; color: #59636e; }
        h1, h2, h3 { break-after: avoid; } table, img, .markdown-alert { break-inside: avoid; }
        @media print { body { margin: 0; max-width: none; } a { color: inherit; } }
        """;
}
