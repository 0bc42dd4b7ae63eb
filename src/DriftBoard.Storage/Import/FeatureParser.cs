using DriftBoard.Core.Domain;
using DriftBoard.Storage.Formats;

namespace DriftBoard.Storage.Import;

/// <summary>A row-level problem: the column, its text and why the row cannot be imported.</summary>
internal readonly record struct RowProblem(string? Column, string? Value, string Reason)
{
    public static RowProblem Of(string column, ReadOnlySpan<char> value, string reason) => new(column, value.ToString(), reason);
}

/// <summary>
/// A categorical feature's value → code dictionary, shared by production and training rows so both use the same codes.
/// Values the card lists get the first codes, in card order; others get the next code when first seen.
/// </summary>
internal sealed class CategoryCodes
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _values = [];
    private readonly int _maxValues;
    private int _otherCode = -1;

    public CategoryCodes(IReadOnlyList<string>? declared, int maxValues = CategoryLimits.MaxValuesPerFeature)
    {
        _lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
        // Declared values always get their own code, even past the cap.
        _maxValues = Math.Max(maxValues, declared?.Count ?? 0);
        foreach (var value in declared ?? []) Add(value.AsSpan());
    }

    public IReadOnlyList<string> Values => _values;

    public bool TryGet(ReadOnlySpan<char> value, out int code) => _lookup.TryGetValue(value, out code);

    /// <summary>The value's code; a new value past the cap gets the shared <see cref="CategoryLimits.OtherValue"/> code.</summary>
    public int Code(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var code)) return code;
        if (_otherCode < 0 && _values.Count < _maxValues) return Add(value);
        if (_otherCode < 0) _otherCode = _lookup.TryGetValue(CategoryLimits.OtherValue, out var existing) ? existing : Add(CategoryLimits.OtherValue);
        return _otherCode;
    }

    private int Add(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var code)) return code;
        code = _values.Count;
        var text = value.ToString();
        _codes.Add(text, code);
        _values.Add(text);
        return code;
    }
}

/// <summary>
/// The per-feature dictionary cap. A categorical feature with more distinct values than this (a free-text or id column
/// declared categorical, or a hostile file) keeps the first <see cref="MaxValuesPerFeature"/> values seen (declared values
/// first, then file order) and folds every later new value into <see cref="OtherValue"/>, so the dictionary, the
/// category table and the analysis stay bounded; the stored categories then end with that value.
/// </summary>
public static class CategoryLimits
{
    public const int MaxValuesPerFeature = 10_000;
    public const string OtherValue = "(other)";
}

/// <summary>
/// Parses the card's features of the current row into <see cref="RowValues"/>: numeric → double, boolean → 0/1, categorical → code;
/// missing values become NaN or <see cref="CategoricalColumn.Missing"/>. Shared by the production and training passes.
/// </summary>
internal sealed class FeatureParser
{
    // A categorical value not seen before; its code is only assigned once the whole row is accepted,
    // so a quarantined row never adds a category.
    private const int PendingCode = -2;

    private readonly Slot[] _slots;
    private readonly IReadOnlyDictionary<string, CategoryCodes> _categories;

    private readonly record struct Slot(string Name, FeatureType Type, int FileIndex, int Target, CategoryCodes? Codes);

    public FeatureParser(IReadOnlyList<FeatureSpec> features, IReadOnlyList<string> fileColumns, int f64Offset, int i32Offset,
        IReadOnlyDictionary<string, CategoryCodes> categories)
    {
        _categories = categories;
        _slots = new Slot[features.Count];
        int f64 = f64Offset, i32 = i32Offset;
        for (var i = 0; i < features.Count; i++)
        {
            var spec = features[i];
            var index = IndexOf(fileColumns, spec.Name);
            _slots[i] = spec.Type == FeatureType.Categorical
                ? new Slot(spec.Name, spec.Type, index, i32++, categories[spec.Name])
                : new Slot(spec.Name, spec.Type, index, f64++, null);
        }
    }

    /// <summary>The stored columns for the features, in the slot order this parser fills.</summary>
    public static IEnumerable<StoredColumn> Columns(IReadOnlyList<FeatureSpec> features, IReadOnlyList<string> fileColumns, bool categorical) =>
        features.Where(f => (f.Type == FeatureType.Categorical) == categorical)
            .Select(f => TableLayout.FromFile(f.Name, ColumnRole.Feature, FeatureEncoding.TypeName(f.Type), FeatureEncoding.For(f.Type),
                f.Name, IndexOf(fileColumns, f.Name)));

    public bool TryParse(ITabularReader reader, RowValues row, out RowProblem problem)
    {
        foreach (var slot in _slots)
        {
            var text = reader.Get(slot.FileIndex);
            switch (slot.Type)
            {
                case FeatureType.Categorical:
                    row.I32[slot.Target] = ValueParser.IsMissing(text) ? CategoricalColumn.Missing
                        : slot.Codes!.TryGet(text, out var code) ? code : PendingCode;
                    break;
                case FeatureType.Boolean:
                    var flagOutcome = ValueParser.TryParseBoolean(text, out var flag);
                    if (flagOutcome == ParseOutcome.Invalid)
                    {
                        problem = RowProblem.Of(slot.Name, text, "not a boolean");
                        return false;
                    }
                    row.F64[slot.Target] = flagOutcome == ParseOutcome.Missing ? double.NaN : flag ? 1 : 0;
                    break;
                default:
                    // Missing parses to NaN; the plain-decimal fast path answers most cells without the missing-token checks.
                    if (ValueParser.TryParseDouble(text, out var number) == ParseOutcome.Invalid)
                    {
                        problem = RowProblem.Of(slot.Name, text, "not a number");
                        return false;
                    }
                    row.F64[slot.Target] = number;
                    break;
            }
        }
        problem = default;
        return true;
    }

    /// <summary>Assigns codes to the accepted row's categorical values seen for the first time.</summary>
    public void AssignNewCategories(ITabularReader reader, RowValues row)
    {
        foreach (var slot in _slots)
            if (slot.Codes is not null && row.I32[slot.Target] == PendingCode)
                row.I32[slot.Target] = slot.Codes.Code(reader.Get(slot.FileIndex));
    }

    public IReadOnlyDictionary<string, CategoryCodes> Categories => _categories;

    public static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
            if (string.Equals(columns[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }
}
