using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace DriftBoard.Web.Tests.Postmortems;

/// <summary>One hostile Markdown input of <c>Data/xss-corpus.json</c>; <see cref="Keeps"/> is text the reader must still see.</summary>
public sealed record XssPayload(string Name, string Markdown, string? Keeps)
{
    public override string ToString() => Name;

    public static IReadOnlyList<XssPayload> Corpus { get; } = JsonSerializer.Deserialize<List<XssPayload>>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Postmortems", "Data", "xss-corpus.json")),
        new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var payload in Corpus) data.Add(payload.Name);
        return data;
    }

    public static XssPayload Named(string name) => Corpus.Single(p => p.Name == name);
}

/// <summary>
/// Checks HTML by parsing it the way a browser does (AngleSharp), independently of the renderer's own URL policy: no
/// element that runs or loads code or changes where the page goes, no event-handler or style attribute, and every
/// address attribute either http(s)/mailto or an address on the same origin.
/// </summary>
public static class HtmlSafety
{
    private static readonly string[] ForbiddenElements =
        ["script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "form", "button", "style", "link", "svg", "math", "noscript", "template"];

    private static readonly string[] AddressAttributes =
        ["href", "src", "srcset", "action", "formaction", "xlink:href", "background", "poster", "data", "srcdoc", "ping", "cite"];

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>Asserts <paramref name="root"/> and everything under it are inert; the message names what was found.</summary>
    public static void AssertInert(IElement root) => AssertInert(root, static _ => false);

    /// <summary>As <see cref="AssertInert(IElement)"/>, also accepting the addresses <paramref name="alsoAllowed"/> vouches for (the export's own inlined figures).</summary>
    public static void AssertInert(IElement root, Func<string, bool> alsoAllowed)
    {
        foreach (var element in root.DescendantsAndSelf<IElement>())
        {
            Assert.False(ForbiddenElements.Contains(element.LocalName), $"<{element.LocalName}> in {Excerpt(element)}");
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name} in {Excerpt(element)}");
                Assert.False(attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase), $"style attribute in {Excerpt(element)}");
                Assert.False(attribute.Name.StartsWith('@'), $"Razor-looking attribute {attribute.Name} in {Excerpt(element)}");
                if (AddressAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase))
                    Assert.True(IsSafeAddress(attribute.Value) || alsoAllowed(attribute.Value), $"{attribute.Name}=\"{attribute.Value}\" in {Excerpt(element)}");
            }
            if (element.LocalName == "input")
            {
                Assert.Equal("checkbox", element.GetAttribute("type"));
                Assert.True(element.HasAttribute("disabled"), $"enabled input in {Excerpt(element)}");
            }
        }
    }

    public static void AssertInert(string html) => AssertInert(Parse(html).DocumentElement);

    /// <summary>
    /// The attribute value as the browser sees it (entities already decoded by the parser), with controls and whitespace
    /// removed: a fragment, a root-relative path that stays on this host, or an absolute http, https or mailto address.
    /// </summary>
    public static bool IsSafeAddress(string value)
    {
        var cleaned = new string(value.Where(c => c > ' ' && c != '\u007F' && !char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray());
        if (cleaned.StartsWith('#')) return true;
        if (cleaned.StartsWith('/')) return !cleaned.StartsWith("//") && !cleaned.StartsWith("/\\");
        return Uri.TryCreate(cleaned, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
    }

    private static string Excerpt(IElement element)
    {
        var html = element.OuterHtml;
        return html.Length <= 200 ? html : html[..200];
    }
}
