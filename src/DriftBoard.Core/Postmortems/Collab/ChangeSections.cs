namespace DriftBoard.Core.Postmortems.Collab;

/// <summary>
/// The section algebra shared by <see cref="ChangeDesc"/> and <see cref="ChangeSet"/>: a line-for-line port of
/// <c>addSection</c>, <c>addInsert</c>, <c>mapSet</c>, <c>composeSets</c> and <c>SectionIter</c> from CodeMirror's
/// @codemirror/state src/change.ts (6.x). Sections are (length, insertedLength) pairs in one int array, insertedLength
/// -1 meaning "kept". The branch order and tie-breaks are kept exactly as in change.ts because browsers rebase their
/// pending edits with that code: any difference here would make the server's document diverge from the clients'.
/// Inserted texts are strings joined with "\n" (CodeMirror stores <c>Text</c> line arrays; lengths are identical).
/// </summary>
internal static class ChangeSections
{
    /// <summary>Appends a section, merging it into the previous one the way change.ts does.</summary>
    public static void AddSection(List<int> sections, int len, int ins, bool forceJoin = false)
    {
        if (len == 0 && ins <= 0)
            return;
        int last = sections.Count - 2;
        if (last >= 0 && ins <= 0 && ins == sections[last + 1])
            sections[last] += len;
        else if (last >= 0 && len == 0 && sections[last] == 0)
            sections[last + 1] += ins;
        else if (forceJoin)
        {
            sections[last] += len;
            sections[last + 1] += ins;
        }
        else
        {
            sections.Add(len);
            sections.Add(ins);
        }
    }

    /// <summary>Records inserted text for the last section (appending when that section already has text).</summary>
    public static void AddInsert(List<string> values, List<int> sections, string value)
    {
        if (value.Length == 0)
            return;
        int index = (sections.Count - 2) >> 1;
        if (index < values.Count)
        {
            values[^1] += value;
        }
        else
        {
            while (values.Count < index)
                values.Add("");
            values.Add(value);
        }
    }

    /// <summary>
    /// Maps A (sections/inserted) over B, both starting in the same document. <paramref name="before"/>: A's insertions
    /// at the same position as B's go first. <paramref name="insertedA"/> null produces a description only.
    /// </summary>
    public static (int[] Sections, string[]? Inserted) MapSet(int[] sectionsA, string[]? insertedA, int[] sectionsB, bool before)
    {
        var sections = new List<int>(sectionsA.Length + 4);
        List<string>? insert = insertedA is null ? null : new List<string>();
        var a = new SectionIter(sectionsA, insertedA);
        var b = new SectionIter(sectionsB, null);
        // inserted tracks, for changes in A processed piece by piece, whether their content was inserted already
        // (the section index of the last inserted change).
        for (int inserted = -1; ;)
        {
            if (a.Done && b.Len != 0 || b.Done && a.Len != 0)
            {
                throw new ArgumentException("Mismatched change set lengths");
            }
            else if (a.Ins == -1 && b.Ins == -1)
            {
                // Move across ranges skipped by both sets.
                int len = Math.Min(a.Len, b.Len);
                AddSection(sections, len, -1);
                a.Forward(len);
                b.Forward(len);
            }
            else if (b.Ins >= 0 && (a.Ins < 0 || inserted == a.I || a.Off == 0 && (b.Len < a.Len || b.Len == a.Len && !before)))
            {
                // A change in B comes before the next change in A (ordered by start, then length, then the before
                // flag): skip it and drop what of A it covers.
                int len = b.Len;
                AddSection(sections, b.Ins, -1);
                while (len != 0)
                {
                    int piece = Math.Min(a.Len, len);
                    if (a.Ins >= 0 && inserted < a.I && a.Len <= piece)
                    {
                        AddSection(sections, 0, a.Ins);
                        if (insert is not null)
                            AddInsert(insert, sections, a.Text);
                        inserted = a.I;
                    }
                    a.Forward(piece);
                    len -= piece;
                }
                b.Next();
            }
            else if (a.Ins >= 0)
            {
                // The part of a change in A up to the start of the next non-deletion change in B.
                int len = 0, left = a.Len;
                while (left != 0)
                {
                    if (b.Ins == -1)
                    {
                        int piece = Math.Min(left, b.Len);
                        len += piece;
                        left -= piece;
                        b.Forward(piece);
                    }
                    else if (b.Ins == 0 && b.Len < left)
                    {
                        left -= b.Len;
                        b.Next();
                    }
                    else
                    {
                        break;
                    }
                }
                AddSection(sections, len, inserted < a.I ? a.Ins : 0);
                if (insert is not null && inserted < a.I)
                    AddInsert(insert, sections, a.Text);
                inserted = a.I;
                a.Forward(a.Len - left);
            }
            else if (a.Done && b.Done)
            {
                return (sections.ToArray(), insert is null ? null : Pad(insert, sections.Count >> 1));
            }
            else
            {
                throw new ArgumentException("Mismatched change set lengths");
            }
        }
    }

    /// <summary>A then B (B starts in the document A produces). <paramref name="insertedA"/> null: descriptions only.</summary>
    public static (int[] Sections, string[]? Inserted) ComposeSets(
        int[] sectionsA, string[]? insertedA, int[] sectionsB, string[]? insertedB)
    {
        var sections = new List<int>(sectionsA.Length + sectionsB.Length);
        List<string>? insert = insertedA is null ? null : new List<string>();
        var a = new SectionIter(sectionsA, insertedA);
        var b = new SectionIter(sectionsB, insertedB);
        for (bool open = false; ;)
        {
            if (a.Done && b.Done)
            {
                return (sections.ToArray(), insert is null ? null : Pad(insert, sections.Count >> 1));
            }
            else if (a.Ins == 0)
            {
                // Deletion in A.
                AddSection(sections, a.Len, 0, open);
                a.Next();
            }
            else if (b.Len == 0 && !b.Done)
            {
                // Insertion in B.
                AddSection(sections, 0, b.Ins, open);
                if (insert is not null)
                    AddInsert(insert, sections, b.Text);
                b.Next();
            }
            else if (a.Done || b.Done)
            {
                throw new ArgumentException("Mismatched change set lengths");
            }
            else
            {
                int len = Math.Min(a.Len2, b.Len), sectionLen = sections.Count;
                if (a.Ins == -1)
                {
                    int insB = b.Ins == -1 ? -1 : b.Off != 0 ? 0 : b.Ins;
                    AddSection(sections, len, insB, open);
                    if (insert is not null && insB != 0)
                        AddInsert(insert, sections, b.Text);
                }
                else if (b.Ins == -1)
                {
                    AddSection(sections, a.Off != 0 ? 0 : a.Len, len, open);
                    if (insert is not null)
                        AddInsert(insert, sections, a.TextBit(len));
                }
                else
                {
                    AddSection(sections, a.Off != 0 ? 0 : a.Len, b.Off != 0 ? 0 : b.Ins, open);
                    if (insert is not null && b.Off == 0)
                        AddInsert(insert, sections, b.Text);
                }
                open = (a.Ins > len || b.Ins >= 0 && b.Len > len) && (open || sections.Count > sectionLen);
                a.Forward2(len);
                b.Forward(len);
            }
        }
    }

    /// <summary>Inserted texts indexed by section, padded with "" so every section has an entry.</summary>
    public static string[] Pad(List<string> inserted, int sectionCount)
    {
        while (inserted.Count < sectionCount)
            inserted.Add("");
        return inserted.ToArray();
    }

    /// <summary>A cursor over sections; <see cref="Ins"/> is -2 when done. Mirrors change.ts's SectionIter.</summary>
    private sealed class SectionIter
    {
        private readonly int[] _sections;
        private readonly string[]? _inserted;

        public SectionIter(int[] sections, string[]? inserted)
        {
            _sections = sections;
            _inserted = inserted;
            Next();
        }

        public int I { get; private set; }
        public int Len { get; private set; }
        public int Ins { get; private set; }
        public int Off { get; private set; }
        public bool Done => Ins == -2;
        public int Len2 => Ins < 0 ? Len : Ins;

        public string Text
        {
            get
            {
                int index = (I - 2) >> 1;
                return _inserted is null || index >= _inserted.Length ? "" : _inserted[index];
            }
        }

        public string TextBit(int len)
        {
            int index = (I - 2) >> 1;
            if (_inserted is null || index >= _inserted.Length)
                return "";
            // JavaScript's slice clamps; so does this.
            string text = _inserted[index];
            int from = Math.Min(Off, text.Length);
            return text.Substring(from, Math.Min(len, text.Length - from));
        }

        public void Next()
        {
            if (I < _sections.Length)
            {
                Len = _sections[I++];
                Ins = _sections[I++];
            }
            else
            {
                Len = 0;
                Ins = -2;
            }
            Off = 0;
        }

        public void Forward(int len)
        {
            if (len == Len)
            {
                Next();
            }
            else
            {
                Len -= len;
                Off += len;
            }
        }

        public void Forward2(int len)
        {
            if (Ins == -1)
            {
                Forward(len);
            }
            else if (len == Ins)
            {
                Next();
            }
            else
            {
                Ins -= len;
                Off += len;
            }
        }
    }
}
