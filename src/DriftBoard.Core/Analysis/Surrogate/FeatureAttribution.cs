using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Surrogate;

/// <summary>
/// What one feature explains of a recall drop, on the labelled positives of the affected rows at the model threshold.
/// </summary>
/// <param name="RecallActual">The surrogate's recall on those positives, features as logged.</param>
/// <param name="RecallCounterfactual">The surrogate's recall with this feature's values resampled from the reference.</param>
/// <param name="Recovered">RecallCounterfactual − RecallActual: positive when the feature's recent values cost recall.</param>
public sealed record AttributionResult(string Feature, double RecallActual, double RecallCounterfactual, double Recovered);

/// <summary>Attributes a recall drop to features by counterfactual re-scoring with the surrogate, one feature at a time.</summary>
public static class FeatureAttribution
{
    /// <summary>
    /// For each feature the surrogate encodes: the recall gained when that feature's values on the affected positives are
    /// replaced by values drawn (seeded) from the reference rows. Positives beyond <paramref name="maxRows"/> are subsampled
    /// deterministically. Sorted by <see cref="AttributionResult.Recovered"/> descending, then feature name.
    /// Without labelled positives every recall is NaN and the order is by name.
    /// </summary>
    public static IReadOnlyList<AttributionResult> Compute(
        SurrogateModel surrogate,
        DatasetFrame frame,
        int[] affectedRows,
        DatasetFrame reference,
        int[] referenceRows,
        int seed = 17,
        int maxRows = 200_000)
    {
        ArgumentNullException.ThrowIfNull(surrogate);
        ArgumentNullException.ThrowIfNull(frame);
        var positives = new List<int>();
        foreach (var row in affectedRows)
        {
            if (frame.Labels[row] == LabelValue.Positive)
            {
                positives.Add(row);
            }
        }
        var rows = RowSets.Subsample(positives.ToArray(), maxRows, seed);
        var actual = Recall(surrogate.Score(frame, rows), surrogate.Threshold);
        var results = new List<AttributionResult>(surrogate.Encoder.Features.Count);
        foreach (var feature in surrogate.Encoder.Features)
        {
            var counterfactual = rows.Length == 0
                ? double.NaN
                : Recall(surrogate.ScoreWith(frame, rows, feature, FeatureReplacements.ResampleFrom(reference, referenceRows, seed)), surrogate.Threshold);
            results.Add(new AttributionResult(feature, actual, counterfactual, counterfactual - actual));
        }
        results.Sort((a, b) =>
        {
            var byRecovered = (double.IsNaN(b.Recovered) ? double.NegativeInfinity : b.Recovered)
                .CompareTo(double.IsNaN(a.Recovered) ? double.NegativeInfinity : a.Recovered);
            return byRecovered != 0 ? byRecovered : string.CompareOrdinal(a.Feature, b.Feature);
        });
        return results;
    }

    static double Recall(double[] positiveScores, double threshold)
    {
        if (positiveScores.Length == 0)
        {
            return double.NaN;
        }
        var hits = 0;
        foreach (var score in positiveScores)
        {
            if (score >= threshold)
            {
                hits++;
            }
        }
        return (double)hits / positiveScores.Length;
    }
}
