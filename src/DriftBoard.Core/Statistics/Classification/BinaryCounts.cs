namespace DriftBoard.Core.Statistics.Classification;

/// <summary>
/// Confusion counts of a binary classifier over some rows. <see cref="Rows"/> and <see cref="Flagged"/> count every row,
/// labelled or not; the four cells count labelled rows only.
/// </summary>
public readonly record struct BinaryCounts(long Rows, long Flagged, long TruePositives, long FalseNegatives, long FalsePositives, long TrueNegatives)
{
    public long Positives => TruePositives + FalseNegatives;

    public long Negatives => FalsePositives + TrueNegatives;

    public long Labelled => Positives + Negatives;

    /// <summary>
    /// Counts rows with labels -1 (unknown), 0 or 1 and predictions 0/1 (any non-zero prediction counts as flagged).
    /// One pass, no allocation. The spans must have the same length.
    /// </summary>
    public static BinaryCounts Count(ReadOnlySpan<sbyte> labels, ReadOnlySpan<byte> predictions)
    {
        if (labels.Length != predictions.Length)
        {
            throw new ArgumentException("Labels and predictions must have the same length.", nameof(predictions));
        }

        long flagged = 0, tp = 0, fn = 0, fp = 0, tn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var isFlagged = predictions[i] != 0;
            if (isFlagged)
            {
                flagged++;
            }

            switch (labels[i])
            {
                case 1 when isFlagged: tp++; break;
                case 1: fn++; break;
                case 0 when isFlagged: fp++; break;
                case 0: tn++; break;
            }
        }

        return new BinaryCounts(labels.Length, flagged, tp, fn, fp, tn);
    }
}

/// <summary>Recall, precision and alert rate from confusion counts, with Wilson intervals.</summary>
public static class ClassificationRates
{
    /// <summary>TP / (TP + FN) over labelled positives; <see cref="ProportionEstimate.Undefined"/> with no positives.</summary>
    public static ProportionEstimate Recall(BinaryCounts counts, double confidence = 0.95) =>
        ProportionEstimate.Wilson(counts.TruePositives, counts.Positives, confidence);

    /// <summary>TP / (TP + FP) over labelled flagged rows; <see cref="ProportionEstimate.Undefined"/> when no labelled row is flagged.</summary>
    public static ProportionEstimate Precision(BinaryCounts counts, double confidence = 0.95) =>
        ProportionEstimate.Wilson(counts.TruePositives, counts.TruePositives + counts.FalsePositives, confidence);

    /// <summary>Share of all rows flagged, labelled or not; NaN with no rows.</summary>
    public static double AlertRate(BinaryCounts counts) => counts.Rows == 0 ? double.NaN : (double)counts.Flagged / counts.Rows;
}
