using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DriftBoard.Web.Postmortems.Rendering;

/// <summary>
/// Applies <see cref="PostmortemUrlPolicy"/> to a parsed document before it is rendered: a link or image whose address is
/// refused is replaced by its own content (the link text, the image's alt text), and a refused autolink by its text, so the
/// reader still sees what the author wrote but nothing is clickable or fetched. Reference-style links are resolved by the
/// parser into ordinary <see cref="LinkInline"/>s, so they are covered too.
/// </summary>
internal static class InertLinks
{
    /// <summary>Rewrites <paramref name="document"/> in place; returns how many links and images were made inert.</summary>
    public static int Apply(MarkdownDocument document)
    {
        var inert = 0;
        // Both kinds are collected before anything changes: unwrapping a link rewires its siblings, and a walk of the
        // tree after that can miss the inlines that followed it.
        var links = document.Descendants<LinkInline>().ToList();
        var autolinks = document.Descendants<AutolinkInline>().ToList();
        foreach (var link in links)
        {
            var url = link.GetDynamicUrl is { } dynamicUrl ? dynamicUrl() : link.Url;
            if (PostmortemUrlPolicy.IsAllowed(url)) continue;
            Unwrap(link);
            inert++;
        }
        foreach (var autolink in autolinks)
        {
            // The renderer prefixes e-mail autolinks with mailto:, which the policy allows.
            if (autolink.IsEmail || PostmortemUrlPolicy.IsAllowed(autolink.Url)) continue;
            autolink.ReplaceBy(new LiteralInline(autolink.Url));
            inert++;
        }
        return inert;
    }

    /// <summary>Moves the link's children to where the link was, then removes the link.</summary>
    private static void Unwrap(LinkInline link)
    {
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }
        link.Remove();
    }
}
