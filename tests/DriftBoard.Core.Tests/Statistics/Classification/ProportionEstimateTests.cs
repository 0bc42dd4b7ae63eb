using DriftBoard.Core.Statistics.Classification;

namespace DriftBoard.Core.Tests.Statistics.Classification;

public class ProportionEstimateTests
{
    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3 (Wilson score).
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_interval_matches_published_values(int successes, int trials, double low, double high)
    {
        var estimate = ProportionEstimate.Wilson(successes, trials);

        Assert.Equal((double)successes / trials, estimate.Value, 12);
        Assert.Equal(low, estimate.Low, 4);
        Assert.Equal(high, estimate.High, 4);
    }

    [Fact]
    public void Wilson_interval_at_one_is_mirror_of_zero_and_stays_in_unit_range()
    {
        var none = ProportionEstimate.Wilson(0, 20);
        var all = ProportionEstimate.Wilson(20, 20);

        Assert.Equal(1.0, all.High);
        Assert.Equal(1 - none.High, all.Low, 12);
    }

    [Fact]
    public void Wider_confidence_gives_wider_interval()
    {
        var ninetyFive = ProportionEstimate.Wilson(30, 100);
        var ninetyNine = ProportionEstimate.Wilson(30, 100, 0.99);

        Assert.True(ninetyNine.Low < ninetyFive.Low && ninetyNine.High > ninetyFive.High);
    }

    [Fact]
    public void No_trials_is_undefined()
    {
        var estimate = ProportionEstimate.Wilson(0, 0);

        Assert.True(double.IsNaN(estimate.Value) && double.IsNaN(estimate.Low) && double.IsNaN(estimate.High));
    }

    [Fact]
    public void Counts_give_recall_precision_and_alert_rate()
    {
        sbyte[] labels = [1, 1, 1, 0, 0, -1, -1, 0];
        byte[] predictions = [1, 1, 0, 1, 0, 1, 0, 0];

        var counts = BinaryCounts.Count(labels, predictions);

        Assert.Equal(new BinaryCounts(8, 4, 2, 1, 1, 2), counts);
        Assert.Equal(2.0 / 3, ClassificationRates.Recall(counts).Value, 12);
        Assert.Equal(2.0 / 3, ClassificationRates.Precision(counts).Value, 12);
        Assert.Equal(0.5, ClassificationRates.AlertRate(counts));
    }
}
