using System.Globalization;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Surrogate;

/// <summary>
/// How <see cref="FeatureEncoder"/> expands features.
/// </summary>
/// <param name="MinCategoryShare">A category gets its own one-hot column when its share of the reference rows is at least this; rarer and unseen categories share the "other" column.</param>
/// <param name="SplineKnots">Hinge terms per numeric feature, at reference quantiles k/(knots+1); together with the linear term they form a piecewise-linear spline.</param>
/// <param name="Clip">Standardised numeric values are clipped to ±this, so out-of-range inputs stay bounded.</param>
public sealed record FeatureEncoderOptions(double MinCategoryShare = 0.005, int SplineKnots = 4, double Clip = 5.0)
{
    public static FeatureEncoderOptions Default { get; } = new();
}

/// <summary>
/// Turns a frame's feature columns into a dense numeric design matrix, fitted on reference rows.
/// <list type="bullet">
/// <item>Numeric: robust z = (x − median) / (IQR / 1.349) (standard deviation when the IQR is 0, 1 when both are), clipped to ±<see cref="FeatureEncoderOptions.Clip"/>;
/// hinge terms max(0, z − knot) at reference quantiles; a missing indicator (NaN → z = 0, hinges 0, indicator 1). ±∞ clip like any out-of-range number.</item>
/// <item>Boolean: 1 for any non-zero value, 0 for zero, plus a missing indicator.</item>
/// <item>Categorical: one-hot for categories with a reference share of at least <see cref="FeatureEncoderOptions.MinCategoryShare"/>;
/// rare categories, categories never seen in fitting and out-of-range codes go to "other"; -1 goes to "missing".
/// Categories are matched by name, so frames with different category lists (training vs production) encode consistently.</item>
/// </list>
/// There is no intercept column; models add their own. Features are ordered by ordinal name unless given explicitly.
/// </summary>
public sealed class FeatureEncoder
{
    const int BlockRows = 2048;
    readonly ColumnEncoder[] _encoders;

    FeatureEncoder(ColumnEncoder[] encoders, FeatureEncoderOptions options)
    {
        _encoders = encoders;
        Options = options;
        var names = new List<string>();
        foreach (var encoder in encoders)
        {
            names.AddRange(encoder.ColumnNames);
        }
        ColumnNames = names;
        Features = Array.ConvertAll(encoders, e => e.Feature);
    }

    public FeatureEncoderOptions Options { get; }

    /// <summary>The encoded features, in column order.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>One name per design column, e.g. <c>amount</c>, <c>amount:hinge@0.42</c>, <c>amount:missing</c>, <c>channel=web</c>, <c>channel:other</c>.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    public int ColumnCount => ColumnNames.Count;

    /// <summary>
    /// Fits the encoder on <paramref name="rows"/> of <paramref name="frame"/>.
    /// With no rows every numeric feature gets median 0, scale 1, no knots, and every categorical only "other" and "missing".
    /// </summary>
    /// <param name="features">Features to encode, in this order; null encodes every feature of the frame in ordinal name order.</param>
    public static FeatureEncoder Fit(DatasetFrame frame, int[] rows, IReadOnlyList<string>? features = null, FeatureEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(rows);
        options ??= FeatureEncoderOptions.Default;
        var names = features?.ToArray() ?? frame.Features.Keys.Order(StringComparer.Ordinal).ToArray();
        var encoders = new ColumnEncoder[names.Length];
        for (var f = 0; f < names.Length; f++)
        {
            var column = Column(frame, names[f]);
            encoders[f] = column switch
            {
                CategoricalColumn categorical => CategoricalEncoder.Fit(names[f], categorical, rows, options),
                NumericColumn numeric when numeric.Spec.Type == FeatureType.Boolean => new BooleanEncoder(names[f]),
                NumericColumn numeric => NumericEncoder.Fit(names[f], numeric, rows, options),
                _ => throw new ArgumentException($"Feature '{names[f]}' has an unsupported column type {column.GetType().Name}."),
            };
        }
        return new FeatureEncoder(encoders, options);
    }

    /// <summary>The design matrix for <paramref name="rows"/>, row-major: row i occupies [i * ColumnCount, (i + 1) * ColumnCount).</summary>
    public double[] Encode(DatasetFrame frame, int[] rows) => EncodeAll(Bind(frame, null, null), rows);

    /// <summary>
    /// As <see cref="Encode(DatasetFrame, int[])"/>, but feature <paramref name="feature"/> takes its values from <paramref name="replacement"/>,
    /// a column aligned with <paramref name="rows"/> (element i belongs to rows[i]).
    /// </summary>
    public double[] Encode(DatasetFrame frame, int[] rows, string feature, FeatureColumn replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        if (replacement.Length != rows.Length)
        {
            throw new ArgumentException($"The replacement column has {replacement.Length} values for {rows.Length} rows.", nameof(replacement));
        }
        return EncodeAll(Bind(frame, feature, replacement), rows);
    }

    double[] EncodeAll(BoundEncoder bound, int[] rows)
    {
        var width = ColumnCount;
        var result = new double[(long)rows.Length * width];
        for (var start = 0; start < rows.Length; start += BlockRows)
        {
            var count = Math.Min(BlockRows, rows.Length - start);
            bound.EncodeBlock(rows, start, count, result.AsSpan(start * width, count * width), width, 0);
        }
        return result;
    }

    /// <summary>Binds the encoder to a frame's columns once (category maps are built here), for block-wise encoding.</summary>
    internal BoundEncoder Bind(DatasetFrame frame, string? overrideFeature, FeatureColumn? overrideColumn)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (overrideFeature is not null && !Features.Contains(overrideFeature))
        {
            throw new ArgumentException($"Feature '{overrideFeature}' is not encoded by this encoder.", nameof(overrideFeature));
        }
        var parts = new BoundColumn[_encoders.Length];
        var offset = 0;
        for (var f = 0; f < _encoders.Length; f++)
        {
            var encoder = _encoders[f];
            var isOverride = encoder.Feature == overrideFeature;
            var column = isOverride ? overrideColumn! : Column(frame, encoder.Feature);
            parts[f] = new BoundColumn(encoder.Bind(column), offset, isOverride);
            offset += encoder.Width;
        }
        return new BoundEncoder(parts);
    }

    static FeatureColumn Column(DatasetFrame frame, string name) =>
        frame.Features.TryGetValue(name, out var column)
            ? column
            : throw new ArgumentException($"The frame has no feature '{name}'.", nameof(frame));

    internal readonly record struct BoundColumn(IColumnWriter Writer, int Offset, bool AlignedToRows);

    /// <summary>An encoder bound to concrete columns; encodes blocks of rows into a row-major span.</summary>
    internal sealed class BoundEncoder(BoundColumn[] parts)
    {
        /// <summary>
        /// Writes rows[start..start+count) into <paramref name="destination"/> (row r at r * stride + columnOffset).
        /// Columns replaced by an override are read at the row's position in <paramref name="rows"/>, the others at the row index.
        /// </summary>
        public void EncodeBlock(int[] rows, int start, int count, Span<double> destination, int stride, int columnOffset)
        {
            foreach (var part in parts)
            {
                part.Writer.Write(part.AlignedToRows ? null : rows, start, count, destination, stride, columnOffset + part.Offset);
            }
        }
    }

    internal interface IColumnWriter
    {
        /// <summary>Source index of block row i is rows[start + i], or start + i when rows is null.</summary>
        void Write(int[]? rows, int start, int count, Span<double> destination, int stride, int column);
    }

    abstract class ColumnEncoder(string feature)
    {
        public string Feature { get; } = feature;
        public abstract IReadOnlyList<string> ColumnNames { get; }
        public int Width => ColumnNames.Count;
        public abstract IColumnWriter Bind(FeatureColumn column);

        protected NumericColumn RequireNumeric(FeatureColumn column) =>
            column as NumericColumn ?? throw new ArgumentException($"Feature '{Feature}' was fitted as numeric but got {column.GetType().Name}.");
    }

    sealed class NumericEncoder : ColumnEncoder
    {
        readonly double _center;
        readonly double _scale;
        readonly double _clip;
        readonly double[] _knots;

        NumericEncoder(string feature, double center, double scale, double clip, double[] knots) : base(feature)
        {
            _center = center;
            _scale = scale;
            _clip = clip;
            _knots = knots;
            var names = new List<string> { feature };
            foreach (var knot in knots)
            {
                names.Add($"{feature}:hinge@{knot.ToString("0.###", CultureInfo.InvariantCulture)}");
            }
            names.Add($"{feature}:missing");
            ColumnNames = names;
        }

        public override IReadOnlyList<string> ColumnNames { get; }

        public static NumericEncoder Fit(string feature, NumericColumn column, int[] rows, FeatureEncoderOptions options)
        {
            var values = new double[rows.Length];
            var n = 0;
            foreach (var row in rows)
            {
                var x = column.Values[row];
                if (double.IsFinite(x))
                {
                    values[n++] = x;
                }
            }
            if (n == 0)
            {
                return new NumericEncoder(feature, 0, 1, options.Clip, []);
            }
            var sorted = values.AsSpan(0, n);
            sorted.Sort();
            var center = Quantile(sorted, 0.5);
            var scale = (Quantile(sorted, 0.75) - Quantile(sorted, 0.25)) / 1.349;
            if (!(scale > 1e-12))
            {
                scale = StandardDeviation(sorted);
            }
            if (!(scale > 1e-12))
            {
                scale = 1;
            }
            // Knots in standardised units; ties (zero-inflated or discrete features) collapse into one knot,
            // and a knot at or beyond the extremes would only duplicate the linear term or never fire.
            var min = Math.Max(-options.Clip, (sorted[0] - center) / scale);
            var max = Math.Min(options.Clip, (sorted[n - 1] - center) / scale);
            var knots = new List<double>();
            for (var k = 1; k <= options.SplineKnots; k++)
            {
                var knot = Math.Clamp((Quantile(sorted, k / (options.SplineKnots + 1.0)) - center) / scale, -options.Clip, options.Clip);
                if (knot > min + 1e-9 && knot < max - 1e-9 && (knots.Count == 0 || knot > knots[^1] + 1e-9))
                {
                    knots.Add(knot);
                }
            }
            return new NumericEncoder(feature, center, scale, options.Clip, knots.ToArray());
        }

        public override IColumnWriter Bind(FeatureColumn column) => new Writer(this, RequireNumeric(column).Values);

        sealed class Writer(NumericEncoder encoder, double[] values) : IColumnWriter
        {
            public void Write(int[]? rows, int start, int count, Span<double> destination, int stride, int column)
            {
                var knots = encoder._knots;
                for (var i = 0; i < count; i++)
                {
                    var x = values[rows is null ? start + i : rows[start + i]];
                    var cell = destination.Slice(i * stride + column, knots.Length + 2);
                    if (double.IsNaN(x))
                    {
                        cell.Clear();
                        cell[^1] = 1;
                        continue;
                    }
                    var z = Math.Clamp((x - encoder._center) / encoder._scale, -encoder._clip, encoder._clip);
                    cell[0] = z;
                    for (var k = 0; k < knots.Length; k++)
                    {
                        cell[k + 1] = z > knots[k] ? z - knots[k] : 0;
                    }
                    cell[^1] = 0;
                }
            }
        }
    }

    sealed class BooleanEncoder(string feature) : ColumnEncoder(feature)
    {
        public override IReadOnlyList<string> ColumnNames { get; } = [feature, $"{feature}:missing"];

        public override IColumnWriter Bind(FeatureColumn column) => new Writer(RequireNumeric(column).Values);

        sealed class Writer(double[] values) : IColumnWriter
        {
            public void Write(int[]? rows, int start, int count, Span<double> destination, int stride, int column)
            {
                for (var i = 0; i < count; i++)
                {
                    var x = values[rows is null ? start + i : rows[start + i]];
                    var at = i * stride + column;
                    var missing = double.IsNaN(x);
                    destination[at] = !missing && x != 0 ? 1 : 0;
                    destination[at + 1] = missing ? 1 : 0;
                }
            }
        }
    }

    sealed class CategoricalEncoder : ColumnEncoder
    {
        readonly Dictionary<string, int> _slots;

        CategoricalEncoder(string feature, string[] kept) : base(feature)
        {
            _slots = new Dictionary<string, int>(StringComparer.Ordinal);
            var names = new List<string>();
            for (var i = 0; i < kept.Length; i++)
            {
                _slots[kept[i]] = i;
                names.Add($"{feature}={kept[i]}");
            }
            names.Add($"{feature}:other");
            names.Add($"{feature}:missing");
            ColumnNames = names;
        }

        public override IReadOnlyList<string> ColumnNames { get; }

        public static CategoricalEncoder Fit(string feature, CategoricalColumn column, int[] rows, FeatureEncoderOptions options)
        {
            var counts = new long[column.Categories.Count];
            foreach (var row in rows)
            {
                var code = column.Codes[row];
                if ((uint)code < (uint)counts.Length)
                {
                    counts[code]++;
                }
            }
            // Shares are of all reference rows, missing included; ties in count are broken by name for determinism.
            var byName = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var c = 0; c < counts.Length; c++)
            {
                if (counts[c] > 0)
                {
                    byName[column.Categories[c]] = byName.GetValueOrDefault(column.Categories[c]) + counts[c];
                }
            }
            var minimum = options.MinCategoryShare * rows.Length;
            var kept = byName.Where(kv => kv.Value >= minimum)
                .OrderByDescending(kv => kv.Value)
                .ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => kv.Key)
                .ToArray();
            return new CategoricalEncoder(feature, kept);
        }

        public override IColumnWriter Bind(FeatureColumn column)
        {
            var categorical = column as CategoricalColumn
                ?? throw new ArgumentException($"Feature '{Feature}' was fitted as categorical but got {column.GetType().Name}.");
            var other = _slots.Count;
            var slotOfCode = new int[categorical.Categories.Count];
            for (var c = 0; c < slotOfCode.Length; c++)
            {
                slotOfCode[c] = _slots.TryGetValue(categorical.Categories[c], out var slot) ? slot : other;
            }
            return new Writer(categorical.Codes, slotOfCode, other, Width);
        }

        sealed class Writer(int[] codes, int[] slotOfCode, int other, int width) : IColumnWriter
        {
            public void Write(int[]? rows, int start, int count, Span<double> destination, int stride, int column)
            {
                for (var i = 0; i < count; i++)
                {
                    var code = codes[rows is null ? start + i : rows[start + i]];
                    var cell = destination.Slice(i * stride + column, width);
                    cell.Clear();
                    var slot = code == CategoricalColumn.Missing ? other + 1
                        : (uint)code < (uint)slotOfCode.Length ? slotOfCode[code]
                        : other;
                    cell[slot] = 1;
                }
            }
        }
    }

    /// <summary>Linear interpolation between order statistics (type 7) of a sorted, non-empty span.</summary>
    static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    static double StandardDeviation(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return 0;
        }
        double mean = 0;
        foreach (var v in values)
        {
            mean += v;
        }
        mean /= values.Length;
        double ss = 0;
        foreach (var v in values)
        {
            ss += (v - mean) * (v - mean);
        }
        return Math.Sqrt(ss / (values.Length - 1));
    }
}
