using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Tests.TestSupport;

namespace DriftBoard.Core.Tests.Analysis.Performance;

public class RecallDropTests
{
    private const int Weeks = 30;
    private const int PlantedWeek = 20;

    private static IReadOnlyList<WindowPerformance> WeeklyTimeline(SyntheticFrame synthetic)
    {
        var frame = synthetic.Build();
        var context = synthetic.Context();
        return PerformanceTimeline.Compute(frame, SyntheticFrame.Weeks(frame), context);
    }

    private static SyntheticFrame WithRecall(Func<int, double> recallOnDay, int rowsPerDay = 1000) =>
        new() { Days = 7 * Weeks, RowsPerDay = rowsPerDay, RecallOnDay = recallOnDay };

    [Fact]
    public void Planted_drop_is_detected_at_its_week()
    {
        var synthetic = WithRecall(d => d < 7 * PlantedWeek ? 0.8 : 0.6);

        var drop = RecallDrop.Detect(WeeklyTimeline(synthetic), new PerformanceSettings());

        Assert.True(drop.Detected);
        var planted = synthetic.DayOf(7 * PlantedWeek);
        Assert.NotNull(drop.StartDate);
        Assert.InRange(drop.StartDate.Value, planted.AddDays(-7), planted.AddDays(7));
        Assert.InRange(drop.Baseline, 0.77, 0.83);
        Assert.InRange(drop.Current, 0.55, 0.65);
        Assert.Equal(drop.Baseline - drop.Current, drop.Drop, 12);
        Assert.True(drop.Significance < 0.01);
    }

    [Fact]
    public void Steady_recall_is_not_a_drop()
    {
        var drop = RecallDrop.Detect(WeeklyTimeline(WithRecall(_ => 0.8)), new PerformanceSettings());

        Assert.False(drop.Detected);
        Assert.True(drop.WindowsTested >= 20);
    }

    [Fact]
    public void A_rise_is_not_a_drop()
    {
        var drop = RecallDrop.Detect(WeeklyTimeline(WithRecall(d => d < 7 * PlantedWeek ? 0.6 : 0.8)), new PerformanceSettings());

        Assert.False(drop.Detected);
    }

    [Fact]
    public void Immature_windows_never_trigger_a_drop()
    {
        // Recall collapses only in the last three weeks, whose labels (delays up to 30 days) have mostly not arrived.
        var timeline = WeeklyTimeline(WithRecall(d => d < 7 * (Weeks - 3) ? 0.8 : 0.2));

        var drop = RecallDrop.Detect(timeline, new PerformanceSettings());

        Assert.All(timeline.TakeLast(3), w => Assert.True(w.Provisional));
        Assert.True(timeline[^1].Recall < 0.5); // visible in the provisional numbers, yet not read as degraded
        Assert.False(drop.Detected);
    }

    [Fact]
    public void Too_small_windows_never_trigger_a_drop()
    {
        var timeline = WeeklyTimeline(WithRecall(d => d < 7 * PlantedWeek ? 0.9 : 0.3, rowsPerDay: 100));

        var drop = RecallDrop.Detect(timeline, new PerformanceSettings());

        Assert.False(drop.Detected);
        Assert.Equal(0, drop.WindowsTested);
        Assert.Null(drop.StartDate);
    }

    [Fact]
    public void Exact_counts_give_exact_baseline_current_and_the_smallest_p_value()
    {
        var start = new DateOnly(2026, 1, 5);
        var timeline = Enumerable.Range(0, 12)
            .Select(w => Window(start.AddDays(7 * w), positives: 200, truePositives: w < 8 ? 160 : 120))
            .ToList();

        var drop = RecallDrop.Detect(timeline, new PerformanceSettings());

        Assert.True(drop.Detected);
        Assert.Equal(start.AddDays(7 * 8), drop.StartDate);
        Assert.Equal(0.8, drop.Baseline, 12);
        Assert.Equal(0.6, drop.Current, 12);
        Assert.Equal(1.0 / 1000, drop.Significance, 12);
    }

    [Fact]
    public void Significant_but_immaterial_drop_is_not_detected()
    {
        var start = new DateOnly(2026, 1, 5);
        // 0.80 → 0.77 on 20 000 positives a week is highly significant but below the 5-point materiality.
        var timeline = Enumerable.Range(0, 12)
            .Select(w => Window(start.AddDays(7 * w), positives: 20_000, truePositives: w < 8 ? 16_000 : 15_400))
            .ToList();

        var drop = RecallDrop.Detect(timeline, new PerformanceSettings { ChangePointPermutations = 99 });

        Assert.False(drop.Detected);
        Assert.Equal(0.03, drop.Drop, 12);
        Assert.True(drop.Significance < 0.05);
    }

    private static WindowPerformance Window(DateOnly start, int positives, int truePositives)
    {
        var recall = (double)truePositives / positives;
        return new WindowPerformance(
            start, start.AddDays(7), Rows: positives * 50, Labelled: positives * 50, positives, truePositives, Flagged: truePositives * 2,
            LabelMaturity: 1, PastMaturityShare: 1, Provisional: false, TooSmall: false,
            recall, recall, recall, double.NaN, double.NaN, double.NaN, AlertRate: 0.02,
            double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
    }
}
