using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Tests.TestSupport;

namespace DriftBoard.Core.Tests.Analysis.Performance;

public class RealisedRecallReplayTests
{
    [Fact]
    public void Each_day_counts_only_labels_known_by_its_end()
    {
        var day0 = new DateOnly(2026, 3, 2);
        var frame = new FrameBuilder()
            .Add(FrameBuilder.Ms(day0), 0.9, true, 1, FrameBuilder.Ms(day0.AddDays(2), 23.5))   // flagged, known late on day 2
            .Add(FrameBuilder.Ms(day0.AddDays(1)), 0.1, false, 1, FrameBuilder.Ms(day0.AddDays(1), 20)) // missed, known the same day
            .Add(FrameBuilder.Ms(day0.AddDays(1)), 0.2, false, 0, FrameBuilder.Ms(day0.AddDays(1)))
            .Build();
        var asOf = new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.Zero); // day 3
        var context = new AnalysisContext(asOf, Settings: new PerformanceSettings { ReplayTrailingDays = 3 });

        var replay = RealisedRecallReplay.Compute(frame, context);

        Assert.Equal([day0, day0.AddDays(1), day0.AddDays(2), day0.AddDays(3)], replay.Select(d => d.Day));
        Assert.Equal([0, 1, 2, 1], replay.Select(d => d.Positives));
        Assert.Equal([0, 0, 1, 0], replay.Select(d => d.TruePositives));
        Assert.True(double.IsNaN(replay[0].Recall));
        Assert.Equal(0.5, replay[2].Recall);
    }

    [Fact]
    public void Visible_date_is_the_first_day_significantly_below_baseline_with_enough_positives()
    {
        var day = new DateOnly(2026, 3, 2);
        RecallReplayDay[] replay =
        [
            new(day, 0.25, 20, 5),             // far below, but too few positives
            new(day.AddDays(1), 0.79, 100, 79), // consistent with 0.8
            new(day.AddDays(2), 0.6, 100, 60),  // P(X ≤ 60 | 100, 0.8) ≈ 6e-6
            new(day.AddDays(3), 0.5, 100, 50),
        ];

        Assert.Equal(day.AddDays(2), RealisedRecallReplay.DropVisibleDate(replay, 0.8, new PerformanceSettings()));
        Assert.Equal(day.AddDays(3), RealisedRecallReplay.DropVisibleDate(replay, 0.8, new PerformanceSettings(), notBefore: day.AddDays(3)));
        Assert.Null(RealisedRecallReplay.DropVisibleDate(replay, 0.5, new PerformanceSettings()));
        Assert.Null(RealisedRecallReplay.DropVisibleDate(replay, double.NaN, new PerformanceSettings()));
    }

    [Fact]
    public void Planted_drop_becomes_visible_after_the_change_and_before_the_end()
    {
        var synthetic = new SyntheticFrame { Days = 7 * 30, RecallOnDay = d => d < 140 ? 0.8 : 0.6 };
        var frame = synthetic.Build();
        var context = synthetic.Context();
        var timeline = PerformanceTimeline.Compute(frame, SyntheticFrame.Weeks(frame), context);
        var drop = RecallDrop.Detect(timeline, context.Settings);

        var replay = RealisedRecallReplay.Compute(frame, context);
        var visible = RealisedRecallReplay.DropVisibleDate(replay, drop.Baseline, context.Settings, notBefore: drop.StartDate);

        Assert.Equal(7 * 30 + 1, replay.Count); // through the as-of day
        Assert.True(drop.Detected);
        Assert.NotNull(visible);
        // Not on the change day itself: the trailing 28 days must first fill with enough post-change positives.
        Assert.InRange(visible.Value, synthetic.DayOf(141), synthetic.DayOf(7 * 30 - 1));
    }
}
