using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Performance;

/// <summary>
/// A monotone map from model score to probability of the positive class, fitted by isotonic regression
/// (pool-adjacent-violators). Stored as the fitted blocks: scores at or above <c>BlockStarts[k]</c> (and below the next
/// block) map to <c>Probabilities[k]</c>; scores below the first block map to the first probability. Deterministic:
/// no random draws, ties resolved by sorting.
/// </summary>
public sealed record ScoreCalibration(double[] BlockStarts, double[] Probabilities, int FittedRows, int FittedPositives)
{
    /// <summary>Calibrated probability of <paramref name="score"/>; NaN for a NaN score or an empty calibration.</summary>
    public double Probability(double score)
    {
        if (double.IsNaN(score) || BlockStarts.Length == 0)
        {
            return double.NaN;
        }

        // The last block whose start is <= score; scores below every block take the first.
        return Probabilities[Math.Max(SortedSpan.CountAtMost<double>(BlockStarts, score) - 1, 0)];
    }

    /// <summary>
    /// Fits the isotonic calibration on rows with a known label (0/1) and a non-NaN score; other rows are skipped.
    /// Empty input (no such rows) gives a calibration whose <see cref="Probability"/> is always NaN.
    /// </summary>
    public static ScoreCalibration FitIsotonic(ReadOnlySpan<double> scores, ReadOnlySpan<sbyte> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException("Scores and labels must have the same length.", nameof(labels));
        }

        var keys = new List<double>();
        var values = new List<sbyte>();
        for (var i = 0; i < scores.Length; i++)
        {
            if (labels[i] is LabelValue.Negative or LabelValue.Positive && !double.IsNaN(scores[i]))
            {
                keys.Add(scores[i]);
                values.Add(labels[i]);
            }
        }

        var sortedScores = keys.ToArray();
        var sortedLabels = values.ToArray();
        Array.Sort(sortedScores, sortedLabels);

        // One point per distinct score (ties must share a probability), then pool adjacent violators on a stack.
        var starts = new List<double>();
        var positives = new List<double>();
        var weights = new List<double>();
        var totalPositives = 0;
        for (var i = 0; i < sortedScores.Length;)
        {
            var start = sortedScores[i];
            double pos = 0, n = 0;
            for (; i < sortedScores.Length && sortedScores[i] == start; i++)
            {
                pos += sortedLabels[i];
                n++;
            }

            totalPositives += (int)pos;
            starts.Add(start);
            positives.Add(pos);
            weights.Add(n);
            // Merge while the previous block's rate is not below this one's (strict increase keeps blocks minimal).
            while (starts.Count > 1 && positives[^2] / weights[^2] >= positives[^1] / weights[^1])
            {
                positives[^2] += positives[^1];
                weights[^2] += weights[^1];
                starts.RemoveAt(starts.Count - 1);
                positives.RemoveAt(positives.Count - 1);
                weights.RemoveAt(weights.Count - 1);
            }
        }

        var probabilities = new double[starts.Count];
        for (var k = 0; k < probabilities.Length; k++)
        {
            probabilities[k] = positives[k] / weights[k];
        }

        return new ScoreCalibration([.. starts], probabilities, sortedScores.Length, totalPositives);
    }

    /// <summary>
    /// Expected calibration error of this calibration on the given rows: Σ over <paramref name="bins"/> equal-width
    /// probability bins of (rows in bin / rows) · |mean calibrated p − observed positive rate|. Rows without a 0/1 label
    /// or with a NaN score are skipped; NaN when none remain.
    /// </summary>
    public double ExpectedCalibrationError(ReadOnlySpan<double> scores, ReadOnlySpan<sbyte> labels, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var count = new long[bins];
        var sumP = new double[bins];
        var sumY = new double[bins];
        long total = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var p = Probability(scores[i]);
            if (labels[i] is not (LabelValue.Negative or LabelValue.Positive) || double.IsNaN(p))
            {
                continue;
            }

            var bin = Math.Min((int)(p * bins), bins - 1);
            count[bin]++;
            sumP[bin] += p;
            sumY[bin] += labels[i];
            total++;
        }

        if (total == 0)
        {
            return double.NaN;
        }

        double error = 0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                error += Math.Abs(sumP[b] - sumY[b]) / total;
            }
        }

        return error;
    }
}
