using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Fixes;
using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Demo;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Tests.TestSupport;

namespace DriftBoard.Core.Tests.Analysis.RootCauses;

/// <summary>
/// A demo scenario generated in memory (<see cref="DemoFrameSink"/>, the importer's chargeback-maturity rule) and run
/// through the diagnosis engine: weekly windows, the timeline and recall change point, the drift table, the surrogate and
/// its attribution, the root cause and the fixes. AUC bootstrap intervals are switched off and fixes resample less: the
/// suite checks the verdict, not those intervals.
/// </summary>
internal sealed record ScenarioRun(DemoSettings Settings, DatasetFrame Production, AnalysisReport Report)
{
    /// <summary>Days per scenario: chargebacks take about two months to mature, so the incident (mid-period) needs as long after it.</summary>
    public const int Days = 240;

    public RootCause Verdict => Report.RootCause;

    public static DemoSettings SettingsFor(IncidentKind kind, int seed) =>
        DemoScenarios.Create(kind, seed, new DemoScenarioOptions(Days: Days, RandomizeNames: true, RandomizeStart: true));

    public static ScenarioRun Diagnose(DemoSettings settings)
    {
        var (production, reference, specs) = DemoFrameSink.Generate(settings);
        return Diagnose(settings, production, reference, specs);
    }

    public static ScenarioRun Diagnose(DemoSettings settings, DatasetFrame production, DatasetFrame reference, IReadOnlyList<FeatureSpec> specs)
    {
        var asOf = new DateTimeOffset(settings.AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var options = new DiagnosisOptions
        {
            Performance = new PerformanceSettings { BootstrapReplicates = 0 },
            Fixes = FixSimulationOptions.Default with { Resamples = 50 },
        };
        var report = DiagnosisEngine.Analyze(new DiagnosisInput("scenario", CardFor(settings, specs), asOf, production, reference), options);
        return new ScenarioRun(settings, production, report);
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
}
