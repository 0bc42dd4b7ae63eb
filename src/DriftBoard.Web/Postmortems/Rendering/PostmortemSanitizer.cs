using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;

namespace DriftBoard.Web.Postmortems.Rendering;

/// <summary>
/// The final gate after Markdig: only the elements and attributes the postmortem pipeline itself produces, addresses under
/// <see cref="PostmortemUrlPolicy"/>, no <c>style</c> (table alignment becomes a class), ids only in the footnote form,
/// and task-list checkboxes forced to disabled checkboxes.
/// </summary>
internal static partial class PostmortemSanitizer
{
    private static readonly string[] Tags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "sup", "div", "input",
    ];

    private static readonly string[] Attributes = ["href", "src", "alt", "title", "class", "id", "type", "checked", "disabled"];

    /// <summary>The classes Markdig writes for alerts, footnotes and task lists, and the table alignment classes.</summary>
    internal static readonly string[] Classes =
    [
        "markdown-alert", "markdown-alert-title", "markdown-alert-note", "markdown-alert-tip", "markdown-alert-important",
        "markdown-alert-warning", "markdown-alert-caution",
        "footnotes", "footnote-ref", "footnote-back-ref",
        "contains-task-list", "task-list-item", "task-list-item-checkbox",
        "pm-align-left", "pm-align-center", "pm-align-right",
    ];

    public static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            AllowedClasses = new HashSet<string>(Classes, StringComparer.Ordinal),
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            UriAttributes = new HashSet<string>(["href", "src", "action", "formaction", "background", "poster", "cite", "longdesc", "xlink:href"],
                StringComparer.OrdinalIgnoreCase),
        })
        {
            AllowDataAttributes = false,
            KeepChildNodes = false,
        };
        sanitizer.FilterUrl += static (_, e) =>
        {
            if (!PostmortemUrlPolicy.IsAllowed(e.OriginalUrl)) e.SanitizedUrl = null;
        };
        sanitizer.RemovingAttribute += static (_, e) => KeepAlignment(e.Tag, e.Attribute);
        sanitizer.PostProcessNode += static (_, e) =>
        {
            if (e.Node is IElement element) Restrict(element);
        };
        return sanitizer;
    }

    /// <summary>Markdig aligns table cells with <c>style="text-align: right;"</c>; styles are refused, so say it with a class.</summary>
    private static void KeepAlignment(IElement element, IAttr attribute)
    {
        if (!attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase)) return;
        if (element.LocalName is not ("td" or "th")) return;
        if (Alignment().Match(attribute.Value) is { Success: true } match)
            element.ClassList.Add("pm-align-" + match.Groups[1].Value.ToLowerInvariant());
    }

    private static void Restrict(IElement element)
    {
        if (element.GetAttribute("id") is { } id && !FootnoteId().IsMatch(id)) element.RemoveAttribute("id");
        switch (element.LocalName)
        {
            case "input":
                // Only task-list checkboxes come out of the pipeline; they are shown, never edited here.
                if (!"checkbox".Equals(element.GetAttribute("type"), StringComparison.OrdinalIgnoreCase))
                {
                    element.Remove();
                    return;
                }
                element.SetAttribute("disabled", "disabled");
                break;
            case "a" when element.GetAttribute("href") is { } href && !href.StartsWith('#') && !href.StartsWith('/'):
                element.SetAttribute("rel", "noopener noreferrer nofollow");
                break;
        }
    }

    [GeneratedRegex(@"^\s*text-align\s*:\s*(left|center|right)\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Alignment();

    /// <summary>Markdig's footnote ids (<c>fn:1</c>, <c>fnref:1</c>, <c>fnref:1:2</c>); any other id could clobber the page's DOM.</summary>
    [GeneratedRegex(@"^fn(ref)?:\d+(:\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FootnoteId();
}
