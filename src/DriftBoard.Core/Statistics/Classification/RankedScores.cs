namespace DriftBoard.Core.Statistics.Classification;

/// <summary>ROC AUC and average precision of one (possibly resampled) set of scored, labelled rows.</summary>
public readonly record struct RankingMetrics(double RocAuc, double AveragePrecision);

/// <summary>
/// Labelled scores sorted once, so ROC AUC and average precision — and any number of bootstrap resamples of them — cost
/// one linear pass each instead of a sort each. A resample is given as a weight (multiplicity) per sorted row.
/// </summary>
public sealed class RankedScores
{
    private readonly double[] _scores;
    private readonly byte[] _positive;

    private RankedScores(double[] scores, byte[] positive)
    {
        _scores = scores;
        _positive = positive;
    }

    /// <summary>Number of rows kept (labelled, with a non-NaN score).</summary>
    public int Count => _scores.Length;

    public int Positives { get; private init; }

    public int Negatives => Count - Positives;

    /// <summary>
    /// Keeps the rows whose label is 0 or 1 (other values, such as -1 unknown, are skipped) and whose score is not NaN,
    /// and sorts them by score. The spans must have the same length.
    /// </summary>
    public static RankedScores Create(ReadOnlySpan<double> scores, ReadOnlySpan<sbyte> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException("Scores and labels must have the same length.", nameof(labels));
        }

        var kept = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (labels[i] is 0 or 1 && !double.IsNaN(scores[i]))
            {
                kept++;
            }
        }

        var keys = new double[kept];
        var positive = new byte[kept];
        var positives = 0;
        for (int i = 0, k = 0; i < scores.Length; i++)
        {
            if (labels[i] is 0 or 1 && !double.IsNaN(scores[i]))
            {
                keys[k] = scores[i];
                positive[k] = (byte)labels[i];
                positives += labels[i];
                k++;
            }
        }

        Array.Sort(keys, positive);
        return new RankedScores(keys, positive) { Positives = positives };
    }

    /// <summary>
    /// ROC AUC and average precision in one pass over the score ties, from the highest score down.
    /// <para>ROC AUC is the Mann–Whitney probability that a positive outscores a negative, ties counting one half:
    /// identical to scikit-learn's <c>roc_auc_score</c> (trapezoidal ROC through tied thresholds).</para>
    /// <para>Average precision is Σ (Rₖ − Rₖ₋₁) · Pₖ over distinct score thresholds (a tie group enters at once):
    /// identical to scikit-learn's <c>average_precision_score</c>, with no interpolation.</para>
    /// ROC AUC is NaN without both classes; average precision is NaN without positives (1 with positives only).
    /// </summary>
    /// <param name="weights">Multiplicity of each sorted row (a bootstrap resample), or empty for all ones.</param>
    public RankingMetrics Compute(ReadOnlySpan<int> weights = default)
    {
        if (!weights.IsEmpty && weights.Length != _scores.Length)
        {
            throw new ArgumentException("One weight per ranked row is required.", nameof(weights));
        }

        double positivesAbove = 0, negativesAbove = 0, aucSum = 0, precisionSum = 0;
        var i = _scores.Length - 1;
        while (i >= 0)
        {
            var score = _scores[i];
            double groupPositives = 0, groupNegatives = 0;
            if (weights.IsEmpty)
            {
                for (; i >= 0 && _scores[i] == score; i--)
                {
                    groupPositives += _positive[i];
                    groupNegatives += 1 - _positive[i];
                }
            }
            else
            {
                // Arithmetic, not a branch per row: positives and negatives interleave unpredictably.
                for (; i >= 0 && _scores[i] == score; i--)
                {
                    groupPositives += weights[i] * _positive[i];
                    groupNegatives += weights[i] * (1 - _positive[i]);
                }
            }

            // Each negative here is beaten by every positive above and ties with the positives in its group.
            aucSum += groupNegatives * (positivesAbove + (0.5 * groupPositives));
            positivesAbove += groupPositives;
            negativesAbove += groupNegatives;
            if (groupPositives > 0)
            {
                precisionSum += groupPositives * positivesAbove / (positivesAbove + negativesAbove);
            }
        }

        var rocAuc = positivesAbove > 0 && negativesAbove > 0 ? aucSum / (positivesAbove * negativesAbove) : double.NaN;
        var averagePrecision = positivesAbove > 0 ? precisionSum / positivesAbove : double.NaN;
        return new RankingMetrics(rocAuc, averagePrecision);
    }
}

/// <summary>Area under the ROC curve.</summary>
public static class RocAuc
{
    /// <summary>
    /// ROC AUC of <paramref name="scores"/> against <paramref name="labels"/> (1 positive, 0 negative, others skipped;
    /// NaN scores skipped), ties counting one half; equals scikit-learn's <c>roc_auc_score</c>. NaN without both classes.
    /// </summary>
    public static double Compute(ReadOnlySpan<double> scores, ReadOnlySpan<sbyte> labels) =>
        RankedScores.Create(scores, labels).Compute().RocAuc;
}

/// <summary>Area under the precision–recall curve as average precision.</summary>
public static class AveragePrecision
{
    /// <summary>
    /// Average precision Σ (Rₖ − Rₖ₋₁) · Pₖ of <paramref name="scores"/> against <paramref name="labels"/> (1 positive,
    /// 0 negative, others skipped; NaN scores skipped); equals scikit-learn's <c>average_precision_score</c>.
    /// NaN without positives.
    /// </summary>
    public static double Compute(ReadOnlySpan<double> scores, ReadOnlySpan<sbyte> labels) =>
        RankedScores.Create(scores, labels).Compute().AveragePrecision;
}
