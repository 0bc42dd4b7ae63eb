using System.Text;
using DriftBoard.Web.Postmortems.Rendering;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DriftBoard.Web.Postmortems;

/// <summary>One heading and what follows it up to the next heading of the same or a higher level (subsections included).</summary>
/// <param name="Title">The heading as plain text.</param>
/// <param name="Level">1 for <c>#</c>, 2 for <c>##</c>, …</param>
/// <param name="Markdown">The section's body as the author wrote it, without its heading: render it with <see cref="PostmortemRenderer"/>.</param>
public sealed record PostmortemSection(string Title, int Level, string Markdown);

/// <summary>A row of the Action items table. <see cref="IsOpen"/> unless its status says done, closed or ✓ (any case).</summary>
public sealed record ActionItem(string Action, string Owner, string Due, string Status)
{
    public bool IsOpen => !PostmortemSections.IsClosedStatus(Status);
}

/// <summary>A row of the "What would have caught this earlier" table: a monitor, whether it would have fired, and how many days earlier.</summary>
public sealed record EarlierDetection(string Monitor, string WouldHaveFired, string LeadDays);

/// <summary>
/// A postmortem's Markdown read by its headings (Markdig's syntax tree, the same pipeline as <see cref="PostmortemRenderer"/>):
/// the sections the managers' summary shows, the Summary's first sentences, and the tables of action items and of
/// earlier detection. Headings match case-insensitively, ignoring surrounding spaces and a trailing colon; a missing
/// section or table gives null or an empty list, never an exception, so a page can say what is missing.
/// </summary>
public sealed class PostmortemSections
{
    public const string Summary = "Summary";
    public const string Impact = "Impact";
    public const string Timeline = "Timeline";
    public const string RootCause = "Root cause";
    public const string Detection = "Detection";
    public const string WhatWouldHaveCaughtThisEarlier = "What would have caught this earlier";
    public const string Resolution = "Resolution";
    public const string ActionItems = "Action items";
    public const string LessonsLearned = "Lessons learned";

    private static readonly string[] ClosedStatuses = ["done", "closed", "✓", "✔"];

    private readonly List<(PostmortemSection Section, List<Block> Blocks)> _sections;

    private PostmortemSections(List<(PostmortemSection, List<Block>)> sections) => _sections = sections;

    /// <summary>Every heading's section, in document order (a subsection appears both inside its parent's Markdown and on its own).</summary>
    public IReadOnlyList<PostmortemSection> All => _sections.ConvertAll(s => s.Section);

    public static PostmortemSections Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, PostmortemRenderer.Pipeline);
        var headings = new List<HeadingBlock>();
        foreach (var block in document)
            if (block is HeadingBlock heading) headings.Add(heading);

        var sections = new List<(PostmortemSection, List<Block>)>(headings.Count);
        for (var h = 0; h < headings.Count; h++)
        {
            var heading = headings[h];
            var next = h + 1;
            while (next < headings.Count && headings[next].Level > heading.Level) next++;
            var end = next < headings.Count ? headings[next].Span.Start : markdown.Length;
            var start = Math.Min(heading.Span.End + 1, end);
            var blocks = new List<Block>();
            for (var i = document.IndexOf(heading) + 1; i < document.Count && document[i].Span.Start < end; i++)
                if (document[i] is not HeadingBlock) blocks.Add(document[i]);
            sections.Add((new PostmortemSection(PlainText(heading.Inline), heading.Level, markdown[start..end].Trim('\r', '\n')), blocks));
        }
        return new PostmortemSections(sections);
    }

    /// <summary>The first section titled <paramref name="title"/>, or null.</summary>
    public PostmortemSection? Find(string title) => FindEntry(title)?.Section;

    /// <summary>Which of <paramref name="titles"/> have no section (or only an empty one).</summary>
    public IReadOnlyList<string> Missing(params string[] titles) =>
        titles.Where(t => Find(t) is not { } section || string.IsNullOrWhiteSpace(section.Markdown)).ToList();

    /// <summary>
    /// The first <paramref name="count"/> sentences of the Summary's paragraphs as plain text (Markdown markup dropped, link
    /// text kept); empty when there is no Summary. A sentence ends at '.', '!' or '?' followed by a space or the end, so
    /// numbers like 3.5 and addresses stay whole.
    /// </summary>
    public string FirstSentences(int count = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (FindEntry(Summary) is not { } summary) return "";
        var text = new StringBuilder();
        foreach (var block in summary.Blocks)
            foreach (var paragraph in block.Descendants<ParagraphBlock>().Prepend(block as ParagraphBlock))
                if (paragraph?.Inline is { } inline)
                    text.Append(PlainText(inline)).Append(' ');
        return FirstSentences(text.ToString(), count);
    }

    internal static string FirstSentences(string text, int count)
    {
        var normalized = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var found = 0;
        for (var i = 0; i < normalized.Length; i++)
        {
            if (normalized[i] is not ('.' or '!' or '?')) continue;
            if (i + 1 < normalized.Length && normalized[i + 1] != ' ') continue;
            if (++found == count) return normalized[..(i + 1)];
        }
        return normalized;
    }

    /// <summary>The rows of the first table in the Action items section, columns matched by their header (Action, Owner, Due, Status).</summary>
    public IReadOnlyList<ActionItem> ActionItemRows() =>
        TableRows(ActionItems, ["action", "owner", "due", "status"]).ConvertAll(r => new ActionItem(r[0], r[1], r[2], r[3]));

    /// <summary>The rows of the first table under "What would have caught this earlier": Monitor, Would have fired, Lead (days).</summary>
    public IReadOnlyList<EarlierDetection> EarlierDetections() =>
        TableRows(WhatWouldHaveCaughtThisEarlier, ["monitor", "would have fired", "lead"]).ConvertAll(r => new EarlierDetection(r[0], r[1], r[2]));

    internal static bool IsClosedStatus(string status)
    {
        var trimmed = status.Trim();
        foreach (var closed in ClosedStatuses)
            if (trimmed.Equals(closed, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>
    /// The body rows of the section's first table as plain-text cells in the order of <paramref name="headerPrefixes"/>
    /// (a header matches when it starts with the prefix, so "Lead (days)" is "lead"); a column the table lacks reads "".
    /// Rows with every wanted cell empty are skipped.
    /// </summary>
    private List<string[]> TableRows(string sectionTitle, string[] headerPrefixes)
    {
        var rows = new List<string[]>();
        if (FindEntry(sectionTitle) is not { } entry) return rows;
        var table = entry.Blocks.SelectMany(b => b.Descendants<Table>().Prepend(b as Table)).FirstOrDefault(t => t is not null);
        if (table is null) return rows;
        var columns = new int[headerPrefixes.Length];
        Array.Fill(columns, -1);
        foreach (var row in table.OfType<TableRow>())
        {
            var cells = row.OfType<TableCell>().Select(CellText).ToList();
            if (row.IsHeader)
            {
                for (var c = 0; c < headerPrefixes.Length; c++)
                    columns[c] = cells.FindIndex(h => h.StartsWith(headerPrefixes[c], StringComparison.OrdinalIgnoreCase));
                continue;
            }
            var values = new string[headerPrefixes.Length];
            for (var c = 0; c < values.Length; c++)
                values[c] = columns[c] >= 0 && columns[c] < cells.Count ? cells[columns[c]] : "";
            if (values.Any(v => v.Length > 0)) rows.Add(values);
        }
        return rows;
    }

    private (PostmortemSection Section, List<Block> Blocks)? FindEntry(string title)
    {
        foreach (var entry in _sections)
            if (Normalize(entry.Section.Title).Equals(Normalize(title), StringComparison.OrdinalIgnoreCase)) return entry;
        return null;
    }

    private static string Normalize(string title) => string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd(':', ' ');

    private static string CellText(TableCell cell)
    {
        var text = new StringBuilder();
        foreach (var paragraph in cell.Descendants<ParagraphBlock>())
            if (paragraph.Inline is { } inline) text.Append(PlainText(inline));
        return text.ToString().Trim();
    }

    /// <summary>The text a reader sees: literals, code, link and emphasis content; line breaks as spaces; markup dropped.</summary>
    private static string PlainText(ContainerInline? container)
    {
        var text = new StringBuilder();
        if (container is not null) AppendText(container, text);
        return text.ToString().Trim();
    }

    private static void AppendText(ContainerInline container, StringBuilder text)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal: text.Append(literal.Content.AsSpan()); break;
                case CodeInline code: text.Append(code.Content); break;
                case AutolinkInline autolink: text.Append(autolink.Url); break;
                case LineBreakInline: text.Append(' '); break;
                case HtmlEntityInline entity: text.Append(entity.Transcoded.AsSpan()); break;
                case HtmlInline html: text.Append(html.Tag); break;
                case ContainerInline nested: AppendText(nested, text); break;
            }
        }
    }
}
