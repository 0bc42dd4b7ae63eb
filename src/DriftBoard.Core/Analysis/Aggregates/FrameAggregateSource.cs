using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Aggregates;

/// <summary>
/// <see cref="IWindowAggregateSource"/> over one production frame held in memory (the engine's fallback when no store
/// gives aggregates, and the reference the stores are tested against). The dataset id is not consulted: the frame is the dataset.
/// </summary>
public sealed class FrameAggregateSource : IWindowAggregateSource
{
    private readonly DatasetFrame _production;
    private readonly long[] _days;
    private readonly int[] _dayStarts;

    /// <param name="production">Rows ordered by UTC day.</param>
    public FrameAggregateSource(DatasetFrame production)
    {
        ArgumentNullException.ThrowIfNull(production);
        _production = production;
        (_days, _dayStarts) = DayStarts(production.Timestamps);
    }

    public IReadOnlyList<DayCounts<NumericCounts>> NumericCounts(string datasetId, string feature, NumericBinning binning, CancellationToken cancellationToken = default)
    {
        if (!_production.Features.TryGetValue(feature, out var column) || column is not NumericColumn numeric) return [];
        return PerDay(range => AggregateCounting.Numeric(numeric.Values.AsSpan(range.Start, range.Length), binning), cancellationToken);
    }

    public IReadOnlyList<DayCounts<CategoryCounts>> CategoryCounts(string datasetId, string feature, CancellationToken cancellationToken = default)
    {
        if (!_production.Features.TryGetValue(feature, out var column)) return [];
        return column switch
        {
            CategoricalColumn c => PerDay(range => AggregateCounting.Categories(c.Codes.AsSpan(range.Start, range.Length), c.Categories), cancellationToken),
            NumericColumn n when n.Spec.Type == FeatureType.Boolean =>
                PerDay(range => AggregateCounting.Booleans(n.Values.AsSpan(range.Start, range.Length)), cancellationToken),
            _ => [],
        };
    }

    public IReadOnlyList<DayCounts<OutcomeCounts>> OutcomeCounts(string datasetId, double[] scoreEdges, CancellationToken cancellationToken = default) =>
        PerDay(range => AggregateCounting.Outcomes(
            _production.Scores.AsSpan(range.Start, range.Length),
            _production.Predictions.AsSpan(range.Start, range.Length),
            _production.Labels.AsSpan(range.Start, range.Length), scoreEdges), cancellationToken);

    public DatasetFrame Sample(string datasetId, RowSampling sampling, CancellationToken cancellationToken = default) =>
        RowSampler.Sample(_production, sampling);

    private DayCounts<T>[] PerDay<T>(Func<RowRange, T> count, CancellationToken cancellationToken)
    {
        var result = new DayCounts<T>[_days.Length];
        for (var d = 0; d < _days.Length; d++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result[d] = new DayCounts<T>(_days[d], count(new RowRange(_dayStarts[d], _dayStarts[d + 1])));
        }

        return result;
    }

    /// <summary>The distinct days of day-ordered timestamps and where each starts (one extra start: the row count).</summary>
    internal static (long[] Days, int[] Starts) DayStarts(ReadOnlySpan<long> timestamps)
    {
        var days = new List<long>();
        var starts = new List<int>();
        for (var i = 0; i < timestamps.Length; i++)
        {
            var day = UtcDays.DayIndex(timestamps[i]);
            if (days.Count > 0 && day == days[^1]) continue;
            if (days.Count > 0 && day < days[^1]) throw new ArgumentException("production rows must be ordered by UTC day", nameof(timestamps));
            days.Add(day);
            starts.Add(i);
        }

        starts.Add(timestamps.Length);
        return ([.. days], [.. starts]);
    }
}

/// <summary>Applies a <see cref="RowSampling"/> to a day-ordered frame.</summary>
public static class RowSampler
{
    /// <summary>The sampled rows of <paramref name="frame"/> as a new frame (the frame itself when every row is kept).</summary>
    public static DatasetFrame Sample(DatasetFrame frame, RowSampling sampling)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(sampling);
        var (days, starts) = FrameAggregateSource.DayStarts(frame.Timestamps);
        var kept = new List<int>();
        for (var d = 0; d < days.Length; d++)
        {
            var length = starts[d + 1] - starts[d];
            var step = sampling.Step(length);
            for (var i = starts[d] + sampling.Offset(days[d], step); i < starts[d + 1]; i += step) kept.Add(i);
        }

        return kept.Count == frame.Count ? frame : FrameRows.Select(frame, [.. kept]);
    }

    /// <summary>
    /// Frames of the same features laid end to end (for day-ordered parts in day order, a day-ordered frame). A categorical
    /// column keeps the first part's category list: the parts must share it (as every load of one dataset does).
    /// </summary>
    /// <exception cref="ArgumentException">No parts, or parts with different features or category lists.</exception>
    public static DatasetFrame Concat(IReadOnlyList<DatasetFrame> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new ArgumentException("nothing to concatenate", nameof(parts));
        var features = new Dictionary<string, FeatureColumn>(StringComparer.Ordinal);
        foreach (var (name, first) in parts[0].Features)
        {
            features[name] = first switch
            {
                NumericColumn n => n with { Values = Join(parts, f => ((NumericColumn)Column(f, name)).Values) },
                CategoricalColumn c => c with
                {
                    Codes = Join(parts, f => Column(f, name) is CategoricalColumn other && other.Categories.SequenceEqual(c.Categories)
                        ? other.Codes
                        : throw new ArgumentException($"the parts' categories of '{name}' differ", nameof(parts))),
                },
                _ => throw new ArgumentException($"feature '{name}' is held in an unknown column type", nameof(parts)),
            };
        }

        return new DatasetFrame
        {
            Timestamps = Join(parts, f => f.Timestamps),
            Scores = Join(parts, f => f.Scores),
            Predictions = Join(parts, f => f.Predictions),
            Labels = Join(parts, f => f.Labels),
            LabelKnownAt = Join(parts, f => f.LabelKnownAt),
            Features = features,
        };
    }

    private static FeatureColumn Column(DatasetFrame frame, string name) =>
        frame.Features.TryGetValue(name, out var column) ? column : throw new ArgumentException($"a part lacks feature '{name}'");

    private static T[] Join<T>(IReadOnlyList<DatasetFrame> parts, Func<DatasetFrame, T[]> column)
    {
        var total = 0;
        foreach (var part in parts) total += part.Count;
        var result = new T[total];
        var offset = 0;
        foreach (var part in parts)
        {
            var values = column(part);
            values.CopyTo(result, offset);
            offset += values.Length;
        }

        return result;
    }
}
