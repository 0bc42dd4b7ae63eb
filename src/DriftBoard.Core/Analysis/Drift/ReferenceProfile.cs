using DriftBoard.Core.Domain;
using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Analysis.Drift;

/// <summary>
/// Everything about one feature's reference sample that every window is compared with, computed once:
/// for numeric features the sorted present values, the decile edges and their histogram, the population std and the
/// [min, max]; for categorical and boolean features the count of each category that occurs. Each window then only
/// sorts or counts its own values.
/// </summary>
public sealed class ReferenceProfile
{
    private readonly double[] sortedValues;
    private readonly double[] edges;
    private readonly long[] histogram;
    private readonly CategoryTally? categories;
    private readonly Dictionary<string, int> categoryIndex;

    private ReferenceProfile(FeatureSpec spec, int rows, long missing, double[] sortedValues, double[] edges, long[] histogram, CategoryTally? categories)
    {
        Spec = spec;
        Rows = rows;
        MissingRate = rows == 0 ? 0.0 : (double)missing / rows;
        this.sortedValues = sortedValues;
        this.edges = edges;
        this.histogram = histogram;
        this.categories = categories;
        categoryIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        if (categories is not null)
        {
            for (var i = 0; i < categories.Names.Length; i++)
            {
                categoryIndex[categories.Names[i]] = i;
            }
        }

        Std = sortedValues.Length == 0 ? double.NaN : Samples.PopulationStd(sortedValues);
        Min = sortedValues.Length == 0 ? double.NaN : sortedValues[0];
        Max = sortedValues.Length == 0 ? double.NaN : sortedValues[^1];
    }

    public FeatureSpec Spec { get; }

    public string Feature => Spec.Name;

    public FeatureType Type => Spec.Type;

    /// <summary>Reference rows, missing values included.</summary>
    public int Rows { get; }

    /// <summary>Share of reference rows with a missing value (0 for an empty reference).</summary>
    public double MissingRate { get; }

    /// <summary>Numeric: the present values, ascending. Empty for other types.</summary>
    public ReadOnlySpan<double> SortedValues => sortedValues;

    /// <summary>Numeric: the PSI bin edges (<see cref="PopulationStabilityIndex.ReferenceEdges"/>). Empty for other types.</summary>
    public ReadOnlySpan<double> Edges => edges;

    /// <summary>Numeric: reference counts per PSI bin (edges.Length + 1 bins). Empty for other types.</summary>
    public ReadOnlySpan<long> Histogram => histogram;

    /// <summary>Numeric: population standard deviation of the present values; NaN when there are none.</summary>
    public double Std { get; }

    /// <summary>Numeric: smallest present value; NaN when there are none.</summary>
    public double Min { get; }

    /// <summary>Numeric: largest present value; NaN when there are none.</summary>
    public double Max { get; }

    /// <summary>Categorical and boolean: the categories that occur in the reference, in the column's order ("false"/"true" for booleans).</summary>
    public IReadOnlyList<string> Categories => categories?.Names ?? [];

    /// <summary>Categorical and boolean: reference count of each of <see cref="Categories"/>.</summary>
    public ReadOnlySpan<long> CategoryCounts => categories is null ? [] : categories.Counts;

    /// <summary>Present (non-missing) reference values.</summary>
    public long Present => categories?.Present ?? sortedValues.Length;

    /// <summary>Builds the profile of a whole reference column (training data, or a baseline period).</summary>
    public static ReferenceProfile Build(FeatureColumn column, int bins = 10) => Build(column, 0, column.Length, bins);

    /// <summary>Builds the profile of rows [start, start + length) of a column.</summary>
    /// <exception cref="ArgumentException">The column's storage does not fit its declared type.</exception>
    public static ReferenceProfile Build(FeatureColumn column, int start, int length, int bins = 10)
    {
        if (column.Spec.Type == FeatureType.Numeric)
        {
            if (column is not NumericColumn numeric)
            {
                throw new ArgumentException($"Numeric feature '{column.Spec.Name}' is not held in a {nameof(NumericColumn)}.", nameof(column));
            }

            return ForNumeric(column.Spec, numeric.Values.AsSpan(start, length), bins);
        }

        var tally = CategoryTally.FromColumn(column, start, length);
        return new ReferenceProfile(column.Spec, tally.Rows, tally.Missing, [], [], [], tally);
    }

    /// <summary>Profile of numeric values (NaN = missing).</summary>
    public static ReferenceProfile ForNumeric(FeatureSpec spec, ReadOnlySpan<double> values, int bins = 10)
    {
        var sorted = Samples.SortedWithoutNaN(values);
        var edges = PopulationStabilityIndex.EdgesFromSorted(sorted, bins);
        var histogram = PopulationStabilityIndex.Histogram(sorted, edges);
        return new ReferenceProfile(spec, values.Length, values.Length - sorted.Length, sorted, edges, histogram, null);
    }

    internal CategoryTally Tally => categories ?? throw new InvalidOperationException($"Feature '{Feature}' is numeric.");

    internal bool TryGetCategory(string name, out int index) => categoryIndex.TryGetValue(name, out index);
}
