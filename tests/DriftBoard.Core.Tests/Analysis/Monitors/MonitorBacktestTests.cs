using DriftBoard.Core.Analysis.Monitors;
using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Tests.TestSupport;

namespace DriftBoard.Core.Tests.Analysis.Monitors;

public class MonitorBacktestTests
{
    [Fact]
    public void A_default_filling_a_broken_join_trips_the_contract_the_day_it_starts_and_well_before_the_labels()
    {
        var synthetic = new SyntheticFeatureFrame { ZeroFillFromDay = 100 };
        var incident = synthetic.DayOf(100);

        var result = Run(synthetic, incident);

        var contract = Monitor(result, MonitorKind.Contract);
        Assert.NotNull(result.Detection.DropVisible);
        Assert.InRange(contract.FirstAlert!.Value, incident, incident.AddDays(1));
        Assert.Equal("amount", contract.Feature);
        Assert.True(contract.LeadDays > 0, $"lead {contract.LeadDays}");
        Assert.Equal(result.Detection.DropVisible!.Value.DayNumber - contract.FirstAlert.Value.DayNumber, contract.LeadDays);
        Assert.Equal(0, contract.FalseAlarms);
        Assert.Equal(100 - 28, contract.HealthyDays);
        Assert.DoesNotContain(result.Timeline(MonitorKind.Contract).Days, day => day.Fired && day.Day < incident);
        // The per-feature detail names the value that took over and leaves the other features quiet.
        var amount = Assert.Single(result.Contract, trace => trace.Contract.Feature == "amount");
        var firstFiring = amount.Days.First(day => day.Fired);
        Assert.Equal("0", firstFiring.PointMassValue);
        Assert.InRange(firstFiring.PointMassExcess, 0.35, 0.45);
        Assert.All(result.Contract.Where(trace => trace.Contract.Feature != "amount"), trace => Assert.Null(trace.Replay.FirstAlert));
        // The recommendation leads with the contract check and says so in one sentence.
        Assert.Equal(MonitorKind.DisplayName(MonitorKind.Contract), result.Detection.RecommendedMonitors[0]);
        Assert.StartsWith($"The input contract check would have fired on {contract.FirstAlert:yyyy-MM-dd}, {contract.LeadDays} days before", result.Detection.Summary);
        // Realised recall defines the visible date, so its own lead is zero and it is not recommended.
        var realised = Monitor(result, MonitorKind.RealisedRecall);
        Assert.Equal(result.Detection.DropVisible, realised.FirstAlert);
        Assert.Equal(0, realised.LeadDays);
        Assert.DoesNotContain(MonitorKind.DisplayName(MonitorKind.RealisedRecall), result.Detection.RecommendedMonitors);
    }

    [Fact]
    public void Scores_sliding_under_the_threshold_lower_the_label_free_estimate_before_the_labels_show_it()
    {
        // From day 100 every score is 20% lower: positives scoring 0.5-0.625 fall under the threshold.
        var synthetic = new SyntheticFeatureFrame { ScoreScaleFromDay = 100 };
        var incident = synthetic.DayOf(100);

        var result = Run(synthetic, incident);

        var estimated = Monitor(result, MonitorKind.EstimatedRecall);
        Assert.InRange(estimated.FirstAlert!.Value, incident, incident.AddDays(6));
        Assert.True(estimated.LeadDays > 0, $"lead {estimated.LeadDays}");
        Assert.Equal(0, estimated.FalseAlarms);
        var firing = result.Timeline(MonitorKind.EstimatedRecall).Days.First(day => day.Fired);
        Assert.True(firing.Value <= firing.Support - 0.05);
        // The inputs did not change: the contract stays quiet.
        Assert.Null(Monitor(result, MonitorKind.Contract).FirstAlert);
    }

    [Fact]
    public void A_gradual_benign_drift_moves_the_psi_but_never_the_contract()
    {
        // Age drifts up by 20 years over the last 120 days, staying inside the card's range; the score ignores age.
        var synthetic = new SyntheticFeatureFrame { AgeShift = d => d < 60 ? 0 : 20.0 * (d - 60) / 120 };

        var result = Run(synthetic, incident: null);

        Assert.DoesNotContain(result.Timeline(MonitorKind.Contract).Days, day => day.Fired);
        var agePsi = Assert.Single(result.FeaturePsi, trace => trace.Feature == "age");
        Assert.Contains(agePsi.Days, day => day.Fired);
        Assert.Contains(result.Timeline(MonitorKind.FeaturePsi).Days, day => day.Fired && day.Feature == "age");
        Assert.True(Monitor(result, MonitorKind.FeaturePsi).FalseAlarms >= 1);
        Assert.Equal(0, Monitor(result, MonitorKind.Contract).FalseAlarms);
    }

    [Fact]
    public void A_healthy_log_raises_no_contract_or_alert_rate_alarm_and_reports_the_whole_period()
    {
        var synthetic = new SyntheticFeatureFrame();

        var result = Run(synthetic, incident: null);

        foreach (var kind in new[] { MonitorKind.Contract, MonitorKind.AlertRate, MonitorKind.ScorePsi, MonitorKind.FeaturePsi })
        {
            var monitor = Monitor(result, kind);
            Assert.Equal(0, monitor.FalseAlarms);
            Assert.Null(monitor.FirstAlert);
            Assert.Null(monitor.LeadDays);
            Assert.Equal(synthetic.Days - 28, monitor.HealthyDays);
            // The monitors did run: a monitor that never evaluates would also never fire.
            Assert.True(result.Timeline(kind).Days.Count(day => day.Evaluated) >= synthetic.Days - 28);
        }

        Assert.Null(result.Detection.DropVisible);
        Assert.Empty(result.Detection.RecommendedMonitors);
        Assert.StartsWith("No incident", result.Detection.Summary);
    }

    [Fact]
    public void Late_labels_make_the_realised_recall_monitor_fire_only_once_they_arrive()
    {
        // Recall halves on day 100. With labels arriving 20 to 30 days late, no post-change positive is known before day 120.
        var change = 100;
        var late = new SyntheticFrame
        {
            Days = 180,
            RowsPerDay = 1000,
            RecallOnDay = d => d < change ? 0.8 : 0.4,
            PositiveDelayMs = random => (long)((20 + (random.NextDouble() * 10)) * UtcDays.MsPerDay),
        };
        var prompt = late with { PositiveDelayMs = random => (long)(random.NextDouble() * 3_600_000) };

        var lateAlert = RealisedRecallAlert(late, change);
        var promptAlert = RealisedRecallAlert(prompt, change);

        Assert.True(lateAlert >= late.DayOf(change + 20), $"late labels fired on {lateAlert}");
        Assert.True(promptAlert < late.DayOf(change + 10), $"prompt labels fired on {promptAlert}");
    }

    [Fact]
    public void A_feature_that_breaks_its_contract_from_the_first_day_is_muted_and_flagged_constant()
    {
        // The card claims age ≤ 30, but ages are around 40: that check fires every day and says nothing.
        var synthetic = new SyntheticFeatureFrame { ZeroFillFromDay = 100 };
        var specs = synthetic.Specs.Select(spec => spec.Name == "age" ? spec with { RangeMax = 30 } : spec).ToList();
        var incident = synthetic.DayOf(100);

        var result = MonitorBacktest.Run(
            synthetic.Production(), synthetic.Reference(), new AnalysisContext(synthetic.AsOf, synthetic.MaturityDays), incident, features: specs);

        var age = Assert.Single(result.Contract, trace => trace.Contract.Feature == "age");
        Assert.True(age.Muted);
        Assert.True(age.Outcome.Constant);
        Assert.Contains("constant", age.Replay.Rule);
        // The aggregated check ignores it, so it still catches the broken amount on day 100 without false alarms.
        var contract = Monitor(result, MonitorKind.Contract);
        Assert.Contains("Leaves out age", contract.Rule);
        Assert.Equal(incident, contract.FirstAlert);
        Assert.Equal(0, contract.FalseAlarms);
    }

    [Fact]
    public void Every_replayed_day_is_what_the_log_up_to_that_day_gives()
    {
        // Replaying a log cut after day 110 must give the same days 0-110 as replaying the whole log: no monitor reads ahead.
        var synthetic = new SyntheticFeatureFrame { ZeroFillFromDay = 100, Days = 130 };
        var production = synthetic.Production();
        var context = new AnalysisContext(synthetic.AsOf, synthetic.MaturityDays);
        var cut = synthetic.DayOf(111);
        var rows = Array.FindIndex(production.Timestamps, ts => ts >= UtcDays.ToUnixMs(cut));
        var reference = synthetic.Reference();

        var whole = MonitorBacktest.Run(production, reference, context, synthetic.DayOf(100), features: synthetic.Specs);
        var truncated = MonitorBacktest.Run(FrameSlice.Head(production, rows), reference, context, synthetic.DayOf(100), features: synthetic.Specs);

        foreach (var kind in MonitorKind.All)
        {
            var expected = whole.Timeline(kind).Days.Where(day => day.Day < cut).ToList();
            var actual = truncated.Timeline(kind).Days.Where(day => day.Day < cut).ToList();
            Assert.Equal(111, expected.Count);
            Assert.Equal(expected, actual);
        }

        // The whole log's alerts after the cut are real: the comparison above is not between two empty replays.
        Assert.Contains(whole.Timeline(MonitorKind.AlertRate).Days, day => day.Fired && day.Day < cut);
    }

    [Fact]
    public void A_named_reference_period_is_the_baseline_and_the_baseline_monitors_start_after_it()
    {
        var synthetic = new SyntheticFeatureFrame { Days = 120, ScoreScaleFromDay = 30 };
        var reference = new TimeWindow(synthetic.DayOf(40), synthetic.DayOf(70));
        var context = new AnalysisContext(synthetic.AsOf, synthetic.MaturityDays, reference);

        var production = synthetic.Production();
        var result = MonitorBacktest.Run(production, synthetic.Reference(), context, incidentStart: null, features: synthetic.Specs);
        var firstWeeks = MonitorBacktest.Run(production, synthetic.Reference(), context with { Reference = null }, incidentStart: null, features: synthetic.Specs);

        Assert.Equal(synthetic.DayOf(70), result.Periods.HealthyStart);
        var scorePsi = result.Timeline(MonitorKind.ScorePsi);
        Assert.Equal(synthetic.DayOf(70), scorePsi.Days.First(day => day.Evaluated).Day);
        Assert.Contains($"{reference.Start:yyyy-MM-dd} to {reference.LastDay:yyyy-MM-dd}", scorePsi.Replay.Rule);
        // Scores were scaled from day 30, so a baseline of days 40-69 sees no change after it, while the default
        // baseline (the first 28 days) sees the scaled scores as drift.
        Assert.DoesNotContain(scorePsi.Days, day => day.Fired);
        Assert.DoesNotContain(result.Timeline(MonitorKind.AlertRate).Days, day => day.Fired);
        Assert.Contains(firstWeeks.Timeline(MonitorKind.AlertRate).Days, day => day.Fired);
    }

    private static MonitorBacktestResult Run(SyntheticFeatureFrame synthetic, DateOnly? incident) =>
        MonitorBacktest.Run(
            synthetic.Production(), synthetic.Reference(), new AnalysisContext(synthetic.AsOf, synthetic.MaturityDays), incident, features: synthetic.Specs);

    private static MonitorReplay Monitor(MonitorBacktestResult result, string kind) => Assert.Single(result.Monitors, m => m.Kind == kind);

    private static DateOnly? RealisedRecallAlert(SyntheticFrame synthetic, int change)
    {
        var empty = new DatasetFrame
        {
            Timestamps = [],
            Scores = [],
            Predictions = [],
            Labels = [],
            LabelKnownAt = [],
            Features = new Dictionary<string, FeatureColumn>(),
        };
        var result = MonitorBacktest.Run(
            synthetic.Build(), empty, new AnalysisContext(synthetic.AsOf, synthetic.MaturityDays), synthetic.DayOf(change), baselineRecall: 0.8);
        var realised = Monitor(result, MonitorKind.RealisedRecall);
        Assert.Equal(result.Detection.DropVisible, realised.FirstAlert);
        return realised.FirstAlert;
    }
}
