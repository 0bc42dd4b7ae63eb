using DriftBoard.Core.Demo;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Tests.Demo;

/// <summary>The default demo, generated once for the tests that read it.</summary>
public sealed class DefaultDemoFixture
{
    public DefaultDemoFixture()
    {
        Sink = new DailyTallySink(DemoSettings.Default);
        Summary = new DemoGenerator(DemoSettings.Default).Generate(Sink);
    }

    public DailyTallySink Sink { get; }
    public DemoSummary Summary { get; }
}

public class DemoGeneratorTests(DefaultDemoFixture demo) : IClassFixture<DefaultDemoFixture>
{
    private static int IncidentDay(DemoSettings s) => s.Incident.Start.DayNumber - s.Start.DayNumber;

    private static (DailyTallySink Sink, DemoSummary Summary) Run(DemoSettings settings)
    {
        var sink = new DailyTallySink(settings);
        return (sink, new DemoGenerator(settings).Generate(sink));
    }

    /// <summary>Recall before the incident starts and after it has ramped up to full strength.</summary>
    private static (double Before, double After) RecallAround(DailyTallySink sink, DemoSettings s)
    {
        var start = IncidentDay(s);
        return (sink.Recall(0, start), sink.Recall(start + s.Incident.RampDays, s.Days));
    }

    [Fact]
    public void Default_demo_launches_with_plausible_metrics_and_volume()
    {
        var m = demo.Summary.LaunchMetrics;
        Assert.InRange(m.Recall, 0.75, 0.85);
        Assert.InRange(m.Precision, 0.15, 0.6);
        Assert.InRange(m.RocAuc, 0.95, 1.0);
        Assert.Equal(183L * 3000, demo.Summary.PredictionRows);
        Assert.Equal(DemoSettings.Default.TrainingRows, demo.Summary.TrainingRows);
        Assert.Equal(demo.Summary.TrainingRows, demo.Sink.TrainingRows);
        Assert.InRange(demo.Sink.TrainingFraud / (double)demo.Sink.TrainingRows, 0.0045, 0.0075);
    }

    [Fact]
    public void Default_demo_loses_recall_after_the_incident()
    {
        var (before, after) = RecallAround(demo.Sink, DemoSettings.Default);
        Assert.InRange(before, 0.72, 0.88);
        Assert.InRange(before - after, 0.12, 0.30);
    }

    [Fact]
    public void Default_demo_recall_holds_through_the_benign_summer_before_the_incident()
    {
        var s = DemoSettings.Default;
        // April-May against the weeks of summer drift just before the incident.
        var spring = demo.Sink.Recall(0, 61);
        var summer = demo.Sink.Recall(61, IncidentDay(s));
        Assert.InRange(summer - spring, -0.06, 0.06);
    }

    [Fact]
    public void Chargebacks_lag_so_the_last_weeks_are_immature()
    {
        var sink = demo.Sink;
        var days = DemoSettings.Default.Days;
        var early = sink.ChargedBackShare(0, 60);
        var lastMonth = sink.ChargedBackShare(days - 30, days);
        var lastWeek = sink.ChargedBackShare(days - 7, days);
        Assert.InRange(early, 0.9, 0.99); // some fraud is never charged back
        Assert.True(lastMonth < early - 0.3, $"last month {lastMonth:F2} vs early {early:F2}");
        Assert.True(lastWeek < lastMonth, $"last week {lastWeek:F2} vs last month {lastMonth:F2}");
        Assert.Empty(sink.Problems);
    }

    [Fact]
    public void Same_seed_gives_the_same_rows_and_another_seed_different_ones()
    {
        var settings = DemoScenarios.Create(IncidentKind.PipelineDefault, 5, new DemoScenarioOptions(PerDay: 300, Days: 40, TrainingRows: 5000));
        var first = Run(settings).Sink.Checksum;
        var second = Run(settings).Sink.Checksum;
        var other = Run(settings with { Seed = 6 }).Sink.Checksum;
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    public static TheoryData<IncidentKind, int, bool> Degrading => new()
    {
        { IncidentKind.PipelineDefault, 7, false }, { IncidentKind.PipelineDefault, 3, true },
        { IncidentKind.UnitChange, 7, false }, { IncidentKind.UnitChange, 3, true },
        { IncidentKind.RecodedCategories, 7, false }, { IncidentKind.RecodedCategories, 3, true },
        { IncidentKind.NewMarket, 7, false }, { IncidentKind.NewMarket, 3, true },
        { IncidentKind.ConceptChange, 7, false }, { IncidentKind.ConceptChange, 3, true },
    };

    [Theory]
    [MemberData(nameof(Degrading))]
    public void Degrading_incidents_drop_recall(IncidentKind kind, int seed, bool randomize)
    {
        var s = DemoScenarios.Create(kind, seed, new DemoScenarioOptions(RandomizeNames: randomize, RandomizeStart: randomize));
        var (sink, _) = Run(s);
        var (before, after) = RecallAround(sink, s);
        Assert.True(before - after >= 0.10, $"{kind}: recall {before:F3} -> {after:F3}");
        Assert.Empty(sink.Problems);
    }

    public static TheoryData<IncidentKind, int, bool> Harmless => new()
    {
        { IncidentKind.None, 7, false }, { IncidentKind.None, 3, true },
        { IncidentKind.SeasonalOnly, 7, false }, { IncidentKind.SeasonalOnly, 3, true },
        { IncidentKind.LabelShift, 7, false }, { IncidentKind.LabelShift, 3, true },
    };

    [Theory]
    [MemberData(nameof(Harmless))]
    public void Benign_changes_keep_recall(IncidentKind kind, int seed, bool randomize)
    {
        var s = DemoScenarios.Create(kind, seed, new DemoScenarioOptions(RandomizeNames: randomize, RandomizeStart: randomize));
        var (sink, _) = Run(s);
        var (before, after) = RecallAround(sink, s);
        Assert.True(Math.Abs(before - after) <= 0.06, $"{kind}: recall {before:F3} -> {after:F3}");
    }

    [Fact]
    public void Label_shift_raises_the_fraud_rate_by_a_factor_during_the_wave_and_then_returns()
    {
        var s = DemoScenarios.Create(IncidentKind.LabelShift, 7);
        var (sink, _) = Run(s);
        var start = IncidentDay(s);
        var before = sink.FraudRate(0, start);
        var peak = sink.FraudRate(start + s.Incident.RampDays, start + s.Incident.DurationDays);
        var afterwards = sink.FraudRate(start + s.Incident.DurationDays + s.Incident.RampDays, s.Days);
        Assert.InRange(peak / before, 1.8, 3.2);
        Assert.InRange(afterwards / before, 0.7, 1.4);
    }

    [Fact]
    public void Recoded_and_new_market_values_appear_only_in_their_scenarios()
    {
        var recoded = Run(DemoScenarios.Create(IncidentKind.RecodedCategories, 7)).Sink.SeenCategories;
        Assert.Contains("ELECTRONICS", recoded);
        Assert.Contains("electronics", recoded); // before the start
        var market = Run(DemoScenarios.Create(IncidentKind.NewMarket, 7)).Sink.SeenCategories;
        Assert.Contains("BR", market);
        Assert.DoesNotContain("BR", demo.Sink.SeenCategories);
        Assert.DoesNotContain("ELECTRONICS", demo.Sink.SeenCategories);
    }

    [Fact]
    public void Randomised_scenarios_rename_every_feature_and_move_the_dates()
    {
        var s = DemoScenarios.Create(IncidentKind.UnitChange, 3, new DemoScenarioOptions(RandomizeNames: true, RandomizeStart: true));
        var defaults = DemoSettings.Default.Features.Select(f => f.Name).ToHashSet();
        Assert.All(s.Features, f => Assert.DoesNotContain(f.Name, defaults));
        Assert.Contains(s.Incident.Feature, s.Features.Select(f => f.Name));
        Assert.NotEqual(DemoSettings.Default.Start, s.Start);
        Assert.Equal(s.Start.AddDays(s.Days), s.AsOf);
        Assert.InRange(IncidentDay(s), s.Days / 3, 2 * s.Days / 3);
    }

    [Fact]
    public void Works_for_a_feature_list_it_has_never_seen()
    {
        DemoFeature[] features =
        [
            new() { Name = "loan_amount", Type = FeatureType.Numeric, Distribution = NumericDistribution.Normal, Location = 50, Spread = 10, Min = 0, Max = 200, Decimals = 1, Weight = 1.5, Center = 50, Scale = 10 },
            new() { Name = "late_payments", Type = FeatureType.Numeric, Distribution = NumericDistribution.Poisson, Location = 1.5, Min = 0, Max = 40, Weight = 2.5, Shape = EffectShape.Log, Center = 1.5, Scale = 0.5 },
            new() { Name = "has_guarantor", Type = FeatureType.Boolean, Probability = 0.3, Weight = -2 },
            new() { Name = "region", Type = FeatureType.Categorical, Categories = [new("north", 0.5, -1), new("south", 0.3, 0.5), new("east", 0.2, 1.5)] },
            new() { Name = "utilisation", Type = FeatureType.Numeric, Distribution = NumericDistribution.Uniform, Min = 0, Max = 1, Decimals = 3, Weight = 2, Center = 0.5, Scale = 0.25 },
        ];
        var s = DemoSettings.Default with
        {
            Features = features, BenignDrift = [new("utilisation", DriftShape.Trend, 0.05)], ExtraColumns = [], Days = 80, PerDay = 800, TrainingRows = 20_000,
            FraudRate = 0.05, ModelBias = 0, AsOf = DemoSettings.Default.Start.AddDays(80),
            Incident = new(IncidentKind.PipelineDefault, DemoSettings.Default.Start.AddDays(40), "late_payments", Magnitude: 0.6, FillValue: 0),
        };
        var (sink, summary) = Run(s);
        Assert.InRange(sink.TrainingFraud / (double)sink.TrainingRows, 0.04, 0.06);
        Assert.InRange(summary.LaunchMetrics.RocAuc, 0.8, 1.0);
        var (before, after) = RecallAround(sink, s);
        Assert.True(before - after >= 0.10, $"recall {before:F3} -> {after:F3}");
    }

    [Theory]
    [InlineData(IncidentKind.RecodedCategories, "amount")]
    [InlineData(IncidentKind.UnitChange, "merchant_category")]
    [InlineData(IncidentKind.PipelineDefault, "no_such_feature")]
    [InlineData(IncidentKind.SeasonalOnly, "channel")]
    public void Settings_reject_an_incident_that_does_not_fit_its_feature(IncidentKind kind, string feature)
    {
        var s = DemoSettings.Default with { Incident = new(kind, DemoSettings.Default.Start.AddDays(10), feature, Magnitude: 1) };
        Assert.Throws<ArgumentException>(() => new DemoGenerator(s));
    }

    [Fact]
    public void Envelope_ramps_up_holds_and_ramps_down()
    {
        var start = new DateOnly(2026, 7, 1);
        var wave = new DemoIncident(IncidentKind.LabelShift, start, Magnitude: 2, RampDays: 4, DurationDays: 10);
        Assert.Equal(0, DemoGenerator.Envelope(wave, start.AddDays(-1)));
        Assert.Equal(0.25, DemoGenerator.Envelope(wave, start));
        Assert.Equal(1, DemoGenerator.Envelope(wave, start.AddDays(5)));
        Assert.Equal(0.75, DemoGenerator.Envelope(wave, start.AddDays(10)));
        Assert.Equal(0, DemoGenerator.Envelope(wave, start.AddDays(20)));
        Assert.Equal(0, DemoGenerator.Envelope(DemoIncident.None(start), start.AddDays(5)));
    }
}
