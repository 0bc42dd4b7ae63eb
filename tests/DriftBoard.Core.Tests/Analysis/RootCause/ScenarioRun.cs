using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Analysis.Fixes;
using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.RootCauses;
using DriftBoard.Core.Analysis.Surrogate;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Demo;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Tests.TestSupport;

namespace DriftBoard.Core.Tests.Analysis.RootCauses;

/// <summary>
/// A demo scenario generated in memory and diagnosed the way the engine does it: weekly windows, the performance
/// timeline and recall change point, the drift table, a surrogate fitted on the healthy rows before the drop with
/// counterfactual attribution on the affected positives, then the root cause. (The diagnosis engine had not landed
/// when this suite was written; this helper computes each input once, as the engine will.)
/// </summary>
internal sealed record ScenarioRun(
    DemoSettings Settings,
    DatasetFrame Production,
    DatasetFrame Reference,
    ModelCard Card,
    RootCauseInputs Inputs,
    RootCause Verdict,
    FixScope Scope,
    SurrogateModel Surrogate)
{
    /// <summary>Days per scenario: labels take ~2 months to mature, so the incident (mid-period) needs as long after it.</summary>
    public const int Days = 240;

    public static DemoSettings SettingsFor(IncidentKind kind, int seed) =>
        DemoScenarios.Create(kind, seed, new DemoScenarioOptions(Days: Days, RandomizeNames: true, RandomizeStart: true));

    public static ScenarioRun Diagnose(DemoSettings settings)
    {
        var (production, reference, specs) = DemoFrameSink.Generate(settings);
        return Diagnose(settings, production, reference, specs);
    }

    public static ScenarioRun Diagnose(DemoSettings settings, DatasetFrame production, DatasetFrame reference, IReadOnlyList<FeatureSpec> specs)
    {
        var card = CardFor(settings, specs);
        var asOf = new DateTimeOffset(settings.AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var context = AnalysisContext.For(card, asOf, settings: new PerformanceSettings { BootstrapReplicates = 0 });
        var windows = WindowPlanner.Plan(production.Timestamps[0], production.Timestamps[^1], WindowSize.Week);
        var ranges = WindowRows.Ranges(production.Timestamps, windows);
        var timeline = PerformanceTimeline.Compute(production, windows, context);
        var drop = RecallDrop.Detect(timeline, context.Settings);
        var drift = DriftTable.Compute(DriftTable.Profiles(reference, card.Features), production, windows, ranges);

        var start = drop.Detected ? drop.StartDate : null;
        var scope = FixPlanner.Scope(production, timeline, ranges, start, drop);
        var healthyEnd = start is { } s ? RowAt(production, s) : production.Count;
        var surrogate = SurrogateModel.Fit(production, RowSets.Range(0, healthyEnd), card.Threshold);
        var referenceRows = RowSets.Range(0, reference.Count);
        var attribution = start is null ? null : FeatureAttribution.Compute(surrogate, production, scope.AffectedRows, reference, referenceRows);

        var inputs = new RootCauseInputs(production, reference, card, context, timeline, drop, drift, attribution);
        var verdict = RootCauseClassifier.Classify(inputs);
        return new ScenarioRun(settings, production, reference, card, inputs, verdict, scope, surrogate);
    }

    /// <summary>
    /// The input repair the fix planner proposes for the verdict's lead feature (its path for a schema change, without
    /// the retrain, which needs labelled negatives the 120-day chargeback rule does not give yet), simulated on the
    /// matured labelled rows since the drop; null when no repair can be inferred.
    /// </summary>
    public FixEstimate? InputRepairFix()
    {
        if (Verdict.Features.Count == 0)
        {
            return null;
        }

        var feature = Verdict.Features[0];
        var referenceRows = RowSets.Range(0, Reference.Count);
        var options = FixSimulationOptions.Default with { Resamples = 50 };
        var plan = InputRepair.Infer(Reference, referenceRows, Production, Scope.AffectedRows, feature, options.Seed);
        return plan is null ? null : FixSimulator.RepairInput(Surrogate, Production, Scope.AffectedRows, feature, plan.Repair, plan.Description, options);
    }

    /// <summary>The model card the demo writer declares for <paramref name="settings"/>.</summary>
    public static ModelCard CardFor(DemoSettings settings, IReadOnlyList<FeatureSpec> specs) => new(
        settings.Model,
        settings.ModelVersion,
        "binary_classification",
        settings.TargetColumn,
        "1",
        settings.Threshold,
        settings.IdColumn,
        settings.TimestampColumn,
        settings.ScoreColumn,
        settings.PredictionColumn,
        "predictions.csv",
        new PositiveEventsLabels("chargebacks.csv", settings.IdColumn, settings.ChargebackDateColumn, settings.MaturityDays,
            new DateTimeOffset(settings.AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
        new TrainingSpec("training.csv", settings.TargetColumn, settings.TimestampColumn),
        specs,
        new Dictionary<string, double>(),
        "");

    private static int RowAt(DatasetFrame frame, DateOnly day)
    {
        var ms = UtcDays.ToUnixMs(day);
        var index = Array.BinarySearch(frame.Timestamps, ms);
        index = index >= 0 ? index : ~index;
        while (index > 0 && frame.Timestamps[index - 1] >= ms)
        {
            index--;
        }

        return index;
    }
}
