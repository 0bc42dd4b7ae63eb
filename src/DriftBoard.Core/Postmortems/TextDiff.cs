namespace DriftBoard.Core.Postmortems;

public enum DiffLineKind
{
    Kept,
    Removed,
    Added,
}

/// <summary>
/// One line of a diff. <see cref="OldNumber"/> and <see cref="NewNumber"/> are 1-based line numbers in the old and new text, 0
/// where the line is absent (added lines have no old number, removed lines no new one). <see cref="MissingNewline"/> marks a last
/// line without a final "\n", so "a" and "a\n" differ by one removed and one added line, as in git.
/// </summary>
public readonly record struct DiffLine(DiffLineKind Kind, string Text, int OldNumber, int NewNumber, bool MissingNewline = false);

/// <summary>A run of changed lines with up to the requested context of kept lines around it (unified-diff style, 1-based starts).</summary>
public sealed record DiffHunk(int OldStart, int OldCount, int NewStart, int NewCount, IReadOnlyList<DiffLine> Lines);

/// <summary>
/// Line diff of two texts with Myers' O(ND) algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986): the shortest
/// edit script, removals before additions within a change. Lines are split on "\n" only (the documents' only line break).
/// Empty text has no lines; a final "\n" ends the last line rather than starting an empty one.
/// Cost: common prefix and suffix are trimmed first; then O((N+M)·D) time and O(D²) memory for the D differing lines, which is
/// small for documents people write (a full rewrite of a 1,000-line postmortem keeps about 16 MB of trace).
/// </summary>
public static class TextDiff
{
    public static IReadOnlyList<DiffLine> Lines(string oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        var oldLines = Split(oldText);
        var newLines = Split(newText);

        // Lines as small integers: one dictionary lookup per line, then the O(ND) loop compares ints.
        var ids = new Dictionary<(string, bool), int>();
        var a = Intern(oldLines, ids);
        var b = Intern(newLines, ids);

        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;

        var result = new List<DiffLine>(Math.Max(a.Length, b.Length) + 8);
        for (var i = 0; i < prefix; i++) result.Add(Kept(oldLines[i], i, i));
        var middle = ShortestEdit(a.AsSpan(prefix, a.Length - prefix - suffix), b.AsSpan(prefix, b.Length - prefix - suffix));
        foreach (var (kind, oldIndex, newIndex) in middle)
        {
            var (o, n) = (oldIndex + prefix, newIndex + prefix);
            result.Add(kind switch
            {
                DiffLineKind.Kept => Kept(oldLines[o], o, n),
                DiffLineKind.Removed => new DiffLine(DiffLineKind.Removed, oldLines[o].Text, o + 1, 0, !oldLines[o].Terminated),
                _ => new DiffLine(DiffLineKind.Added, newLines[n].Text, 0, n + 1, !newLines[n].Terminated),
            });
        }
        for (var i = 0; i < suffix; i++)
        {
            var (o, n) = (a.Length - suffix + i, b.Length - suffix + i);
            result.Add(Kept(oldLines[o], o, n));
        }
        return result;
    }

    /// <summary>The changed lines with up to <paramref name="context"/> kept lines either side; empty when nothing changed.</summary>
    public static IReadOnlyList<DiffHunk> Hunks(IReadOnlyList<DiffLine> lines, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        var hunks = new List<DiffHunk>();
        var i = 0;
        while (i < lines.Count)
        {
            if (lines[i].Kind == DiffLineKind.Kept) { i++; continue; }
            var start = Math.Max(0, i - context);
            // Extend over changes separated by at most 2·context kept lines: their contexts would overlap.
            var end = i;
            while (true)
            {
                while (end < lines.Count && lines[end].Kind != DiffLineKind.Kept) end++;
                var kept = 0;
                while (end + kept < lines.Count && lines[end + kept].Kind == DiffLineKind.Kept) kept++;
                if (end + kept < lines.Count && kept <= 2 * context) { end += kept; continue; }
                end = Math.Min(lines.Count, end + context);
                break;
            }
            var slice = new DiffLine[end - start];
            for (var j = start; j < end; j++) slice[j - start] = lines[j];
            var oldCount = 0;
            var newCount = 0;
            foreach (var line in slice)
            {
                if (line.Kind != DiffLineKind.Added) oldCount++;
                if (line.Kind != DiffLineKind.Removed) newCount++;
            }
            hunks.Add(new DiffHunk(StartNumber(lines, start, old: true), oldCount, StartNumber(lines, start, old: false), newCount, slice));
            i = end;
        }
        return hunks;
    }

    /// <summary>Unified-diff convention: the first line's number in that text, or the line before it when the hunk has none there.</summary>
    private static int StartNumber(IReadOnlyList<DiffLine> lines, int start, bool old)
    {
        for (var j = start; j < lines.Count; j++)
        {
            var number = old ? lines[j].OldNumber : lines[j].NewNumber;
            if (number > 0) return number;
        }
        for (var j = start - 1; j >= 0; j--)
        {
            var number = old ? lines[j].OldNumber : lines[j].NewNumber;
            if (number > 0) return number;
        }
        return 0;
    }

    private static DiffLine Kept(Line line, int oldIndex, int newIndex) =>
        new(DiffLineKind.Kept, line.Text, oldIndex + 1, newIndex + 1, !line.Terminated);

    private readonly record struct Line(string Text, bool Terminated);

    private static Line[] Split(string text)
    {
        if (text.Length == 0) return [];
        var parts = text.Split('\n');
        var terminated = text[^1] == '\n';
        var count = terminated ? parts.Length - 1 : parts.Length;
        var lines = new Line[count];
        for (var i = 0; i < count; i++) lines[i] = new Line(parts[i], terminated || i < count - 1);
        return lines;
    }

    private static int[] Intern(Line[] lines, Dictionary<(string, bool), int> ids)
    {
        var result = new int[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var key = (lines[i].Text, lines[i].Terminated);
            if (!ids.TryGetValue(key, out var id)) ids[key] = id = ids.Count;
            result[i] = id;
        }
        return result;
    }

    /// <summary>Myers' greedy forward search keeping each round's frontier, then a walk back from the end; indices are 0-based.</summary>
    private static List<(DiffLineKind Kind, int Old, int New)> ShortestEdit(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int n = a.Length, m = b.Length, max = n + m;
        var edits = new List<(DiffLineKind, int, int)>();
        if (max == 0) return edits;

        var offset = max + 1;
        var v = new int[2 * max + 3];
        // trace[d] holds v[-d-1 .. d+1] as it was before round d: what the walk back needs to find each round's previous point.
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            var snapshot = new int[2 * d + 3];
            Array.Copy(v, offset - d - 1, snapshot, 0, snapshot.Length);
            trace.Add(snapshot);
            var reached = false;
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y]) { x++; y++; }
                v[offset + k] = x;
                if (x >= n && y >= m) { reached = true; break; }
            }
            if (reached) break;
        }

        int cx = n, cy = m;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var snap = trace[d];
            int At(int k) => snap[k + d + 1];
            var k = cx - cy;
            var previousK = k == -d || (k != d && At(k - 1) < At(k + 1)) ? k + 1 : k - 1;
            var previousX = At(previousK);
            var previousY = previousX - previousK;
            while (cx > previousX && cy > previousY)
            {
                cx--; cy--;
                edits.Add((DiffLineKind.Kept, cx, cy));
            }
            if (d > 0)
            {
                if (cx == previousX) edits.Add((DiffLineKind.Added, cx, previousY));
                else edits.Add((DiffLineKind.Removed, previousX, cy));
            }
            cx = previousX;
            cy = previousY;
        }
        edits.Reverse();
        return edits;
    }
}
