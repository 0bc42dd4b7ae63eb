using System.Text;

namespace DriftBoard.Core.Analysis.Report;

/// <summary>
/// Puts untrusted text (model names from the card, feature names, category values quoted in findings) into Markdown so it
/// reads as typed and never becomes a live link, image, autolink, raw HTML or a broken table row, whatever renders it
/// (GitHub, a wiki, Jupyter, Markdig). Backticks are left alone: a code span is inert.
/// </summary>
public static class MarkdownText
{
    // [ ] and ! make links and images, < > autolinks and raw HTML, & entities, | table cells, \ escapes themselves.
    private const string Special = "\\[]!<>&|";

    /// <summary>The text with Markdown's active characters backslash-escaped and line breaks turned into spaces.</summary>
    public static string Inert(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.AsSpan().IndexOfAny(Special + "\r\n") < 0) return text;
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\r' or '\n') escaped.Append(' ');
            else
            {
                if (Special.Contains(c, StringComparison.Ordinal)) escaped.Append('\\');
                escaped.Append(c);
            }
        }
        return escaped.ToString();
    }

    /// <summary>
    /// The text as a code span: fenced with one backtick more than its longest run of backticks, padded with a space when it
    /// starts or ends with one; table pipes escaped and line breaks turned into spaces, since a code span cannot hold either.
    /// </summary>
    public static string Code(string text)
    {
        var flat = text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
        int longest = 0, run = 0;
        foreach (var c in flat)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', longest + 1);
        var pad = flat.StartsWith('`') || flat.EndsWith('`') ? " " : "";
        return fence + pad + flat + pad + fence;
    }
}
