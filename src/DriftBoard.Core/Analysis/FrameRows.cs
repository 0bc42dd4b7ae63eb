using DriftBoard.Core.Analysis.Surrogate;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis;

/// <summary>Row subsets of a <see cref="DatasetFrame"/>, gathered column by column (never as row objects).</summary>
public static class FrameRows
{
    /// <summary>The rows of <paramref name="range"/> whose label is known and equals <paramref name="label"/>.</summary>
    public static int[] WithLabel(DatasetFrame frame, RowRange range, sbyte label)
    {
        var rows = new List<int>();
        var labels = frame.Labels;
        for (var i = range.Start; i < range.End; i++)
            if (labels[i] == label) rows.Add(i);
        return [.. rows];
    }

    /// <summary>A new frame holding the given rows, in the given order.</summary>
    public static DatasetFrame Select(DatasetFrame frame, ReadOnlySpan<int> rows)
    {
        var features = new Dictionary<string, FeatureColumn>(frame.Features.Count, StringComparer.Ordinal);
        foreach (var (name, column) in frame.Features)
        {
            features[name] = column switch
            {
                NumericColumn numeric => numeric with { Values = Gather(numeric.Values, rows) },
                CategoricalColumn categorical => categorical with { Codes = Gather(categorical.Codes, rows) },
                _ => throw new NotSupportedException($"column type {column.GetType().Name}"),
            };
        }

        return new DatasetFrame
        {
            Timestamps = Gather(frame.Timestamps, rows),
            Scores = Gather(frame.Scores, rows),
            Predictions = Gather(frame.Predictions, rows),
            Labels = Gather(frame.Labels, rows),
            LabelKnownAt = Gather(frame.LabelKnownAt, rows),
            Features = features,
        };
    }

    /// <summary>A new frame holding a contiguous range of rows.</summary>
    public static DatasetFrame Slice(DatasetFrame frame, RowRange range) => Select(frame, RowSets.Range(range.Start, range.Length));

    private static T[] Gather<T>(T[] source, ReadOnlySpan<int> rows)
    {
        var target = new T[rows.Length];
        for (var i = 0; i < rows.Length; i++) target[i] = source[rows[i]];
        return target;
    }
}
