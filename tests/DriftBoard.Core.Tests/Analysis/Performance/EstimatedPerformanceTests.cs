using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Tests.TestSupport;

namespace DriftBoard.Core.Tests.Analysis.Performance;

public class EstimatedPerformanceTests
{
    private static readonly DateOnly Start = new(2026, 1, 5);

    /// <summary>
    /// Well-calibrated scores: the label is positive with probability equal to the score. After four weeks the score
    /// distribution shifts upwards (covariate shift only), so recall and the positive rate change and CBPE must follow.
    /// </summary>
    private static DatasetFrame CalibratedFrame(int days, int rowsPerDay, int seed)
    {
        var random = new Random(seed);
        var builder = new FrameBuilder();
        for (var d = 0; d < days; d++)
        {
            for (var r = 0; r < rowsPerDay; r++)
            {
                var u = random.NextDouble();
                var score = d < 28 ? u * u : Math.Sqrt(u);
                var label = random.NextDouble() < score ? LabelValue.Positive : LabelValue.Negative;
                var ts = FrameBuilder.Ms(Start.AddDays(d), 24.0 * r / rowsPerDay);
                builder.Add(ts, score, score >= 0.7, label, ts);
            }
        }

        return builder.Build();
    }

    [Fact]
    public void Cbpe_on_calibrated_scores_estimates_recall_within_a_few_points()
    {
        var frame = CalibratedFrame(days: 84, rowsPerDay: 1000, seed: 11);
        var windows = SyntheticFrame.Weeks(frame);
        var context = new AnalysisContext(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

        var estimated = EstimatedPerformance.Compute(frame, windows, context);
        var realised = PerformanceTimeline.Compute(frame, windows, context with { Settings = new PerformanceSettings { BootstrapReplicates = 0 } });

        Assert.Equal(new TimeWindow(Start, Start.AddDays(28)), estimated.Reference);
        Assert.Equal(28_000, estimated.Calibration.FittedRows);
        Assert.Equal(windows.Count, estimated.Windows.Count);
        for (var w = 0; w < windows.Count; w++)
        {
            Assert.InRange(estimated.Windows[w].ExpectedRecall - realised[w].Recall, -0.03, 0.03);
            Assert.InRange(estimated.Windows[w].ExpectedPrecision - realised[w].Precision, -0.03, 0.03);
            Assert.Equal(realised[w].AlertRate, estimated.Windows[w].AlertRate, 12);
        }

        // The shift is real: recall and the positive rate both moved, so a constant estimate could not pass.
        Assert.True(realised[^1].Recall - realised[0].Recall > 0.2); // about 0.41 → 0.66
        Assert.InRange(estimated.Windows[0].ExpectedPositiveRate, 0.31, 0.36);   // E[u²] = 1/3
        Assert.InRange(estimated.Windows[^1].ExpectedPositiveRate, 0.64, 0.69);  // E[√u] = 2/3
        Assert.InRange(estimated.Calibration.ExpectedCalibrationError(frame.Scores, frame.Labels), 0, 0.02);
    }

    [Fact]
    public void Isotonic_calibration_pools_adjacent_violators()
    {
        // Rates by score 1..4: 0, 1, 0, 1 → pooled into {1}: 0, {2, 3}: 1/2, {4}: 1.
        double[] scores = [1, 2, 3, 4];
        sbyte[] labels = [0, 1, 0, 1];

        var calibration = ScoreCalibration.FitIsotonic(scores, labels);

        Assert.Equal([1.0, 2.0, 4.0], calibration.BlockStarts);
        Assert.Equal([0.0, 0.5, 1.0], calibration.Probabilities);
        Assert.Equal(0.5, calibration.Probability(3.5));
        Assert.Equal(0.0, calibration.Probability(-10));
        Assert.Equal(1.0, calibration.Probability(10));
        Assert.True(double.IsNaN(calibration.Probability(double.NaN)));
    }

    [Fact]
    public void Tied_scores_share_one_probability_and_unknown_labels_are_skipped()
    {
        double[] scores = [0.2, 0.2, 0.2, 0.2, 0.9, 0.5];
        sbyte[] labels = [1, 0, 0, 0, 1, -1];

        var calibration = ScoreCalibration.FitIsotonic(scores, labels);

        Assert.Equal(0.25, calibration.Probability(0.2));
        Assert.Equal(1.0, calibration.Probability(0.9));
        Assert.Equal(5, calibration.FittedRows);
        Assert.True(double.IsNaN(ScoreCalibration.FitIsotonic([], []).Probability(0.5)));
    }

    [Fact]
    public void Calibration_ignores_reference_rows_not_yet_past_maturity()
    {
        // With a 10-day maturity rule only the first day is mature at as-of; its labels say p = 1/2 at score 0.5.
        var day = new DateOnly(2026, 3, 2);
        var frame = new FrameBuilder()
            .Add(FrameBuilder.Ms(day), 0.5, false, 1, FrameBuilder.Ms(day))
            .Add(FrameBuilder.Ms(day), 0.5, false, 0, FrameBuilder.Ms(day.AddDays(10)))
            .Add(FrameBuilder.Ms(day.AddDays(5)), 0.5, false, 1, FrameBuilder.Ms(day.AddDays(6)))
            .Add(FrameBuilder.Ms(day.AddDays(5)), 0.5, false, 1, FrameBuilder.Ms(day.AddDays(6)))
            .Build();
        var context = new AnalysisContext(new DateTimeOffset(2026, 3, 13, 0, 0, 0, TimeSpan.Zero), MaturityDays: 10);

        var calibration = EstimatedPerformance.Calibrate(frame, EstimatedPerformance.ReferencePeriod(frame, context), context);

        Assert.Equal(2, calibration.FittedRows);
        Assert.Equal(0.5, calibration.Probability(0.5));
    }
}
