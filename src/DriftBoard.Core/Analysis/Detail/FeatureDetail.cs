using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Detail;

/// <summary>Rows <see cref="Rows"/> of <see cref="Frame"/>: one side of a comparison.</summary>
public readonly record struct RowSample(DatasetFrame Frame, RowRange Rows);

/// <summary>Recall among the known positives of one segment: TP / positives, NaN without positives.</summary>
public sealed record SegmentRecall(long Positives, long TruePositives)
{
    public double Recall => Positives == 0 ? double.NaN : (double)TruePositives / Positives;
}

/// <summary>
/// One segment of a feature: a reference bin (numeric: values in (<see cref="Lower"/>, <see cref="Upper"/>], an open
/// end is null), a category, or the missing values (<see cref="IsMissing"/>). Shares are of all rows of each side,
/// missing included, so a side's shares add up to 1 (0 for an empty side).
/// </summary>
public sealed record FeatureSegment(
    string Label,
    double? Lower,
    double? Upper,
    bool IsMissing,
    long ReferenceRows,
    long WindowRows,
    double ReferenceShare,
    double WindowShare,
    long ReferencePositives,
    long WindowPositives,
    double ReferencePositiveShare,
    double WindowPositiveShare,
    SegmentRecall WindowRecall,
    SegmentRecall ReferencePeriodRecall);

/// <summary>
/// One feature in one chosen window against the reference, for the drill-down page: the histogram of the reference and of
/// the window on the reference's bins (numeric: the PSI decile bins of <see cref="ReferenceProfile"/>; categorical and
/// boolean: per category), the same among labelled positives only, and the model's recall by segment in the window and in
/// the production reference period (flagged = the logged decision). <see cref="Series"/> is the feature's per-window
/// statistics from the report and <see cref="Statistics"/> its entry for the chosen window.
/// </summary>
/// <param name="ReferencePeriod">The production period the reference recall is measured on (the calibration period).</param>
/// <param name="OtherCategories">Categories folded into the "other" segment because there were more than the cap.</param>
public sealed record FeatureDetail(
    string Feature,
    string Type,
    TimeWindow Window,
    TimeWindow? ReferencePeriod,
    long ReferenceRows,
    long WindowRows,
    long ReferencePositives,
    long WindowPositives,
    IReadOnlyList<FeatureSegment> Segments,
    int OtherCategories,
    FeatureDriftSeries? Series,
    DriftWindowReport? Statistics)
{
    /// <summary>Segment labels of the numeric bins and the two extra segments.</summary>
    public const string MissingLabel = "(missing)";
    public const string OtherLabel = "(other)";

    /// <summary>Categories shown one by one before the rest are folded into "(other)" (default 30).</summary>
    public const int DefaultMaxCategories = 30;

    /// <summary>
    /// The detail of <paramref name="spec"/> in <paramref name="window"/> (the rows <paramref name="windowRows"/>) against
    /// <paramref name="reference"/> (the training data, or a production period as its own frame). Recall is compared with
    /// the production rows <paramref name="periodRows"/> of <paramref name="referencePeriod"/> (null for none). The feature
    /// must be in every frame.
    /// </summary>
    public static FeatureDetail Compute(
        FeatureSpec spec,
        DatasetFrame reference,
        TimeWindow window,
        RowSample windowRows,
        TimeWindow? referencePeriod,
        RowSample? periodRows,
        FeatureDriftSeries? series,
        int maxCategories = DefaultMaxCategories)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCategories, 1);
        var referenceSample = new RowSample(reference, new RowRange(0, reference.Count));
        RowSample[] samples = periodRows is { } period ? [referenceSample, windowRows, period] : [referenceSample, windowRows];
        var columns = samples.Select(sample => Column(sample.Frame, spec)).ToArray();
        var segmenter = spec.Type == FeatureType.Numeric
            ? Segmenter.Numeric(ReferenceProfile.Build(columns[0]))
            : Segmenter.Categorical(spec, [.. columns.Select((column, i) => (column, samples[i].Rows))], maxCategories);

        var count = segmenter.Count;
        var tallies = new Tally[3];
        for (var i = 0; i < tallies.Length; i++)
        {
            tallies[i] = new Tally(count);
            if (i < samples.Length) segmenter.Add(columns[i], samples[i].Frame, samples[i].Rows, tallies[i]);
        }

        var (referenceTally, windowTally, periodTally) = (tallies[0], tallies[1], tallies[2]);
        var segments = new List<FeatureSegment>(count);
        for (var s = 0; s < count; s++)
        {
            var isMissing = s == segmenter.MissingIndex;
            // The missing segment is always last and shown only when some side has a missing value.
            if (isMissing && referenceTally.Rows[s] + windowTally.Rows[s] + periodTally.Rows[s] == 0) continue;
            var (label, lower, upper) = segmenter.Describe(s);
            segments.Add(new FeatureSegment(
                label, lower, upper, isMissing,
                referenceTally.Rows[s], windowTally.Rows[s],
                Share(referenceTally.Rows[s], referenceTally.TotalRows), Share(windowTally.Rows[s], windowTally.TotalRows),
                referenceTally.Positives[s], windowTally.Positives[s],
                Share(referenceTally.Positives[s], referenceTally.TotalPositives), Share(windowTally.Positives[s], windowTally.TotalPositives),
                new SegmentRecall(windowTally.Positives[s], windowTally.TruePositives[s]),
                new SegmentRecall(periodTally.Positives[s], periodTally.TruePositives[s])));
        }

        var statistics = series?.Windows.FirstOrDefault(w => w.Start == window.Start);
        return new FeatureDetail(spec.Name, TypeName(spec.Type), window, referencePeriod,
            referenceTally.TotalRows, windowTally.TotalRows, referenceTally.TotalPositives, windowTally.TotalPositives,
            segments, segmenter.OtherCategories, series, statistics);
    }

    /// <summary>
    /// The window the drill-down opens on: the one with the largest PSI among windows large enough to judge, else among
    /// all windows; null when no window has a PSI.
    /// </summary>
    public static DateOnly? DefaultWindow(FeatureDriftSeries series)
    {
        DriftWindowReport? best = null;
        foreach (var judged in new[] { true, false })
        {
            foreach (var w in series.Windows)
            {
                if ((judged && w.TooSmall) || w.Psi is not { } psi || double.IsNaN(psi)) continue;
                if (best is null || psi > best.Psi) best = w;
            }

            if (best is not null) break;
        }

        return best?.Start;
    }

    private static FeatureColumn Column(DatasetFrame frame, FeatureSpec spec) =>
        frame.Features.TryGetValue(spec.Name, out var column)
            ? column with { Spec = spec }
            : throw new ArgumentException($"the frame has no feature '{spec.Name}'", nameof(spec));

    private static double Share(long part, long total) => total == 0 ? 0 : (double)part / total;

    private static string TypeName(FeatureType type) => type switch
    {
        FeatureType.Numeric => DriftSeriesType.Numeric,
        FeatureType.Categorical => DriftSeriesType.Categorical,
        _ => DriftSeriesType.Boolean,
    };

    /// <summary>Per-segment counts of one side: rows, known positives, and flagged known positives.</summary>
    private sealed class Tally(int segments)
    {
        public long[] Rows { get; } = new long[segments];
        public long[] Positives { get; } = new long[segments];
        public long[] TruePositives { get; } = new long[segments];
        public long TotalRows { get; private set; }
        public long TotalPositives { get; private set; }

        public void Add(int segment, sbyte label, byte prediction)
        {
            Rows[segment]++;
            TotalRows++;
            if (label != LabelValue.Positive) return;
            Positives[segment]++;
            TotalPositives++;
            if (prediction == 1) TruePositives[segment]++;
        }
    }

    /// <summary>Maps a row's value to its segment; the missing segment is the last one.</summary>
    private abstract class Segmenter
    {
        public abstract int Count { get; }
        public int MissingIndex => Count - 1;
        public virtual int OtherCategories => 0;
        public abstract (string Label, double? Lower, double? Upper) Describe(int segment);
        public abstract void Add(FeatureColumn column, DatasetFrame frame, RowRange rows, Tally tally);

        public static Segmenter Numeric(ReferenceProfile profile) => new NumericSegmenter(profile.Edges.ToArray());

        public static Segmenter Categorical(FeatureSpec spec, IReadOnlyList<(FeatureColumn Column, RowRange Rows)> samples, int maxCategories)
        {
            // The reference's categories in its column order, then those only the window has; past the cap the least
            // frequent (over both samples) are folded into "(other)".
            var totals = new Dictionary<string, long>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var (column, rows) in samples)
            {
                var names = CategoryNames(column);
                var perCode = CountCodes(column, rows, names.Count);
                for (var code = 0; code < perCode.Length; code++)
                {
                    if (perCode[code] == 0) continue;
                    var name = names[code];
                    if (!totals.TryAdd(name, perCode[code])) totals[name] += perCode[code];
                    else order.Add(name);
                }
            }

            List<string> kept = order;
            if (order.Count > maxCategories)
            {
                var position = new Dictionary<string, int>(order.Count, StringComparer.Ordinal);
                for (var i = 0; i < order.Count; i++) position[order[i]] = i;
                kept = [.. order.OrderByDescending(name => totals[name]).ThenBy(name => position[name]).Take(maxCategories).OrderBy(name => position[name])];
            }

            return new CategorySegmenter(spec.Type, kept, order.Count - kept.Count);
        }

        protected static IReadOnlyList<string> CategoryNames(FeatureColumn column) =>
            column is CategoricalColumn categorical ? categorical.Categories : CategoryTally.BooleanNames;

        /// <summary>Code of a row: the category code, or for booleans 0 (false) and 1 (anything else); -1 when missing.</summary>
        protected static int[] CountCodes(FeatureColumn column, RowRange rows, int categories)
        {
            var counts = new int[categories];
            for (var i = rows.Start; i < rows.End; i++)
            {
                var code = CodeOf(column, i);
                if (code >= 0) counts[code]++;
            }

            return counts;
        }

        protected static int CodeOf(FeatureColumn column, int row) => column switch
        {
            CategoricalColumn c => c.Codes[row],
            NumericColumn n => double.IsNaN(n.Values[row]) ? -1 : n.Values[row] == 0 ? 0 : 1,
            _ => throw new NotSupportedException($"column type {column.GetType().Name}"),
        };
    }

    private sealed class NumericSegmenter(double[] edges) : Segmenter
    {
        // edges.Length + 1 bins, then the missing segment.
        public override int Count => edges.Length + 2;

        public override (string Label, double? Lower, double? Upper) Describe(int segment)
        {
            if (segment == MissingIndex) return (MissingLabel, null, null);
            double? lower = segment == 0 ? null : edges[segment - 1];
            double? upper = segment == edges.Length ? null : edges[segment];
            var label = (lower, upper) switch
            {
                (null, null) => "all values",
                (null, { } u) => $"≤ {Format(u)}",
                ({ } l, null) => $"> {Format(l)}",
                ({ } l, { } u) => $"{Format(l)} – {Format(u)}",
            };
            return (label, lower, upper);
        }

        public override void Add(FeatureColumn column, DatasetFrame frame, RowRange rows, Tally tally)
        {
            var values = ((NumericColumn)column).Values;
            for (var i = rows.Start; i < rows.End; i++)
            {
                var v = values[i];
                int segment;
                if (double.IsNaN(v))
                {
                    segment = MissingIndex;
                }
                else
                {
                    // The same bin rule as PopulationStabilityIndex.Histogram: an exact edge closes its bin.
                    var index = Array.BinarySearch(edges, v);
                    segment = index >= 0 ? index : ~index;
                }

                tally.Add(segment, frame.Labels[i], frame.Predictions[i]);
            }
        }

        private static string Format(double value) => value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class CategorySegmenter : Segmenter
    {
        private readonly List<string> names;
        private readonly int other;
        private readonly Dictionary<string, int> index;

        public CategorySegmenter(FeatureType type, List<string> kept, int other)
        {
            names = type == FeatureType.Boolean ? [.. CategoryTally.BooleanNames] : kept;
            this.other = type == FeatureType.Boolean ? 0 : other;
            index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++) index[names[i]] = i;
        }

        // The kept categories, "(other)" when some were folded, then the missing segment.
        public override int Count => names.Count + (other > 0 ? 1 : 0) + 1;

        public override int OtherCategories => other;

        public override (string Label, double? Lower, double? Upper) Describe(int segment) =>
            (segment < names.Count ? names[segment] : segment == MissingIndex ? MissingLabel : OtherLabel, null, null);

        public override void Add(FeatureColumn column, DatasetFrame frame, RowRange rows, Tally tally)
        {
            // One name lookup per distinct code, not per row.
            var columnNames = CategoryNames(column);
            var segmentOfCode = new int[columnNames.Count];
            for (var code = 0; code < segmentOfCode.Length; code++)
                segmentOfCode[code] = index.TryGetValue(columnNames[code], out var s) ? s : names.Count;
            for (var i = rows.Start; i < rows.End; i++)
            {
                var code = CodeOf(column, i);
                tally.Add(code < 0 ? MissingIndex : segmentOfCode[code], frame.Labels[i], frame.Predictions[i]);
            }
        }
    }
}
