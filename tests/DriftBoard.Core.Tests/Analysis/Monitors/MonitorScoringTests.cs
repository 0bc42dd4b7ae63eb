using DriftBoard.Core.Analysis.Monitors;

namespace DriftBoard.Core.Tests.Analysis.Monitors;

public class MonitorScoringTests
{
    private static readonly DateOnly Start = new(2026, 7, 1);

    [Fact]
    public void First_alert_lead_and_false_alarm_episodes_follow_the_calendar()
    {
        // Days 0..19; baseline days 0-1; healthy days 2-9; incident from day 10; drop visible on day 15.
        var days = Days(20, fired: [1, 2, 3, 6, 12, 13, 14, 18]);
        var periods = new ReplayPeriods(Start.AddDays(10), Start.AddDays(15), Start.AddDays(2), Start.AddDays(10));

        var outcome = MonitorScoring.Score(days, periods, constantShare: 0.9);

        Assert.Equal(Start.AddDays(12), outcome.FirstAlert);
        Assert.Equal(3, outcome.LeadDays);
        // The run 1-3 reaches into the healthy period and counts once; day 6 is a second episode.
        Assert.Equal(2, outcome.FalseAlarms);
        Assert.Equal(8, outcome.HealthyDays);
        Assert.Equal(4.0 / 10, outcome.FiringShare, 12);
        Assert.False(outcome.Constant);
        // Two false alarms in 8 healthy days is far above one per 90 days.
        Assert.False(MonitorScoring.Recommendable(outcome, periods, maxPer90Days: 1));
        Assert.True(MonitorScoring.Recommendable(outcome, periods, maxPer90Days: 30));
    }

    [Fact]
    public void A_monitor_firing_after_the_labels_has_a_negative_lead_and_is_not_recommended()
    {
        var days = Days(30, fired: [20, 21]);
        var periods = new ReplayPeriods(Start.AddDays(10), Start.AddDays(15), Start.AddDays(2), Start.AddDays(10));

        var outcome = MonitorScoring.Score(days, periods, constantShare: 0.9);

        Assert.Equal(-5, outcome.LeadDays);
        Assert.Equal(0, outcome.FalseAlarms);
        Assert.False(MonitorScoring.Recommendable(outcome, periods, maxPer90Days: 1));
    }

    [Fact]
    public void Without_an_incident_there_is_no_first_alert_and_every_later_day_is_healthy()
    {
        var days = Days(30, fired: [5, 6, 25]);
        var periods = new ReplayPeriods(null, null, Start.AddDays(2), Start.AddDays(30));

        var outcome = MonitorScoring.Score(days, periods, constantShare: 0.9);

        Assert.Null(outcome.FirstAlert);
        Assert.Null(outcome.LeadDays);
        Assert.Equal(2, outcome.FalseAlarms);
        Assert.Equal(28, outcome.HealthyDays);
    }

    [Fact]
    public void A_monitor_firing_from_its_first_day_is_constant()
    {
        var days = Days(30, fired: [.. Enumerable.Range(0, 30)]);
        var periods = new ReplayPeriods(Start.AddDays(20), Start.AddDays(25), Start.AddDays(2), Start.AddDays(20));

        var outcome = MonitorScoring.Score(days, periods, constantShare: 0.9);

        Assert.True(outcome.Constant);
        Assert.Equal(5, outcome.LeadDays);
        Assert.Equal(1, outcome.FalseAlarms);
        Assert.False(MonitorScoring.Recommendable(outcome, periods, maxPer90Days: 100));
    }

    [Fact]
    public void Alert_rate_comparison_is_the_pooled_two_proportion_z_test()
    {
        // 15% flagged against a 10% baseline, 1000 rows each: z = 3.3806, two-sided p = erfc(z / sqrt 2) (Python's math.erfc).
        var (change, pValue) = ModelMonitors.CompareProportions(150, 1000, 100, 1000);

        Assert.Equal(0.5, change, 12);
        Assert.Equal(0.0007232327164301955, pValue, 1e-12);
        Assert.Equal(double.PositiveInfinity, ModelMonitors.CompareProportions(5, 1000, 0, 1000).RelativeChange);
    }

    private static MonitorDay[] Days(int count, int[] fired) =>
        [.. Enumerable.Range(0, count).Select(d => new MonitorDay(Start.AddDays(d), true, fired.Contains(d), double.NaN, double.NaN, null))];
}
