using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Surrogate;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Fixes;

/// <summary>The rows a fix is judged on, and the recall it has to win back.</summary>
/// <param name="Frame">
/// The production frame with the labels fixes are judged on: as known at as-of, except that in readable windows (where
/// the positive labels have arrived) a row with no positive label yet is presumed negative. A chargeback feed only
/// confirms negatives after <c>maturity_days</c>; without the presumption the recent period would hold positives only.
/// </param>
/// <param name="AffectedRows">Rows of the readable (mature, large enough) windows since the incident started, in time order.</param>
/// <param name="BaselineRecall">Recall before the incident (the change point's baseline, else the readable windows' pooled recall).</param>
/// <param name="PresumedNegatives">How many of the affected rows are negatives by presumption.</param>
public sealed record FixScope(DatasetFrame Frame, int[] AffectedRows, double BaselineRecall, int PresumedNegatives);

/// <summary>
/// Chooses and quantifies the fixes for a diagnosis: always a re-threshold (short term; with a capped alternative when it
/// would more than triple the alerts) and a retrain (structural); for an input fault also the repair of the broken input
/// (short term: restoring the upstream source where only some rows are broken, and re-scoring the repaired input) and an
/// input contract (structural). Fixes are returned in <see cref="Order"/>.
/// Every number comes from <see cref="FixSimulator"/> on matured labels of the affected period.
/// </summary>
public static class FixPlanner
{
    public static FixScope Scope(DatasetFrame production, IReadOnlyList<WindowPerformance> timeline, IReadOnlyList<RowRange> ranges, DateOnly? start, RecallDropResult drop)
    {
        var rows = new List<int>();
        var labels = (sbyte[])production.Labels.Clone();
        var presumed = 0;
        long tp = 0, positives = 0;
        for (var w = 0; w < timeline.Count; w++)
        {
            var window = timeline[w];
            if (!window.Readable) continue;
            var range = ranges[w];
            for (var i = range.Start; i < range.End; i++)
            {
                if (labels[i] == LabelValue.Unknown)
                {
                    labels[i] = LabelValue.Negative;
                    presumed++;
                }

                if (start is null || UtcDays.ToDate(production.Timestamps[i]) >= start.Value)
                    rows.Add(i);
            }

            tp += window.TruePositives;
            positives += window.Positives;
        }

        var baseline = drop.Detected ? drop.Baseline : positives > 0 ? (double)tp / positives : double.NaN;
        var frame = new DatasetFrame
        {
            Timestamps = production.Timestamps,
            Scores = production.Scores,
            Predictions = production.Predictions,
            Labels = labels,
            LabelKnownAt = production.LabelKnownAt,
            Features = production.Features,
        };
        return new FixScope(frame, [.. rows], baseline, presumed);
    }

    public static IReadOnlyList<Fix> Plan(
        DatasetFrame reference,
        ModelCard card,
        RootCause cause,
        FixScope scope,
        SurrogateModel? surrogate,
        FixSimulationOptions options)
    {
        var fixes = new List<Fix>();
        if (scope.AffectedRows.Length == 0 || double.IsNaN(scope.BaselineRecall))
            return [];

        var production = scope.Frame;

        var rethreshold = FixSimulator.Rethreshold(production, scope.AffectedRows, card.Threshold, scope.BaselineRecall, options);
        fixes.Add(rethreshold);
        if (rethreshold.AlertRateChange + 1 > FixSimulator.CostlyAlertMultiple)
            fixes.Add(FixSimulator.RethresholdWithinAlertBudget(production, scope.AffectedRows, card.Threshold, FixSimulator.CostlyAlertMultiple, options));

        Fix? repair = null;
        Fix? restore = null;
        InputRepairPlan? plan = null;
        if (surrogate is not null && cause.Category == RootCauseCategory.SchemaChange)
        {
            var referenceRows = RowSets.Range(0, reference.Count);
            foreach (var feature in cause.Features)
            {
                plan = InputRepair.Infer(reference, referenceRows, production, scope.AffectedRows, feature, options.Seed);
                if (plan is null) continue;
                repair = FixSimulator.RepairInput(surrogate, production, scope.AffectedRows, feature, plan.Repair, plan.Description, options);
                if (plan.IsBroken is not null)
                {
                    // Only some rows are broken: the team restores the source first; imputing is the stop-gap until then.
                    restore = FixSimulator.RestoreUpstream(production, scope.AffectedRows, card.Threshold, feature, plan.IsBroken,
                        plan.BrokenDescription ?? $"`{feature}` broken", options);
                    fixes.Add(restore);
                    repair = repair with { Title = $"Impute '{feature}' while the source is broken" };
                }
                fixes.Add(repair);
                break;
            }
        }

        var (earlier, later) = RowSets.SplitInTime(scope.AffectedRows);
        if (earlier.Length > 0 && later.Length > 0)
        {
            var retrain = FixSimulator.Retrain(production, earlier, later, card.Threshold, scope.BaselineRecall, options);
            fixes.Add(retrain.AtCurrentAlertRate);
        }

        if (repair is not null && plan is not null)
        {
            var basis = restore is not null && !double.IsNaN(restore.ExpectedRecall) ? restore : repair;
            fixes.Add(FixSimulator.InputContract(basis, plan.Feature, ContractRule(plan)));
        }

        return Order(fixes);
    }

    /// <summary>A fix costing less than this multiple of the current alert volume counts as affordable when ordering.</summary>
    public const double AffordableAlertMultiple = 2.0;

    /// <summary>
    /// Short-term fixes first, then structural. Within a kind, the fixes whose alert volume stays below
    /// <see cref="AffordableAlertMultiple"/>× the current come first, by expected recall (highest first); then the rest, by
    /// expected recall; fixes that could not be estimated last. Stable: equal fixes keep the order they were planned in.
    /// </summary>
    public static IReadOnlyList<Fix> Order(IReadOnlyList<Fix> fixes)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        return fixes
            .Select((fix, index) => (fix, index))
            .OrderBy(x => x.fix.Kind == FixKind.ShortTerm ? 0 : 1)
            .ThenBy(x => double.IsNaN(x.fix.ExpectedRecall) ? 2 : x.fix.AlertRateChange + 1 < AffordableAlertMultiple ? 0 : 1)
            .ThenByDescending(x => double.IsNaN(x.fix.ExpectedRecall) ? 0 : x.fix.ExpectedRecall)
            .ThenBy(x => x.index)
            .Select(x => x.fix)
            .ToList();
    }

    private static string ContractRule(InputRepairPlan plan) => plan.Kind switch
    {
        "default_fill" => $"reject or flag batches where one value of `{plan.Feature}` holds far more of the rows than it did in training",
        "unit_change" => $"check `{plan.Feature}` against its declared range and its training median at ingestion",
        "recoded_categories" => $"check `{plan.Feature}` against the category list the model was trained on",
        "missing_burst" => $"alert when the missing rate of `{plan.Feature}` rises above its training rate",
        _ => $"validate `{plan.Feature}` against the training contract",
    };

}
