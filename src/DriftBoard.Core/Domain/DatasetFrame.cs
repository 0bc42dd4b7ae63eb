namespace DriftBoard.Core.Domain;

/// <summary>Label values as stored per row.</summary>
public static class LabelValue
{
    public const sbyte Unknown = -1;
    public const sbyte Negative = 0;
    public const sbyte Positive = 1;
}

/// <summary>A feature's values for the rows of a frame, column-wise.</summary>
public abstract record FeatureColumn(FeatureSpec Spec)
{
    public abstract int Length { get; }
}

/// <summary>Numeric and boolean features: <see cref="double.NaN"/> marks a missing value; booleans are 0 or 1.</summary>
public sealed record NumericColumn(FeatureSpec Spec, double[] Values) : FeatureColumn(Spec)
{
    public override int Length => Values.Length;
}

/// <summary>Categorical features: codes index <see cref="Categories"/>; -1 marks a missing value.</summary>
public sealed record CategoricalColumn(FeatureSpec Spec, int[] Codes, IReadOnlyList<string> Categories) : FeatureColumn(Spec)
{
    public const int Missing = -1;
    public override int Length => Codes.Length;
}

/// <summary>
/// Rows of one source (production log or training data) held column-wise, never as one object per row.
/// Production frames are ordered by UTC day (rows within a day keep file order).
/// Timestamps and label times are Unix milliseconds, UTC.
/// </summary>
public sealed class DatasetFrame
{
    public required long[] Timestamps { get; init; }
    /// <summary>Model score per row; NaN where the source has none (training data).</summary>
    public required double[] Scores { get; init; }
    /// <summary>Decision per row (1 flagged, 0 not); for training data the threshold rule applied to the score, or 0.</summary>
    public required byte[] Predictions { get; init; }
    /// <summary><see cref="LabelValue"/> per row as known at the dataset's as-of time.</summary>
    public required sbyte[] Labels { get; init; }
    /// <summary>When each row's label became known (Unix ms); <see cref="long.MaxValue"/> when it never did by as-of.</summary>
    public required long[] LabelKnownAt { get; init; }
    public required IReadOnlyDictionary<string, FeatureColumn> Features { get; init; }

    public int Count => Timestamps.Length;
}
