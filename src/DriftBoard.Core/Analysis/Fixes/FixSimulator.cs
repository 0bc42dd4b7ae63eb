using DriftBoard.Core.Analysis.Report;
using System.Globalization;
using DriftBoard.Core.Analysis.Surrogate;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Fixes;

/// <summary>
/// Prices candidate fixes on the matured labelled rows of the affected period (rows given by the caller; rows with an
/// unknown label or no logged score are left out, large sets subsampled with the options' seed). Every recall comes with a
/// seeded bootstrap percentile interval, so two runs give identical numbers.
/// </summary>
public static class FixSimulator
{
    /// <summary>
    /// Short-term: move the threshold so recall returns to <paramref name="baselineRecall"/>. The threshold is chosen on the
    /// earlier half (in time) of the rows and evaluated on the later half, so the estimate is not fitted to the rows it is
    /// judged on; the bootstrap re-chooses the threshold in every resample. The proposed threshold (title) is chosen on all rows.
    /// </summary>
    public static Fix Rethreshold(
        DatasetFrame frame, int[] maturedRows, double currentThreshold, double baselineRecall, FixSimulationOptions? options = null)
    {
        RequireShare(baselineRecall);
        options ??= FixSimulationOptions.Default;
        var rows = Evaluable(frame, maturedRows, options);
        var scores = LoggedScores(frame, rows);
        var positive = Positives(frame, rows);
        var cut = rows.Length / 2;
        var earlierPositives = PositivesByScoreDescending(scores, positive, 0, cut);
        var laterRows = rows[cut..];
        var laterScores = scores.AsSpan(cut);
        var allPositives = PositivesByScoreDescending(scores, positive, 0, rows.Length);
        const string title = "Move the alert threshold to restore recall";
        if (earlierPositives.Length == 0 || Count(positive, cut, rows.Length) == 0)
        {
            return NotEstimable(FixKind.ShortTerm, title, "needs labelled positives in both time halves of the matured rows");
        }

        var chosen = ThresholdCounts.ThresholdForRecall(ScoresAt(scores, earlierPositives), baselineRecall);
        var proposed = ThresholdCounts.ThresholdForRecall(ScoresAt(scores, allPositives), baselineRecall);
        var after = ThresholdCounts.At(laterScores, chosen, frame.Labels, laterRows);
        var before = ThresholdCounts.At(laterScores, currentThreshold, frame.Labels, laterRows);
        var (low, high) = Bootstrap.Interval(rows.Length, options.Resamples, options.Seed, options.Confidence, weights =>
        {
            var threshold = WeightedThresholdForRecall(scores, earlierPositives, weights, baselineRecall);
            return WeightedRecall(scores, positive, weights, cut, rows.Length, threshold);
        });
        var verb = proposed < currentThreshold ? "Lower" : "Raise";
        var multiple = after.FlagRate / before.FlagRate;
        var warning = !(multiple > CostlyAlertMultiple) ? ""
            : double.IsPositiveInfinity(multiple)
                ? $" Warning: it restores recall only by flagging {Pct(after.FlagRate)} of transactions where the current threshold flags none."
                : $" Warning: it restores recall only by flagging {multiple.ToString("0.#", CultureInfo.InvariantCulture)}× as many transactions.";
        return new Fix(
            FixKind.ShortTerm,
            $"{verb} the alert threshold from {F(currentThreshold)} to {F(proposed)}",
            $"A threshold chosen on the earlier {cut} matured rows to restore the baseline recall of {Pct(baselineRecall)} ({F(chosen)}) " +
            $"gives on the later {laterRows.Length} rows recall {Pct(after.Recall)} (current {Pct(before.Recall)}) and precision " +
            $"{Pct(after.Precision)} (current {Pct(before.Precision)}), at {Pct(after.FlagRate)} of rows flagged (current {Pct(before.FlagRate)})." + warning,
            after.Recall,
            low,
            high,
            after.Precision,
            RelativeChange(after.FlagRate, before.FlagRate),
            $"Threshold chosen on the earlier half in time of the matured labelled rows, evaluated on the later half; " +
            $"{Pct(options.Confidence)} interval from {options.Resamples} seeded bootstrap resamples that re-choose the threshold.");
    }

    /// <summary>A re-threshold flagging more than this multiple of the current alerts carries a warning, and a capped alternative is offered.</summary>
    public const double CostlyAlertMultiple = 3.0;

    /// <summary>
    /// Short-term: lower the threshold as far as an alert budget allows, <paramref name="maxAlertMultiple"/> times the current
    /// share of rows flagged. The threshold is set on the earlier half (in time) of the rows to flag that share there (no labels
    /// needed), and evaluated on the later half; the interval resamples the later half at that threshold.
    /// </summary>
    public static Fix RethresholdWithinAlertBudget(
        DatasetFrame frame, int[] maturedRows, double currentThreshold, double maxAlertMultiple, FixSimulationOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAlertMultiple, 1.0);
        options ??= FixSimulationOptions.Default;
        var rows = Evaluable(frame, maturedRows, options);
        var scores = LoggedScores(frame, rows);
        var positive = Positives(frame, rows);
        var cut = rows.Length / 2;
        var budget = maxAlertMultiple.ToString("0.#", CultureInfo.InvariantCulture);
        var title = $"Lower the alert threshold within {budget}× the alert volume";
        var earlierRows = rows[..cut];
        var earlier = ThresholdCounts.At(scores.AsSpan(0, cut), currentThreshold, frame.Labels, earlierRows);
        if (Count(positive, cut, rows.Length) == 0 || earlier.Flagged == 0)
        {
            return NotEstimable(FixKind.ShortTerm, title, "needs labelled positives in the later half and alerts in the earlier half of the matured rows");
        }
        var chosen = Math.Min(currentThreshold, ThresholdCounts.ThresholdForFlagRate(scores.AsSpan(0, cut), earlier.FlagRate * maxAlertMultiple));
        var laterRows = rows[cut..];
        var laterScores = scores[cut..];
        var (after, low, high) = AtFixedThreshold(frame, laterRows, laterScores, chosen, options);
        var before = ThresholdCounts.At(laterScores, currentThreshold, frame.Labels, laterRows);
        return new Fix(
            FixKind.ShortTerm,
            $"Lower the alert threshold from {F(currentThreshold)} to {F(chosen)} (alert budget {budget}×)",
            $"A threshold set on the earlier {cut} matured rows to flag {budget}× their current alert share ({F(chosen)}, the nearest share the scores allow) gives on the " +
            $"later {laterRows.Length} rows recall {Pct(after.Recall)} (current {Pct(before.Recall)}) and precision {Pct(after.Precision)} " +
            $"(current {Pct(before.Precision)}), at {Pct(after.FlagRate)} of rows flagged (current {Pct(before.FlagRate)}).",
            after.Recall,
            low,
            high,
            after.Precision,
            RelativeChange(after.FlagRate, before.FlagRate),
            $"Threshold set without labels on the earlier half in time of the matured rows to {budget}× the current alert share, evaluated on " +
            $"the later half; {Pct(options.Confidence)} interval from {options.Resamples} seeded bootstrap resamples of the later half.");
    }

    /// <summary>
    /// Short-term: restore the upstream source (fix the join or feed) of a feature that is filled with a default or missing
    /// on part of the rows. The current model needs no change, so its expected performance is measured on the matured rows
    /// whose value is intact (<paramref name="isBroken"/> false), standing in for all rows once the source is repaired:
    /// recall, precision and alert rate of the logged scores at <paramref name="threshold"/> there. This assumes the broken
    /// rows are otherwise like the intact ones; rows that legitimately hold the default value are left out with the broken ones.
    /// </summary>
    /// <param name="isBroken">True for a production row whose value carries the fault (the default, or missing).</param>
    /// <param name="brokenDescription">The fault in words, e.g. "`x` = 0" or "`x` missing".</param>
    public static Fix RestoreUpstream(
        DatasetFrame frame, int[] maturedRows, double threshold, string feature, Func<int, bool> isBroken, string brokenDescription,
        FixSimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(isBroken);
        options ??= FixSimulationOptions.Default;
        var rows = Evaluable(frame, maturedRows, options);
        var title = $"Restore the upstream source of '{feature}'";
        var intactList = new List<int>(rows.Length);
        foreach (var row in rows)
        {
            if (!isBroken(row))
            {
                intactList.Add(row);
            }
        }
        var intact = intactList.ToArray();
        var intactScores = LoggedScores(frame, intact);
        if (Count(Positives(frame, intact), 0, intact.Length) == 0)
        {
            return NotEstimable(FixKind.ShortTerm, title, $"needs labelled positives among the matured rows whose '{feature}' is intact");
        }
        var all = ThresholdCounts.At(LoggedScores(frame, rows), threshold, frame.Labels, rows);
        var (restored, low, high) = AtFixedThreshold(frame, intact, intactScores, threshold, options);
        return new Fix(
            FixKind.ShortTerm,
            title,
            $"Fix the upstream join or feed so `{feature}` carries real values again ({brokenDescription} on {Pct(1 - (double)intact.Length / rows.Length)} " +
            $"of the {rows.Length} matured rows). On the {intact.Length} rows where it is intact the current model has recall {Pct(restored.Recall)} " +
            $"and precision {Pct(restored.Precision)} at {Pct(restored.FlagRate)} of rows flagged (all rows: recall {Pct(all.Recall)}, precision " +
            $"{Pct(all.Precision)}, {Pct(all.FlagRate)} flagged).",
            restored.Recall,
            low,
            high,
            restored.Precision,
            RelativeChange(restored.FlagRate, all.FlagRate),
            $"The current model's logged scores on the matured rows of the affected period whose '{feature}' is intact (not {brokenDescription}), " +
            $"standing in for all rows once the source is repaired (rows legitimately holding that value are left out too); " +
            $"{Pct(options.Confidence)} interval from {options.Resamples} seeded bootstrap resamples of those rows.");
    }

    /// <summary>
    /// Short-term: repair one input (undo a unit change, map recoded categories back, impute a constant default) and re-score
    /// with the surrogate. The estimate is anchored on the logged model: model recall + (surrogate recall repaired − surrogate
    /// recall unrepaired), clamped to [0, 1]; precision and alert rate are anchored the same way.
    /// </summary>
    /// <param name="repairDescription">What the repair does, in words, e.g. "divide amount by 100 (cents back to dollars)".</param>
    public static Fix RepairInput(
        SurrogateModel surrogate,
        DatasetFrame frame,
        int[] maturedRows,
        string feature,
        FeatureReplacement repair,
        string repairDescription,
        FixSimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(surrogate);
        options ??= FixSimulationOptions.Default;
        var rows = Evaluable(frame, maturedRows, options);
        var title = $"Repair the input '{feature}'";
        var positive = Positives(frame, rows);
        if (Count(positive, 0, rows.Length) == 0)
        {
            return NotEstimable(FixKind.ShortTerm, title, "needs labelled positives among the matured rows");
        }
        var threshold = surrogate.Threshold;
        var logged = LoggedScores(frame, rows);
        var unrepaired = surrogate.Score(frame, rows);
        var repaired = surrogate.ScoreWith(frame, rows, feature, repair);
        // Per row: the model's flag, and the surrogate's change of flag caused by the repair (−1, 0, +1).
        var modelFlag = new int[rows.Length];
        var delta = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            modelFlag[i] = logged[i] >= threshold ? 1 : 0;
            delta[i] = (repaired[i] >= threshold ? 1 : 0) - (unrepaired[i] >= threshold ? 1 : 0);
        }
        var ones = Ones(rows.Length);
        var estimate = AnchoredRepair(modelFlag, delta, positive, ones);
        var (low, high) = Bootstrap.Interval(rows.Length, options.Resamples, options.Seed, options.Confidence,
            weights => AnchoredRepair(modelFlag, delta, positive, weights).Recall);
        var model = ThresholdCounts.At(logged, threshold, frame.Labels, rows);
        var surrogateBefore = ThresholdCounts.At(unrepaired, threshold, frame.Labels, rows);
        var surrogateAfter = ThresholdCounts.At(repaired, threshold, frame.Labels, rows);
        return new Fix(
            FixKind.ShortTerm,
            title,
            $"{repairDescription}. On {rows.Length} matured rows the model's recall is {Pct(model.Recall)}; the surrogate re-scored with the " +
            $"repaired input moves from {Pct(surrogateBefore.Recall)} to {Pct(surrogateAfter.Recall)}, so the expected recall is {Pct(estimate.Recall)} " +
            $"at precision {Pct(estimate.Precision)}.",
            estimate.Recall,
            low,
            high,
            estimate.Precision,
            estimate.AlertChange,
            $"Counterfactual re-scoring with a ridge surrogate of the logged score (holdout R² on logit {F(surrogate.Fidelity.R2OnLogit)}, " +
            $"flag agreement {Pct(surrogate.Fidelity.FlagAgreement)}), anchored on the model's actual recall; " +
            $"{Pct(options.Confidence)} interval from {options.Resamples} seeded bootstrap resamples.");
    }

    /// <summary>
    /// Structural: retrain on recent matured rows. A <see cref="LabelModel"/> is fitted on window A's labelled rows and judged
    /// on the labelled rows of window B, which must not start before A ends (a time-based backtest), at the threshold flagging
    /// the same share of B as the current model (chosen without labels) and at the threshold reaching
    /// <paramref name="baselineRecall"/> on A (in-sample, so B's recall is an honest out-of-time estimate).
    /// </summary>
    /// <exception cref="ArgumentException">Window B starts before window A ends, or A lacks one of the classes.</exception>
    public static RetrainSimulation Retrain(
        DatasetFrame frame,
        int[] windowARows,
        int[] windowBRows,
        double currentThreshold,
        double baselineRecall,
        FixSimulationOptions? options = null,
        LabelModelOptions? modelOptions = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        RequireShare(baselineRecall);
        options ??= FixSimulationOptions.Default;
        var train = RowSets.Subsample(RowSets.Labelled(frame, windowARows), options.MaxRows, options.Seed);
        var evaluation = Evaluable(frame, windowBRows, options);
        if (train.Length > 0 && evaluation.Length > 0 && MaxTimestamp(frame, train) > MinTimestamp(frame, evaluation))
        {
            throw new ArgumentException("The backtest window B must follow window A in time.", nameof(windowBRows));
        }
        var model = LabelModel.Fit(frame, train, modelOptions);
        var logged = LoggedScores(frame, evaluation);
        var current = ThresholdCounts.At(logged, currentThreshold, frame.Labels, evaluation);
        // Thresholds live on the logit scale: probabilities of confident rows round to 0 or 1 and would tie.
        var retrained = model.LinearPredictor(frame, evaluation);

        var trainScores = model.LinearPredictor(frame, train);
        var trainPositive = Positives(frame, train);
        var recallThreshold = ThresholdCounts.ThresholdForRecall(ScoresAt(trainScores, PositivesByScoreDescending(trainScores, trainPositive, 0, train.Length)), baselineRecall);
        var rateThreshold = ThresholdCounts.ThresholdForFlagRate(retrained, current.FlagRate);
        var achievedRate = ThresholdCounts.At(retrained, rateThreshold, frame.Labels, evaluation).FlagRate;
        var sameVolume = Math.Abs(RelativeChange(achievedRate, current.FlagRate)) <= SameAlertVolumeTolerance;

        var method = $"Logistic regression (L2 {model.L2:G2} per row, chosen on a holdout of A unless given) on the {model.TrainRows} " +
                     $"matured labelled rows of window A, evaluated on the {evaluation.Length} matured rows of the following window B; " +
                     $"{Pct(options.Confidence)} interval from {options.Resamples} seeded bootstrap resamples of B";
        var atRate = RetrainEstimate(frame, evaluation, retrained, rateThreshold, current, options,
            sameVolume ? "Retrain on recent data (same alert volume)" : $"Retrain on recent data (alert rate {Pct(achievedRate)})",
            sameVolume
                ? $"{LogitThreshold(rateThreshold)} flags {Pct(achievedRate)} of rows, the current model's share ({Pct(current.FlagRate)})"
                : $"{LogitThreshold(rateThreshold)} flags {Pct(achievedRate)} of rows, the nearest the retrained scores allow to the current model's {Pct(current.FlagRate)}",
            method + "; threshold set on B's scores to the current alert rate, without labels.");
        var atRecall = RetrainEstimate(frame, evaluation, retrained, recallThreshold, current, options,
            "Retrain on recent data (baseline recall)",
            $"{LogitThreshold(recallThreshold)} reaches the baseline recall of {Pct(baselineRecall)} on window A",
            method + "; threshold chosen on window A to reach the baseline recall.");
        return new RetrainSimulation(atRate, atRecall, current.Recall, current.Precision, model.TrainRows, evaluation.Length, model.Converged);
    }

    /// <summary>
    /// Structural: an input contract (range, unit or category checks) that blocks or quarantines the bad input.
    /// It is not simulated separately: had it been in place the model would have seen valid inputs, so its numbers are those
    /// of <paramref name="basis"/> (restoring the upstream source where that was estimated, else the input repair), and the method says so.
    /// </summary>
    public static Fix InputContract(Fix basis, string feature, string contractRule)
    {
        ArgumentNullException.ThrowIfNull(basis);
        return basis with
        {
            Kind = FixKind.Structural,
            Title = $"Add an input contract for '{feature}'",
            Description = $"{contractRule}. A contract rejecting or quarantining such inputs keeps the model on valid values for '{feature}'.",
            Method = $"Same numbers as \"{basis.Title}\": the contract would have kept the bad input away from the model. Its method: {basis.Method}",
        };
    }

    static Fix RetrainEstimate(
        DatasetFrame frame, int[] rows, double[] scores, double threshold, ThresholdCounts current, FixSimulationOptions options,
        string title, string thresholdNote, string method)
    {
        var (counts, low, high) = AtFixedThreshold(frame, rows, scores, threshold, options);
        return new Fix(
            FixKind.Structural,
            title,
            $"A model retrained on the recent labelled window, backtested on the following window: {thresholdNote}; recall " +
            $"{Pct(counts.Recall)} (current model {Pct(current.Recall)}), precision {Pct(counts.Precision)} (current {Pct(current.Precision)})." +
            (counts.Recall <= current.Recall
                ? " No gain from retraining alone: on the following window the retrained model does not beat the current one, so the inputs it learns from need fixing first."
                : ""),
            counts.Recall,
            low,
            high,
            counts.Precision,
            RelativeChange(counts.FlagRate, current.FlagRate),
            method);
    }

    /// <summary>Counts at a threshold fixed in advance, with the seeded bootstrap interval of the recall over these rows.</summary>
    static (ThresholdCounts Counts, double Low, double High) AtFixedThreshold(
        DatasetFrame frame, int[] rows, double[] scores, double threshold, FixSimulationOptions options)
    {
        var positive = Positives(frame, rows);
        var (low, high) = Bootstrap.Interval(rows.Length, options.Resamples, options.Seed, options.Confidence,
            weights => WeightedRecall(scores, positive, weights, 0, rows.Length, threshold));
        return (ThresholdCounts.At(scores, threshold, frame.Labels, rows), low, high);
    }

    readonly record struct Anchored(double Recall, double Precision, double AlertChange);

    /// <summary>Model counts shifted by the surrogate's change of flags, under bootstrap weights.</summary>
    static Anchored AnchoredRepair(int[] modelFlag, int[] delta, bool[] positive, int[] weights)
    {
        double positives = 0, modelHits = 0, hitChange = 0, modelFlags = 0, flagChange = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var w = weights[i];
            if (w == 0)
            {
                continue;
            }
            modelFlags += w * modelFlag[i];
            flagChange += w * delta[i];
            if (positive[i])
            {
                positives += w;
                modelHits += w * modelFlag[i];
                hitChange += w * delta[i];
            }
        }
        if (positives == 0)
        {
            return new Anchored(double.NaN, double.NaN, double.NaN);
        }
        var hits = Math.Clamp(modelHits + hitChange, 0, positives);
        var flags = Math.Max(modelFlags + flagChange, hits);
        return new Anchored(hits / positives, flags == 0 ? double.NaN : hits / flags, modelFlags == 0 ? double.NaN : flags / modelFlags - 1);
    }

    static double WeightedRecall(double[] scores, bool[] positive, int[] weights, int from, int to, double threshold)
    {
        double positives = 0, hits = 0;
        for (var i = from; i < to; i++)
        {
            if (positive[i] && weights[i] != 0)
            {
                positives += weights[i];
                hits += scores[i] >= threshold ? weights[i] : 0;
            }
        }
        return positives == 0 || double.IsNaN(threshold) ? double.NaN : hits / positives;
    }

    /// <summary>The k-th highest positive score under weights, k = ⌈recall · weighted positives⌉.</summary>
    static double WeightedThresholdForRecall(double[] scores, int[] positivesDescending, int[] weights, double recall)
    {
        double total = 0;
        foreach (var i in positivesDescending)
        {
            total += weights[i];
        }
        if (total == 0)
        {
            return double.NaN;
        }
        var needed = Math.Max(1, Math.Ceiling(recall * total - 1e-9));
        double cumulative = 0;
        var threshold = double.NaN;
        foreach (var i in positivesDescending)
        {
            if (weights[i] == 0)
            {
                continue;
            }
            cumulative += weights[i];
            threshold = scores[i];
            if (cumulative >= needed)
            {
                break;
            }
        }
        return threshold;
    }

    static int[] Evaluable(DatasetFrame frame, int[] rows, FixSimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(rows);
        return RowSets.Subsample(RowSets.Scored(frame, RowSets.Labelled(frame, rows)), options.MaxRows, options.Seed);
    }

    static double[] LoggedScores(DatasetFrame frame, int[] rows)
    {
        var scores = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            scores[i] = frame.Scores[rows[i]];
        }
        return scores;
    }

    static bool[] Positives(DatasetFrame frame, int[] rows)
    {
        var positive = new bool[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            positive[i] = frame.Labels[rows[i]] == LabelValue.Positive;
        }
        return positive;
    }

    /// <summary>Positions in [from, to) of positive rows, by score descending (ties by position, for determinism).</summary>
    static int[] PositivesByScoreDescending(double[] scores, bool[] positive, int from, int to)
    {
        var list = new List<int>();
        for (var i = from; i < to; i++)
        {
            if (positive[i])
            {
                list.Add(i);
            }
        }
        var order = list.ToArray();
        Array.Sort(order, (a, b) => scores[b] != scores[a] ? scores[b].CompareTo(scores[a]) : a.CompareTo(b));
        return order;
    }

    static double[] ScoresAt(double[] scores, int[] positions) => Array.ConvertAll(positions, i => scores[i]);

    static int Count(bool[] flags, int from, int to)
    {
        var n = 0;
        for (var i = from; i < to; i++)
        {
            n += flags[i] ? 1 : 0;
        }
        return n;
    }

    static int[] Ones(int n)
    {
        var ones = new int[n];
        Array.Fill(ones, 1);
        return ones;
    }

    static long MaxTimestamp(DatasetFrame frame, int[] rows)
    {
        var max = long.MinValue;
        foreach (var row in rows)
        {
            max = Math.Max(max, frame.Timestamps[row]);
        }
        return max;
    }

    static long MinTimestamp(DatasetFrame frame, int[] rows)
    {
        var min = long.MaxValue;
        foreach (var row in rows)
        {
            min = Math.Min(min, frame.Timestamps[row]);
        }
        return min;
    }

    static void RequireShare(double baselineRecall, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(baselineRecall))] string? name = null)
    {
        if (!(baselineRecall >= 0 && baselineRecall <= 1))
        {
            throw new ArgumentOutOfRangeException(name, baselineRecall, "A recall must lie in [0, 1].");
        }
    }

    static double RelativeChange(double value, double reference) => reference > 0 ? value / reference - 1 : double.NaN;

    /// <summary>A retrain whose achieved alert rate is within this relative distance of the current one is "same alert volume".</summary>
    const double SameAlertVolumeTolerance = 0.1;

    static string LogitThreshold(double threshold) =>
        $"the score threshold {(double.IsNaN(threshold) ? "n/a" : Design.Sigmoid(threshold).ToString("G3", CultureInfo.InvariantCulture))} (log-odds {F(threshold)})";

    static Fix NotEstimable(string kind, string title, string reason) =>
        new(kind, title, $"Not estimated: the simulation {reason}.", double.NaN, double.NaN, double.NaN, double.NaN, double.NaN,
            $"Not estimable: {reason}.");

    static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.###", CultureInfo.InvariantCulture);

    static string Pct(double share) => double.IsNaN(share) ? "n/a" : (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
