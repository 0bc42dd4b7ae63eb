using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Surrogate;

/// <summary>
/// Produces counterfactual values for one feature: given the frame's column and the rows being scored,
/// returns a column aligned with <c>rows</c> (element i replaces the value of rows[i]).
/// A categorical result may carry its own category list; encoders match categories by name.
/// </summary>
public delegate FeatureColumn FeatureReplacement(FeatureColumn column, int[] rows);

/// <summary>Common <see cref="FeatureReplacement"/>s: undo a unit change, map recoded categories back, resample or impute from a reference.</summary>
public static class FeatureReplacements
{
    /// <summary>Numeric values multiplied by <paramref name="factor"/> (e.g. 0.01 undoes a ×100 unit change); NaN stays NaN.</summary>
    public static FeatureReplacement Scale(double factor) => MapNumeric(x => x * factor);

    /// <summary>Numeric values transformed by <paramref name="transform"/>.</summary>
    public static FeatureReplacement MapNumeric(Func<double, double> transform) => (column, rows) =>
    {
        var numeric = RequireNumeric(column);
        var values = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            values[i] = transform(numeric.Values[rows[i]]);
        }
        return new NumericColumn(numeric.Spec, values);
    };

    /// <summary>Categories renamed by <paramref name="map"/> (new name → old name, say); unmapped categories and missing values stay as they are.</summary>
    public static FeatureReplacement MapCategories(IReadOnlyDictionary<string, string> map) => (column, rows) =>
    {
        var categorical = RequireCategorical(column);
        var categories = categorical.Categories.ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < categories.Count; c++)
        {
            index.TryAdd(categories[c], c);
        }
        var remap = new int[categories.Count];
        for (var c = 0; c < remap.Length; c++)
        {
            remap[c] = c;
            if (map.TryGetValue(categorical.Categories[c], out var target))
            {
                if (!index.TryGetValue(target, out var code))
                {
                    code = categories.Count;
                    categories.Add(target);
                    index[target] = code;
                }
                remap[c] = code;
            }
        }
        var codes = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var code = categorical.Codes[rows[i]];
            codes[i] = (uint)code < (uint)remap.Length ? remap[code] : code;
        }
        return new CategoricalColumn(categorical.Spec, codes, categories);
    };

    /// <summary>
    /// Every value replaced by one drawn uniformly (with replacement, seeded) from the same feature at <paramref name="referenceRows"/>
    /// of <paramref name="reference"/>, missing values included as they occur there: the feature "as it was" in the reference.
    /// </summary>
    public static FeatureReplacement ResampleFrom(DatasetFrame reference, int[] referenceRows, int seed) =>
        ResampleWhere(reference, referenceRows, seed, replaceNumeric: null, replaceCode: null);

    /// <summary>
    /// Values equal to <paramref name="constant"/> (a default that filled the feature) replaced by draws from the reference, as in
    /// <see cref="ResampleFrom"/>; other values kept. Pass NaN to impute missing values.
    /// </summary>
    public static FeatureReplacement ImputeConstantFrom(double constant, DatasetFrame reference, int[] referenceRows, int seed) =>
        ResampleWhere(reference, referenceRows, seed,
            replaceNumeric: double.IsNaN(constant) ? double.IsNaN : x => x == constant,
            replaceCode: null);

    /// <summary>Rows whose category is <paramref name="category"/> (null: missing) get a category drawn from the reference; others kept.</summary>
    public static FeatureReplacement ImputeCategoryFrom(string? category, DatasetFrame reference, int[] referenceRows, int seed) =>
        ResampleWhere(reference, referenceRows, seed,
            replaceNumeric: null,
            replaceCode: column => CodeTest(column, category));

    static Func<int, bool> CodeTest(CategoricalColumn column, string? category)
    {
        if (category is null)
        {
            return code => code == CategoricalColumn.Missing;
        }
        var matching = new HashSet<int>();
        for (var c = 0; c < column.Categories.Count; c++)
        {
            if (column.Categories[c] == category)
            {
                matching.Add(c);
            }
        }
        return matching.Contains;
    }

    static FeatureReplacement ResampleWhere(
        DatasetFrame reference,
        int[] referenceRows,
        int seed,
        Func<double, bool>? replaceNumeric,
        Func<CategoricalColumn, Func<int, bool>>? replaceCode) => (column, rows) =>
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (referenceRows.Length == 0)
        {
            throw new ArgumentException("Resampling needs at least one reference row.", nameof(referenceRows));
        }
        var name = column.Spec.Name;
        if (!reference.Features.TryGetValue(name, out var source))
        {
            throw new ArgumentException($"The reference frame has no feature '{name}'.", nameof(reference));
        }
        var random = new Random(seed);
        switch (column, source)
        {
            case (NumericColumn numeric, NumericColumn sourceNumeric):
            {
                var values = new double[rows.Length];
                for (var i = 0; i < rows.Length; i++)
                {
                    var x = numeric.Values[rows[i]];
                    values[i] = replaceNumeric is null || replaceNumeric(x)
                        ? sourceNumeric.Values[referenceRows[random.Next(referenceRows.Length)]]
                        : x;
                }
                return new NumericColumn(numeric.Spec, values);
            }
            case (CategoricalColumn categorical, CategoricalColumn sourceCategorical):
            {
                // Codes come from two category lists; re-express the kept ones in the reference's list, appending names it lacks.
                var categories = sourceCategorical.Categories.ToList();
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var c = 0; c < categories.Count; c++)
                {
                    index.TryAdd(categories[c], c);
                }
                var translate = new int[categorical.Categories.Count];
                for (var c = 0; c < translate.Length; c++)
                {
                    if (!index.TryGetValue(categorical.Categories[c], out var code))
                    {
                        code = categories.Count;
                        categories.Add(categorical.Categories[c]);
                        index[categorical.Categories[c]] = code;
                    }
                    translate[c] = code;
                }
                var replace = replaceCode?.Invoke(categorical);
                var codes = new int[rows.Length];
                for (var i = 0; i < rows.Length; i++)
                {
                    var code = categorical.Codes[rows[i]];
                    codes[i] = replace is null || replace(code)
                        ? sourceCategorical.Codes[referenceRows[random.Next(referenceRows.Length)]]
                        : (uint)code < (uint)translate.Length ? translate[code]
                        : code == CategoricalColumn.Missing ? code
                        : int.MaxValue; // an invalid code stays invalid, which encoders treat as "other"
                }
                return new CategoricalColumn(categorical.Spec, codes, categories);
            }
            default:
                throw new ArgumentException($"Feature '{name}' has different column kinds in the frame and the reference.");
        }
    };

    static NumericColumn RequireNumeric(FeatureColumn column) =>
        column as NumericColumn ?? throw new ArgumentException($"Feature '{column.Spec.Name}' is not numeric.");

    static CategoricalColumn RequireCategorical(FeatureColumn column) =>
        column as CategoricalColumn ?? throw new ArgumentException($"Feature '{column.Spec.Name}' is not categorical.");
}
