using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Aggregates;

/// <summary>
/// The counting a store does for <see cref="IWindowAggregateSource"/> when it holds rows column-wise (one pass per column
/// span, no per-row allocation): what <c>GROUP BY day, cell</c> does in SQL. A store calls these once per day's span.
/// </summary>
public static class AggregateCounting
{
    /// <summary>A numeric column span on a binning's cells (NaN missing).</summary>
    public static NumericCounts Numeric(ReadOnlySpan<double> values, NumericBinning binning)
    {
        ArgumentNullException.ThrowIfNull(binning);
        var cells = new long[binning.CellCount];
        var cuts = binning.Cuts.AsSpan();
        foreach (var v in values)
        {
            if (!double.IsNaN(v)) cells[NumericBinning.CellOf(cuts, v)]++;
        }

        return new NumericCounts(values.Length, cells);
    }

    /// <summary>A categorical column span: codes index <paramref name="categories"/>, negative codes are missing.</summary>
    /// <exception cref="ArgumentException">A code is outside the category list.</exception>
    public static CategoryCounts Categories(ReadOnlySpan<int> codes, IReadOnlyList<string> categories)
    {
        var perCode = new long[categories.Count];
        long missing = 0;
        foreach (var code in codes)
        {
            if (code < 0) missing++;
            else if (code >= perCode.Length) throw new ArgumentException($"Category code {code} is outside the column's {perCode.Length} categories.", nameof(codes));
            else perCode[code]++;
        }

        return FromPerCode(perCode, i => categories[i], codes.Length, missing, 0);
    }

    /// <summary>A boolean column span stored as doubles: NaN missing, 0 "false", anything else "true" (non-binary unless 1).</summary>
    public static CategoryCounts Booleans(ReadOnlySpan<double> values)
    {
        var perCode = new long[2];
        long missing = 0, nonBinary = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) missing++;
            else if (v == 0) perCode[0]++;
            else
            {
                perCode[1]++;
                if (v != 1) nonBinary++;
            }
        }

        return FromPerCode(perCode, i => i == 0 ? "false" : "true", values.Length, missing, nonBinary);
    }

    /// <summary>Outcome spans per score bucket on <paramref name="scoreEdges"/>; NaN scores go to the last element (one past the buckets).</summary>
    public static OutcomeCounts Outcomes(ReadOnlySpan<double> scores, ReadOnlySpan<byte> predictions, ReadOnlySpan<sbyte> labels, double[] scoreEdges)
    {
        var buckets = scoreEdges.Length + 2;
        var counts = OutcomeCounts.Empty(buckets);
        for (var i = 0; i < scores.Length; i++)
        {
            var bucket = double.IsNaN(scores[i]) ? buckets - 1 : NumericBinning.CellOf(scoreEdges, scores[i]);
            var flagged = predictions[i] != 0;
            counts.Rows[bucket]++;
            if (flagged) counts.Flagged[bucket]++;
            if (labels[i] == LabelValue.Unknown) continue;
            counts.Labelled[bucket]++;
            if (flagged) counts.FlaggedLabelled[bucket]++;
            if (labels[i] != LabelValue.Positive) continue;
            counts.Positives[bucket]++;
            if (flagged) counts.FlaggedPositives[bucket]++;
        }

        return counts;
    }

    private static CategoryCounts FromPerCode(long[] perCode, Func<int, string> name, long rows, long missing, long nonBinary)
    {
        var names = new List<string>();
        var counts = new List<long>();
        for (var i = 0; i < perCode.Length; i++)
        {
            if (perCode[i] == 0) continue;
            names.Add(name(i));
            counts.Add(perCode[i]);
        }

        return new CategoryCounts(rows, missing, nonBinary, [.. names], [.. counts]);
    }
}
