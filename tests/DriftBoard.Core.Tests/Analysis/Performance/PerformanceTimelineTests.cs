using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Tests.TestSupport;

namespace DriftBoard.Core.Tests.Analysis.Performance;

public class PerformanceTimelineTests
{
    [Fact]
    public void Counts_rates_and_aucs_of_a_hand_made_frame()
    {
        // Explicit labels known at prediction time. Day 1: 3 positives (2 flagged), 3 negatives (1 flagged), 1 unknown.
        var monday = new DateOnly(2026, 3, 2);
        var builder = new FrameBuilder();
        (double Score, bool Flagged, sbyte Label)[] rows =
            [(0.9, true, 1), (0.7, true, 1), (0.2, false, 1), (0.8, true, 0), (0.3, false, 0), (0.1, false, 0), (0.95, true, -1)];
        foreach (var (score, flagged, label) in rows)
        {
            builder.Add(FrameBuilder.Ms(monday), score, flagged, label, FrameBuilder.Ms(monday));
        }

        var frame = builder.Build();
        var context = new AnalysisContext(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), Settings: new PerformanceSettings { MinLabelledPositives = 3 });

        var window = Assert.Single(PerformanceTimeline.Compute(frame, SyntheticFrame.Weeks(frame), context));

        Assert.Equal((monday, monday.AddDays(7)), (window.Start, window.End));
        Assert.Equal((7, 6, 3, 2, 4), (window.Rows, window.Labelled, window.Positives, window.TruePositives, window.Flagged));
        Assert.Equal(1.0, window.LabelMaturity);
        Assert.False(window.Provisional);
        Assert.False(window.TooSmall);
        Assert.Equal(2.0 / 3, window.Recall, 12);
        Assert.Equal(2.0 / 3, window.Precision, 12);
        Assert.Equal(4.0 / 7, window.AlertRate, 12);
        // Positives 0.9, 0.7, 0.2 against negatives 0.8, 0.3, 0.1: 3 + 2 + 1 pairs won of 9.
        Assert.Equal(6.0 / 9, window.RocAuc, 12);
        // Descending 0.9 +, 0.8 −, 0.7 +, 0.3 −, 0.2 +, 0.1 −: (1 + 2/3 + 3/5) / 3.
        Assert.Equal((1 + (2.0 / 3) + 0.6) / 3, window.PrAuc, 12);
        Assert.True(window.RecallLow < window.Recall && window.Recall < window.RecallHigh);
        Assert.True(window.RocAucLow <= window.RocAuc && window.RocAuc <= window.RocAucHigh);
    }

    [Fact]
    public void Recent_windows_are_provisional_and_hide_precision_until_negatives_are_known()
    {
        var synthetic = new SyntheticFrame { Days = 7 * 16 };
        var frame = synthetic.Build();
        var context = synthetic.Context();

        var timeline = PerformanceTimeline.Compute(frame, SyntheticFrame.Weeks(frame), context);

        // Delays are uniform over 30 days: the last week has a third of its positives at most, the oldest all of them.
        Assert.True(timeline[^1].Provisional);
        Assert.True(timeline[^1].LabelMaturity < 0.2);
        Assert.True(timeline[^1].Positives < timeline[0].Positives / 2);
        Assert.False(timeline[0].Provisional);
        Assert.Equal(1.0, timeline[0].LabelMaturity, 2);
        // Recall on the arrived positives is still an unbiased read when arrival is independent of the score.
        Assert.InRange(timeline[^2].Recall, 0.65, 0.95);
        // Negatives need 45 days: the last six weeks have none, so precision and AUCs are withheld there.
        Assert.True(double.IsNaN(timeline[^1].Precision) && double.IsNaN(timeline[^1].RocAuc) && double.IsNaN(timeline[^1].PrAucHigh));
        Assert.InRange(timeline[0].Precision, 0.4, 0.8);
        Assert.InRange(timeline[0].RocAuc, 0.8, 1.0);
        Assert.All(timeline, w => Assert.InRange(w.AlertRate, 0.01, 0.04));
    }

    [Fact]
    public void Windows_with_few_positives_are_too_small_and_not_readable()
    {
        var synthetic = new SyntheticFrame { Days = 7 * 10, RowsPerDay = 100 };
        var frame = synthetic.Build();
        var context = synthetic.Context();

        var timeline = PerformanceTimeline.Compute(frame, SyntheticFrame.Weeks(frame), context);

        Assert.All(timeline, w => Assert.True(w.TooSmall && !w.Readable));
        Assert.All(timeline, w => Assert.InRange(w.Positives, 0, 29));
    }

    [Fact]
    public void Bootstrap_intervals_repeat_for_the_same_seed()
    {
        var synthetic = new SyntheticFrame { Days = 7 * 8, RowsPerDay = 300 };
        var frame = synthetic.Build();
        var windows = SyntheticFrame.Weeks(frame);
        var context = synthetic.Context();

        var first = PerformanceTimeline.Compute(frame, windows, context);
        var second = PerformanceTimeline.Compute(frame, windows, context);
        var reseeded = PerformanceTimeline.Compute(frame, windows, context with { Settings = new PerformanceSettings { Seed = 1 } });

        Assert.Equal(first, second);
        Assert.NotEqual(first[0].RocAucLow, reseeded[0].RocAucLow);
    }
}
