using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Aggregates;

/// <summary>
/// Per-day counts of every profiled feature of a dataset against one reference: what the drift table of any window size
/// is computed from. Built once per (import, reference) from an <see cref="IWindowAggregateSource"/>; a window's counts
/// are the sum of its days'. Memory: days × (cells of the numeric features + categories), about 1 MB per numeric feature
/// for six months of days, independent of the row count.
/// </summary>
public sealed class FeatureAggregates
{
    private readonly Dictionary<string, NumericBinning> _binnings;
    private readonly Dictionary<string, DayCounts<NumericCounts>[]> _numeric;
    private readonly Dictionary<string, DayCounts<CategoryCounts>[]> _categories;

    private FeatureAggregates(IReadOnlyList<ReferenceProfile> profiles, Dictionary<string, NumericBinning> binnings,
        Dictionary<string, DayCounts<NumericCounts>[]> numeric, Dictionary<string, DayCounts<CategoryCounts>[]> categories)
    {
        Profiles = profiles;
        _binnings = binnings;
        _numeric = numeric;
        _categories = categories;
    }

    /// <summary>The reference profiles the counts were taken against, in the order given.</summary>
    public IReadOnlyList<ReferenceProfile> Profiles { get; }

    /// <summary>The largest KS grid error bound over the windows drift was computed for (see <see cref="AggregateDrift.KsGridErrorBound"/>); NaN before any.</summary>
    public double LargestKsErrorBound { get; private set; } = double.NaN;

    /// <summary>
    /// Counts every profile's feature per day from <paramref name="source"/>, features in parallel. Numeric features are
    /// counted on their <see cref="NumericBinning"/> of <paramref name="gridCells"/> quantile cells.
    /// </summary>
    public static FeatureAggregates Load(IWindowAggregateSource source, string datasetId, IReadOnlyList<ReferenceProfile> profiles,
        int gridCells = NumericBinning.DefaultGridCells, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(profiles);
        var binnings = new Dictionary<string, NumericBinning>(StringComparer.Ordinal);
        var numeric = new Dictionary<string, DayCounts<NumericCounts>[]>(StringComparer.Ordinal);
        var categories = new Dictionary<string, DayCounts<CategoryCounts>[]>(StringComparer.Ordinal);
        var numericResults = new DayCounts<NumericCounts>[profiles.Count][];
        var categoryResults = new DayCounts<CategoryCounts>[profiles.Count][];
        var profileBinnings = new NumericBinning?[profiles.Count];
        Parallel.For(0, profiles.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var profile = profiles[i];
            if (profile.Type == FeatureType.Numeric)
            {
                var binning = NumericBinning.From(profile, gridCells);
                profileBinnings[i] = binning;
                numericResults[i] = [.. source.NumericCounts(datasetId, profile.Feature, binning, cancellationToken)];
            }
            else
            {
                categoryResults[i] = [.. source.CategoryCounts(datasetId, profile.Feature, cancellationToken)];
            }
        });
        for (var i = 0; i < profiles.Count; i++)
        {
            var name = profiles[i].Feature;
            if (profileBinnings[i] is { } binning)
            {
                binnings[name] = binning;
                if (numericResults[i].Length > 0) numeric[name] = numericResults[i];
            }
            else if (categoryResults[i].Length > 0)
            {
                categories[name] = categoryResults[i];
            }
        }

        return new FeatureAggregates(profiles, binnings, numeric, categories);
    }

    /// <summary>Whether the production log holds the feature (a stored feature has a count for every day with rows).</summary>
    public bool Holds(string feature) => _numeric.ContainsKey(feature) || _categories.ContainsKey(feature);

    /// <summary>The binning a numeric feature was counted on.</summary>
    public NumericBinning Binning(string feature) => _binnings[feature];

    /// <summary>A numeric feature's counts over the days of <paramref name="window"/>.</summary>
    public NumericCounts Numeric(string feature, TimeWindow window)
    {
        var binning = _binnings[feature];
        return NumericCounts.Sum(InWindow(_numeric[feature], window), binning.CellCount);
    }

    /// <summary>A categorical or boolean feature's counts over the days of <paramref name="window"/>.</summary>
    public CategoryCounts Categories(string feature, TimeWindow window) => CategoryCounts.Sum(InWindow(_categories[feature], window));

    /// <summary>One feature's drift in one window, from the counts; null when the production log lacks the feature.</summary>
    public DriftStatistics? Drift(ReferenceProfile profile, TimeWindow window, DriftThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!Holds(profile.Feature)) return null;
        if (profile.Type != FeatureType.Numeric) return AggregateDrift.Categorical(profile, Categories(profile.Feature, window), thresholds);

        var binning = _binnings[profile.Feature];
        var counts = Numeric(profile.Feature, window);
        var bound = AggregateDrift.KsGridErrorBound(binning, counts);
        lock (_binnings)
        {
            if (!double.IsNaN(bound) && !(bound <= LargestKsErrorBound)) LargestKsErrorBound = bound;
        }

        return AggregateDrift.Numeric(profile, binning, counts, thresholds);
    }

    private static IEnumerable<T> InWindow<T>(DayCounts<T>[] days, TimeWindow window) => DayCounts.InWindow(days, window);
}
