namespace DriftBoard.Core.Postmortems;

/// <summary>
/// How long a postmortem's Markdown prints, in A4 pages at the exports' body size. A postmortem should fit about
/// <see cref="TargetPages"/> pages: past that, readers skim.
/// </summary>
/// <param name="Words">Words of text (table cells included, image syntax not).</param>
/// <param name="Lines">Printed lines the text takes: wrapped paragraphs, spacing, table rows and figures in line heights.</param>
/// <param name="Tables">Pipe tables.</param>
/// <param name="Figures">Images (<c>![alt](src)</c>).</param>
/// <param name="Pages">Lines over <see cref="LinesPerPage"/>; 0 for an empty document.</param>
public sealed record PageEstimate(int Words, double Lines, int Tables, int Figures, double Pages)
{
    /// <summary>The length a postmortem should keep to.</summary>
    public const double TargetPages = 3;

    /// <summary>Printed lines on an A4 page at 11 pt with the exports' margins.</summary>
    public const double LinesPerPage = 48;

    /// <summary>Characters of body text on one printed line.</summary>
    public const int CharactersPerLine = 95;

    /// <summary>The space between paragraphs, in lines.</summary>
    public const double ParagraphGap = 0.5;

    /// <summary>A heading's own line plus the space above it.</summary>
    public const double HeadingLines = 2;

    /// <summary>A table row with its cell padding and rule.</summary>
    public const double TableRowLines = 1.5;

    /// <summary>A figure as the exports size it: about a third of a page with its caption.</summary>
    public const double FigureLines = 16;

    public bool OverTarget => Pages > TargetPages;

    /// <summary>"≈ 2.4 pages": one decimal, since the estimate is rough but a third of a page matters at this length.</summary>
    public string Display
    {
        get
        {
            var pages = Pages.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            return pages == "1.0" ? "≈ 1.0 page" : $"≈ {pages} pages";
        }
    }

    /// <summary>
    /// Estimates the printed length of Markdown. Line by line: text wraps at <see cref="CharactersPerLine"/>; a run of blank
    /// lines between text is one <see cref="ParagraphGap"/>; an ATX heading takes <see cref="HeadingLines"/>; a pipe-table row takes
    /// <see cref="TableRowLines"/> per wrapped line (its delimiter row nothing); each image takes <see cref="FigureLines"/>
    /// besides the text around it; fenced code is not wrapped. Works on the text as it is, without parsing it twice.
    /// </summary>
    public static PageEstimate Of(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var words = 0;
        var tables = 0;
        var figures = 0;
        double lines = 0;
        var inFence = false;
        var inTable = false;
        var gapPending = false; // blank lines after printed text: one gap, added when more text follows

        foreach (var range in markdown.AsSpan().Split('\n'))
        {
            var line = markdown.AsSpan(range.Start.Value, range.End.Value - range.Start.Value).TrimEnd('\r');
            var trimmed = line.Trim();

            if (trimmed.StartsWith("```") || trimmed.StartsWith("~~~"))
            {
                inFence = !inFence;
                lines += 1 + (gapPending ? ParagraphGap : 0);
                gapPending = false;
                continue;
            }

            if (inFence)
            {
                lines += 1;
                words += CountWords(trimmed);
                continue;
            }

            if (trimmed.IsEmpty)
            {
                gapPending = lines > 0;
                inTable = false;
                continue;
            }

            if (gapPending) lines += ParagraphGap;
            gapPending = false;
            var images = CountImages(trimmed);
            figures += images;
            lines += images * FigureLines;
            var text = images > 0 && IsOnlyImages(trimmed) ? ReadOnlySpan<char>.Empty : trimmed;
            words += CountWords(text);

            if (trimmed[0] == '|')
            {
                if (!inTable) tables++;
                inTable = true;
                if (!IsDelimiterRow(trimmed)) lines += TableRowLines * WrappedLines(trimmed.Length);
                continue;
            }

            inTable = false;
            if (text.IsEmpty) continue;
            lines += trimmed[0] == '#' && IsHeading(trimmed) ? HeadingLines : WrappedLines(text.Length);
        }

        var pages = lines <= 0 ? 0 : Math.Round(lines / LinesPerPage, 2);
        return new PageEstimate(words, lines, tables, figures, pages);
    }

    private static int WrappedLines(int characters) => Math.Max(1, (characters + CharactersPerLine - 1) / CharactersPerLine);

    private static bool IsHeading(ReadOnlySpan<char> line)
    {
        var level = 0;
        while (level < line.Length && line[level] == '#') level++;
        return level is >= 1 and <= 6 && (level == line.Length || line[level] == ' ');
    }

    private static bool IsDelimiterRow(ReadOnlySpan<char> line)
    {
        foreach (var c in line)
        {
            if (c is not ('|' or '-' or ':' or ' ' or '\t')) return false;
        }
        return true;
    }

    private static int CountImages(ReadOnlySpan<char> line)
    {
        var count = 0;
        for (var at = line.IndexOf("!["); at >= 0; at = Next(line, at + 2, "!["))
        {
            var close = line[at..].IndexOf("](");
            if (close > 0) count++;
        }
        return count;
    }

    // A line that holds only images (and spaces) has no text of its own: its words are alt text, printed as a caption at most.
    private static bool IsOnlyImages(ReadOnlySpan<char> line)
    {
        var rest = line;
        while (!rest.IsEmpty)
        {
            if (!rest.StartsWith("![")) return false;
            var close = rest.IndexOf("](");
            if (close < 0) return false;
            var end = rest[close..].IndexOf(')');
            if (end < 0) return false;
            rest = rest[(close + end + 1)..].TrimStart();
        }
        return true;
    }

    private static int Next(ReadOnlySpan<char> line, int from, string value)
    {
        if (from >= line.Length) return -1;
        var at = line[from..].IndexOf(value);
        return at < 0 ? -1 : from + at;
    }

    // A word is a run of non-space characters with a letter or digit in it: Markdown's "#", "|", "-" and "*" are not words.
    private static int CountWords(ReadOnlySpan<char> text)
    {
        var words = 0;
        var counted = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                counted = false;
            }
            else if (!counted && char.IsLetterOrDigit(c))
            {
                words++;
                counted = true;
            }
        }
        return words;
    }
}
