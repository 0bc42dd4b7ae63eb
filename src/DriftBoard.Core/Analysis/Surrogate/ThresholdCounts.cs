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
    /// The threshold flagging the share of these scores nearest to <paramref name="flagRate"/>, chosen among the distinct
    /// score values (and +∞, flagging nothing): with ties a threshold flags a whole tied group or none of it, so the share
    /// achieved can differ from the target; callers report the share achieved, never the target. On equal distance the
    /// threshold flagging fewer rows wins. NaN for empty input; NaN scores are never flagged.
    /// </summary>
    public static double ThresholdForFlagRate(ReadOnlySpan<double> scores, double flagRate)
    {
        if (scores.Length == 0)
        {
            return double.NaN;
        }
        var target = Math.Clamp(flagRate, 0, 1) * scores.Length;
        var sorted = scores.ToArray();
        Array.Sort(sorted);
        var best = double.PositiveInfinity;
        var bestDistance = target;
        // Walk the distinct values from the top; at value v the flagged count is the number of scores ≥ v.
        var i = sorted.Length - 1;
        while (i >= 0 && !double.IsNaN(sorted[i]))
        {
            var value = sorted[i];
            while (i >= 0 && sorted[i] == value)
            {
                i--;
            }
            var flagged = sorted.Length - 1 - i;
            var distance = Math.Abs(flagged - target);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (value, distance);
            }
            else if (flagged > target)
            {
                break;
            }
        }
        return best;
    }
}
