namespace DriftBoard.Web.Postmortems.Rendering;

/// <summary>
/// Which link and image addresses an author's Markdown may carry: <c>http</c>, <c>https</c> and <c>mailto</c>, the app's own
/// root-relative paths (<c>/postmortems/7/figures/recall.svg</c>) and same-document fragments (<c>#fn:1</c>, which footnotes
/// need). Everything else (other schemes, protocol-relative <c>//host</c> and <c>/\host</c>, page-relative paths) is refused.
/// Applied twice: to the Markdown syntax tree, where refused links keep their text and lose their address, and again to the
/// HTML by the sanitizer.
/// </summary>
public static class PostmortemUrlPolicy
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    /// <summary>
    /// True when <paramref name="url"/> (already entity-decoded: Markdig and the HTML parser both decode) is allowed. Browsers
    /// strip leading and trailing controls and spaces and drop tabs and newlines anywhere, so <c>java&#9;script:</c> is
    /// <c>javascript:</c>; the check therefore removes every control character and space before reading the scheme.
    /// Null and empty addresses are refused.
    /// </summary>
    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrEmpty(url)) return false;
        var normalized = RemoveControlsAndSpaces(url);
        if (normalized.Length == 0) return false;
        switch (normalized[0])
        {
            case '#':
                return true;
            case '/':
                // "//host" and "/\host" (browsers read a backslash as a slash) leave the origin.
                return normalized.Length == 1 || (normalized[1] != '/' && normalized[1] != '\\');
        }
        var colon = normalized.IndexOf(':');
        if (colon <= 0) return false;
        var scheme = normalized.AsSpan(0, colon);
        foreach (var allowed in AllowedSchemes)
            if (scheme.Equals(allowed, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static string RemoveControlsAndSpaces(string url)
    {
        var clean = true;
        foreach (var c in url)
            if (IsRemoved(c)) { clean = false; break; }
        if (clean) return url;
        return string.Create(url.Length - url.Count(IsRemoved), url, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
                if (!IsRemoved(c)) span[i++] = c;
        });
    }

    /// <summary>C0 controls, space, DEL, and the invisible format characters (zero-width space and joiners, BOM).</summary>
    private static bool IsRemoved(char c) => c <= ' ' || c == '\u007F' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format
        || char.IsWhiteSpace(c);
}
