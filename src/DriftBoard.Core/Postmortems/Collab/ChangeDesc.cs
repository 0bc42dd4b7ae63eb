using System.Text;

namespace DriftBoard.Core.Postmortems.Collab;

/// <summary>
/// The shape of a change without its inserted text: CodeMirror's <c>ChangeDesc</c> (@codemirror/state change.ts),
/// ported so the server maps positions and rebases exactly as the browsers' collab extension does.
/// Immutable. Sections are (length in the old document, inserted length or -1 for kept) pairs.
/// </summary>
public sealed class ChangeDesc
{
    internal ChangeDesc(int[] sections)
    {
        Sections = sections;
        int length = 0, newLength = 0;
        for (int i = 0; i < sections.Length; i += 2)
        {
            length += sections[i];
            newLength += sections[i + 1] < 0 ? sections[i] : sections[i + 1];
        }
        Length = length;
        NewLength = newLength;
    }

    /// <summary>The raw sections; never mutated (shared with the <see cref="ChangeSet"/> it came from).</summary>
    internal int[] Sections { get; }

    /// <summary>Length of the document before the change.</summary>
    public int Length { get; }

    /// <summary>Length of the document after the change.</summary>
    public int NewLength { get; }

    /// <summary>True when nothing changes (change.ts <c>empty</c>: no sections, or one kept section).</summary>
    public bool IsEmpty => Sections.Length == 0 || Sections.Length == 2 && Sections[1] < 0;

    /// <summary>The description that undoes this one.</summary>
    public ChangeDesc InvertedDesc
    {
        get
        {
            var sections = new int[Sections.Length];
            for (int i = 0; i < Sections.Length; i += 2)
            {
                int len = Sections[i], ins = Sections[i + 1];
                (sections[i], sections[i + 1]) = ins < 0 ? (len, ins) : (ins, len);
            }
            return new ChangeDesc(sections);
        }
    }

    /// <summary>This description followed by <paramref name="other"/>, which starts in the document this one produces.</summary>
    /// <exception cref="ArgumentException">When <paramref name="other"/>.Length differs from <see cref="NewLength"/>.</exception>
    public ChangeDesc Compose(ChangeDesc other)
    {
        ArgumentNullException.ThrowIfNull(other);
        RequireComposable(NewLength, other.Length);
        if (IsEmpty || other.IsEmpty)
            return IsEmpty ? other : this;
        return new ChangeDesc(ChangeSections.ComposeSets(Sections, null, other.Sections, null).Sections);
    }

    /// <summary>
    /// Maps this description over <paramref name="other"/> (both start in the same document) so it applies after it.
    /// <paramref name="before"/>: insertions of this one at the same position as <paramref name="other"/>'s go first.
    /// </summary>
    /// <exception cref="ArgumentException">When the two start in documents of different lengths.</exception>
    public ChangeDesc Map(ChangeDesc other, bool before = false)
    {
        ArgumentNullException.ThrowIfNull(other);
        RequireSameStart(Length, other.Length);
        return other.IsEmpty ? this : new ChangeDesc(ChangeSections.MapSet(Sections, null, other.Sections, before).Sections);
    }

    /// <summary>
    /// Where <paramref name="pos"/> ends up after the change. <paramref name="assoc"/> &lt; 0 keeps it before text
    /// inserted exactly there, &gt; 0 after; a deleted position moves to the deletion's start (change.ts MapMode.Simple).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When the position is outside the old document.</exception>
    public int MapPos(int pos, int assoc = -1)
    {
        if (pos < 0)
            throw new ArgumentOutOfRangeException(nameof(pos), pos, $"Position {pos} is out of range for a change set of length {Length}");
        int posA = 0, posB = 0;
        for (int i = 0; i < Sections.Length;)
        {
            int len = Sections[i++], ins = Sections[i++], endA = posA + len;
            if (ins < 0)
            {
                if (endA > pos)
                    return posB + (pos - posA);
                posB += len;
            }
            else
            {
                if (endA > pos || endA == pos && assoc < 0 && len == 0)
                    return pos == posA || assoc < 0 ? posB : posB + ins;
                posB += ins;
            }
            posA = endA;
        }
        if (pos > posA)
            throw new ArgumentOutOfRangeException(nameof(pos), pos, $"Position {pos} is out of range for a change set of length {posA}");
        return posB;
    }

    /// <summary>
    /// Calls <paramref name="visit"/>(fromA, toA, fromB, toB) for each changed range: A in the old document, B in the
    /// new one. Adjacent changes are joined unless <paramref name="individual"/>.
    /// </summary>
    public void IterChangedRanges(Action<int, int, int, int> visit, bool individual = false)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ChangeSet.IterChanges(Sections, null, (fromA, toA, fromB, toB, _) => visit(fromA, toA, fromB, toB), individual);
    }

    /// <summary>The JSON form of a description (change.ts <c>ChangeDesc.toJSON</c>): the flat section array.</summary>
    public string ToJson()
    {
        var json = new StringBuilder(Sections.Length * 3 + 2).Append('[');
        for (int i = 0; i < Sections.Length; i++)
            json.Append(i == 0 ? "" : ",").Append(Sections[i]);
        return json.Append(']').ToString();
    }

    /// <summary>"len" for kept, "len:ins" for changed sections, as change.ts's toString (handy in test failures).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (int i = 0; i < Sections.Length; i += 2)
        {
            if (i > 0)
                text.Append(' ');
            text.Append(Sections[i]);
            if (Sections[i + 1] >= 0)
                text.Append(':').Append(Sections[i + 1]);
        }
        return text.ToString();
    }

    internal static void RequireComposable(int newLength, int otherLength)
    {
        if (newLength != otherLength)
            throw new ArgumentException($"Cannot compose: the second change starts at length {otherLength}, the first ends at {newLength}");
    }

    internal static void RequireSameStart(int length, int otherLength)
    {
        if (length != otherLength)
            throw new ArgumentException($"Cannot map: the changes start in documents of length {length} and {otherLength}");
    }
}
