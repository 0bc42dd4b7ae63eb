using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Surrogate;

/// <summary>
/// Confusion counts at a threshold (flag when score ≥ threshold) for rows with scores aligned to <c>rows</c>;
/// rows with an unknown label count towards <see cref="Rows"/> and <see cref="Flagged"/> only.
/// Recall is NaN without positives, precision NaN without flags.
/// </summary>
internal readonly record struct ThresholdCounts(int Rows, int Positives, int Flagged, int TruePositives)
{
    public double Recall => Positives == 0 ? double.NaN : (double)TruePositives / Positives;
    public double Precision => Flagged == 0 ? double.NaN : (double)TruePositives / Flagged;
    public double FlagRate => Rows == 0 ? double.NaN : (double)Flagged / Rows;

    public static ThresholdCounts At(ReadOnlySpan<double> scores, double threshold, sbyte[] labels, int[] rows)
    {
        int positives = 0, flagged = 0, truePositives = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var flag = scores[i] >= threshold;
            var positive = labels[rows[i]] == LabelValue.Positive;
            if (flag)
            {
                flagged++;
            }
            if (positive)
            {
                positives++;
                if (flag)
                {
                    truePositives++;
                }
            }
        }
        return new ThresholdCounts(rows.Length, positives, flagged, truePositives);
    }

    /// <summary>
    /// The highest threshold whose recall on these positive scores is at least <paramref name="recall"/>:
    /// the k-th highest positive score with k = ⌈recall · positives⌉ (at least 1). NaN without positives.
    /// </summary>
    public static double ThresholdForRecall(ReadOnlySpan<double> positiveScores, double recall)
    {
        if (positiveScores.Length == 0)
        {
            return double.NaN;
        }
        var sorted = positiveScores.ToArray();
        Array.Sort(sorted);
        var k = Math.Clamp((int)Math.Ceiling(recall * sorted.Length - 1e-9), 1, sorted.Length);
        return sorted[sorted.Length - k];
    }

    /// <summary>
    /// The threshold flagging (about) the share <paramref name="flagRate"/> of these scores: the k-th highest score with k = round(rate · n).
    /// +∞ (flag nothing) when k is 0; NaN for empty input.
    /// </summary>
    public static double ThresholdForFlagRate(ReadOnlySpan<double> scores, double flagRate)
    {
        if (scores.Length == 0)
        {
            return double.NaN;
        }
        var k = (int)Math.Round(Math.Clamp(flagRate, 0, 1) * scores.Length);
        if (k == 0)
        {
            return double.PositiveInfinity;
        }
        var sorted = scores.ToArray();
        Array.Sort(sorted);
        return sorted[sorted.Length - k];
    }
}
