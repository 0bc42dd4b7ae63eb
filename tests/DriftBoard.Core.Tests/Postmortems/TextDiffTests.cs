using DriftBoard.Core.Postmortems;

namespace DriftBoard.Core.Tests.Postmortems;

public sealed class TextDiffTests
{
    private static string Render(IEnumerable<DiffLine> lines) => string.Join("|", lines.Select(l =>
        (l.Kind switch { DiffLineKind.Kept => " ", DiffLineKind.Added => "+", _ => "-" }) + l.Text + (l.MissingNewline ? "$" : "")));

    /// <summary>Old text is the kept and removed lines in order, new text the kept and added ones: any correct diff rebuilds both.</summary>
    private static (string Old, string New) Rebuild(IReadOnlyList<DiffLine> lines)
    {
        var old = new System.Text.StringBuilder();
        var @new = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            var text = line.Text + (line.MissingNewline ? "" : "\n");
            if (line.Kind != DiffLineKind.Added) old.Append(text);
            if (line.Kind != DiffLineKind.Removed) @new.Append(text);
        }
        return (old.ToString(), @new.ToString());
    }

    [Fact]
    public void Two_empty_texts_have_no_lines_and_no_hunks()
    {
        var lines = TextDiff.Lines("", "");
        Assert.Empty(lines);
        Assert.Empty(TextDiff.Hunks(lines));
    }

    [Fact]
    public void From_and_to_an_empty_text_every_line_is_added_or_removed()
    {
        Assert.Equal("+a|+b", Render(TextDiff.Lines("", "a\nb\n")));
        Assert.Equal("-a|-b$", Render(TextDiff.Lines("a\nb", "")));
    }

    [Fact]
    public void Identical_texts_keep_every_line_with_both_numbers()
    {
        var lines = TextDiff.Lines("# T\n\nbody\n", "# T\n\nbody\n");
        Assert.Equal(" # T| | body", Render(lines));
        Assert.Equal([(1, 1), (2, 2), (3, 3)], lines.Select(l => (l.OldNumber, l.NewNumber)));
        Assert.Empty(TextDiff.Hunks(lines));
    }

    [Fact]
    public void When_every_line_changed_removals_come_before_additions()
    {
        var lines = TextDiff.Lines("a\nb\n", "c\nd\n");
        Assert.Equal("-a|-b|+c|+d", Render(lines));
        Assert.Equal([(1, 0), (2, 0), (0, 1), (0, 2)], lines.Select(l => (l.OldNumber, l.NewNumber)));
    }

    [Fact]
    public void A_final_newline_is_part_of_the_last_line()
    {
        Assert.Equal("-a$|+a", Render(TextDiff.Lines("a", "a\n")));
        Assert.Equal(" x|-a|+a$", Render(TextDiff.Lines("x\na\n", "x\na")));
        // No phantom empty line from the final "\n".
        Assert.Equal(" a| b|+c", Render(TextDiff.Lines("a\nb\n", "a\nb\nc\n")));
    }

    [Fact]
    public void A_change_in_the_middle_keeps_the_lines_around_it()
    {
        var lines = TextDiff.Lines("one\ntwo\nthree\nfour\n", "one\n2\nthree\nfour\nfive\n");
        Assert.Equal(" one|-two|+2| three| four|+five", Render(lines));
        Assert.Equal((2, 0), (lines[1].OldNumber, lines[1].NewNumber));
        Assert.Equal((0, 5), (lines[5].OldNumber, lines[5].NewNumber));
    }

    [Fact]
    public void The_script_is_the_shortest_one()
    {
        // Myers' classic example: ABCABBA → CBABAC needs 5 edits (2 kept of 7, i.e. LCS length 4).
        var lines = TextDiff.Lines(string.Join("\n", "ABCABBA".ToCharArray()) + "\n", string.Join("\n", "CBABAC".ToCharArray()) + "\n");
        Assert.Equal(5, lines.Count(l => l.Kind != DiffLineKind.Kept));
        Assert.Equal(4, lines.Count(l => l.Kind == DiffLineKind.Kept));
    }

    [Fact]
    public void Random_edits_rebuild_both_texts()
    {
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            string Text() => string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => "abc"[random.Next(3)] + "\n"))
                + (random.Next(3) == 0 ? "tail" : "");
            var (before, after) = (Text(), Text());
            var lines = TextDiff.Lines(before, after);
            Assert.Equal((before, after), Rebuild(lines));
        }
    }

    [Fact]
    public void Hunks_carry_context_and_merge_close_changes()
    {
        var old = string.Concat(Enumerable.Range(1, 20).Select(i => $"l{i}\n"));
        var @new = old.Replace("l3\n", "x\n").Replace("l6\n", "y\n").Replace("l18\n", "");
        var hunks = TextDiff.Hunks(TextDiff.Lines(old, @new), context: 2);

        Assert.Equal(2, hunks.Count);
        // l3 and l6 are 2 kept lines apart (≤ 2·context): one hunk from l1 to l8.
        Assert.Equal((1, 8, 1, 8), (hunks[0].OldStart, hunks[0].OldCount, hunks[0].NewStart, hunks[0].NewCount));
        Assert.Equal((16, 5, 16, 4), (hunks[1].OldStart, hunks[1].OldCount, hunks[1].NewStart, hunks[1].NewCount));
        Assert.Equal(" l16| l17|-l18| l19| l20", Render(hunks[1].Lines));
    }
}
