using DriftBoard.Core.Analysis.Monitors;
using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Demo;
using DriftBoard.Core.Tests.TestSupport;

namespace DriftBoard.Core.Tests.Analysis.Monitors;

/// <summary>The replay on the demo generator's scenario presets, with randomised feature names (nothing may be keyed to them).</summary>
public class DemoScenarioMonitorTests
{
    [Theory]
    [InlineData(IncidentKind.PipelineDefault, 3)]
    [InlineData(IncidentKind.RecodedCategories, 4)]
    [InlineData(IncidentKind.UnitChange, 5)]
    [InlineData(IncidentKind.NewMarket, 6)]
    public void Input_incidents_trip_the_contract_on_the_broken_feature_within_two_days_and_before_the_labels(IncidentKind kind, int seed)
    {
        var settings = DemoScenarios.Create(kind, seed, new DemoScenarioOptions(RandomizeNames: true));
        var incident = settings.Incident.Start;

        var result = Replay(settings, incident);

        var contract = Assert.Single(result.Monitors, m => m.Kind == MonitorKind.Contract);
        Assert.InRange(contract.FirstAlert!.Value, incident, incident.AddDays(2));
        Assert.Equal(settings.Incident.Feature, contract.Feature);
        Assert.True(contract.LeadDays > 0, $"lead {contract.LeadDays}, drop visible {result.Detection.DropVisible}");
        Assert.Equal(0, contract.FalseAlarms);
        Assert.Contains(MonitorKind.DisplayName(MonitorKind.Contract), result.Detection.RecommendedMonitors);
    }

    [Fact]
    public void A_healthy_scenario_raises_no_false_alarm_on_any_label_free_monitor()
    {
        var settings = DemoScenarios.Create(IncidentKind.None, 7);

        var result = Replay(settings, incident: null);

        Assert.All(
            result.Monitors.Where(m => m.Kind != MonitorKind.RealisedRecall),
            m => Assert.True(m.FalseAlarms == 0, $"{m.Kind}: {m.FalseAlarms} false alarms"));
        Assert.Equal(settings.Days - 28, result.Periods.HealthyDays);
        Assert.Empty(result.Detection.RecommendedMonitors);
    }

    private static MonitorBacktestResult Replay(DemoSettings settings, DateOnly? incident)
    {
        var (production, reference, specs) = DemoFrameSink.Generate(settings);
        var asOf = new DateTimeOffset(settings.AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return MonitorBacktest.Run(production, reference, new AnalysisContext(asOf, settings.MaturityDays), incident, features: specs);
    }
}
