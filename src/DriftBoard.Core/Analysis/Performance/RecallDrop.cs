using MathNet.Numerics.Distributions;

namespace DriftBoard.Core.Analysis.Performance;

/// <summary>The outcome of the recall change-point test.</summary>
/// <param name="Detected">A drop that is both significant and material.</param>
/// <param name="Baseline">Pooled recall of the tested windows before the change; NaN with no candidate change.</param>
/// <param name="Current">Pooled recall of the tested windows from the change on; NaN with no candidate change.</param>
/// <param name="StartDate">First day of the first window after the change; null with no candidate change.</param>
/// <param name="Significance">Permutation p-value of the best split (1 with no candidate change).</param>
/// <param name="Drop"><paramref name="Baseline"/> − <paramref name="Current"/>; NaN with no candidate change.</param>
/// <param name="LikelihoodRatio">2 · (log-likelihood of two recalls − of one) at the best split; 0 with no candidate.</param>
/// <param name="WindowsTested">Mature, large-enough windows the test ran on.</param>
public sealed record RecallDropResult(
    bool Detected,
    double Baseline,
    double Current,
    DateOnly? StartDate,
    double Significance,
    double Drop,
    double LikelihoodRatio,
    int WindowsTested);

/// <summary>
/// Detects a single downward change point in recall across the timeline.
/// <para>
/// Only readable windows take part (not provisional, not too small): an immature or tiny window can never trigger a
/// drop. Each window contributes its counts (TP out of known positives). For every split into "before" and "after" the
/// test compares a binomial model with one recall against one with a recall per side, and keeps the split with the
/// largest likelihood-ratio statistic among those where recall goes down (a rise scores 0: it is not a drop).
/// </para>
/// <para>
/// Significance is a seeded permutation test, not the chi-square approximation: the maximum over splits of a
/// likelihood ratio is not chi-square distributed (scanning many splits inflates it), so the approximation would call
/// too many drops. Under the null of one common recall the TP outcomes are exchangeable among all positives, so each
/// permutation redistributes the total TP over the windows (a multivariate hypergeometric draw, window by window) and
/// recomputes the maximum statistic; p = (1 + permutations at least as extreme) / (1 + permutations).
/// </para>
/// <para>
/// A drop is <see cref="RecallDropResult.Detected"/> only when p &lt; <see cref="PerformanceSettings.DropSignificance"/>
/// and the drop is at least <see cref="PerformanceSettings.MaterialRecallDrop"/>: with millions of rows a trivial
/// wobble is significant, and window-to-window variation beyond binomial noise is common in real traffic.
/// </para>
/// </summary>
public static class RecallDrop
{
    public static RecallDropResult Detect(IReadOnlyList<WindowPerformance> timeline, PerformanceSettings settings)
    {
        var tested = new List<WindowPerformance>();
        foreach (var window in timeline)
        {
            if (window.Readable && window.Positives > 0)
            {
                tested.Add(window);
            }
        }

        var positives = new int[tested.Count];
        var truePositives = new int[tested.Count];
        for (var w = 0; w < tested.Count; w++)
        {
            positives[w] = tested[w].Positives;
            truePositives[w] = tested[w].TruePositives;
        }

        var (statistic, split) = BestDownwardSplit(positives, truePositives);
        if (split < 0)
        {
            return new RecallDropResult(false, double.NaN, double.NaN, null, 1, double.NaN, 0, tested.Count);
        }

        long positivesBefore = 0, tpBefore = 0, positivesAll = 0, tpAll = 0;
        for (var w = 0; w < tested.Count; w++)
        {
            if (w < split)
            {
                positivesBefore += positives[w];
                tpBefore += truePositives[w];
            }

            positivesAll += positives[w];
            tpAll += truePositives[w];
        }

        var baseline = (double)tpBefore / positivesBefore;
        var current = (double)(tpAll - tpBefore) / (positivesAll - positivesBefore);
        var pValue = PermutationPValue(positives, (int)tpAll, statistic, settings);
        var drop = baseline - current;
        var detected = pValue < settings.DropSignificance && drop >= settings.MaterialRecallDrop;
        return new RecallDropResult(detected, baseline, current, tested[split].Start, pValue, drop, statistic, tested.Count);
    }

    /// <summary>
    /// The split index s (windows [0, s) before, [s, n) after) maximising the likelihood-ratio statistic among splits
    /// where recall decreases, with its statistic; (0, -1) when no split lowers recall.
    /// </summary>
    internal static (double Statistic, int Split) BestDownwardSplit(ReadOnlySpan<int> positives, ReadOnlySpan<int> truePositives)
    {
        long totalN = 0, totalK = 0;
        for (var w = 0; w < positives.Length; w++)
        {
            totalN += positives[w];
            totalK += truePositives[w];
        }

        var pooled = LogLikelihood(totalK, totalN);
        double best = 0;
        var bestSplit = -1;
        long n = 0, k = 0;
        for (var s = 1; s < positives.Length; s++)
        {
            n += positives[s - 1];
            k += truePositives[s - 1];
            long afterN = totalN - n, afterK = totalK - k;
            // Compare k/n > afterK/afterN without division.
            if (k * afterN <= afterK * n)
            {
                continue;
            }

            var statistic = 2 * (LogLikelihood(k, n) + LogLikelihood(afterK, afterN) - pooled);
            if (statistic > best)
            {
                best = statistic;
                bestSplit = s;
            }
        }

        return (best, bestSplit);
    }

    /// <summary>Binomial log-likelihood of k successes in n at the maximum-likelihood rate k/n (0 · ln 0 = 0).</summary>
    private static double LogLikelihood(long k, long n)
    {
        if (n == 0 || k == 0 || k == n)
        {
            return 0;
        }

        var p = (double)k / n;
        return (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p));
    }

    private static double PermutationPValue(int[] positives, int totalTruePositives, double observed, PerformanceSettings settings)
    {
        var permutations = settings.ChangePointPermutations;
        if (permutations <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "ChangePointPermutations must be positive.");
        }

        var random = new Random(settings.Seed);
        var shuffled = new int[positives.Length];
        var total = 0;
        foreach (var p in positives)
        {
            total += p;
        }

        var atLeastAsExtreme = 0;
        for (var r = 0; r < permutations; r++)
        {
            int remainingPopulation = total, remainingSuccesses = totalTruePositives;
            for (var w = 0; w < positives.Length; w++)
            {
                var draw = remainingSuccesses == 0 ? 0
                    : remainingSuccesses == remainingPopulation ? positives[w]
                    : Hypergeometric.Sample(random, remainingPopulation, remainingSuccesses, positives[w]);
                shuffled[w] = draw;
                remainingPopulation -= positives[w];
                remainingSuccesses -= draw;
            }

            // Relative tolerance: the same counts in another order must tie, not lose to rounding.
            if (BestDownwardSplit(positives, shuffled).Statistic >= observed * (1 - 1e-12))
            {
                atLeastAsExtreme++;
            }
        }

        return (1.0 + atLeastAsExtreme) / (1.0 + permutations);
    }
}
