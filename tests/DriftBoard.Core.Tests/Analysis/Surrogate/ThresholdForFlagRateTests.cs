using DriftBoard.Core.Analysis.Surrogate;

namespace DriftBoard.Core.Tests.Analysis.Surrogate;

public class ThresholdForFlagRateTests
{
    [Fact]
    public void With_a_massive_tie_the_threshold_flags_the_nearest_achievable_share_not_every_row()
    {
        // 990 scores tied at exactly 0 (probabilities that underflowed) and 10 distinct positive scores.
        var scores = new double[1_000];
        for (var i = 0; i < 10; i++)
        {
            scores[990 + i] = (i + 1) / 10.0;
        }

        var threshold = ThresholdCounts.ThresholdForFlagRate(scores, 0.05);

        Assert.Equal(0.1, threshold);
        Assert.Equal(10, scores.Count(s => s >= threshold));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.3, 3)]
    [InlineData(0.34, 3)]
    [InlineData(0.36, 4)]
    [InlineData(1.0, 10)]
    public void Distinct_scores_flag_the_rounded_share(double rate, int expectedFlagged)
    {
        double[] scores = [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95];

        var threshold = ThresholdCounts.ThresholdForFlagRate(scores, rate);

        Assert.Equal(expectedFlagged, scores.Count(s => s >= threshold));
    }

    [Fact]
    public void A_tie_straddling_the_target_is_flagged_whole_or_not_at_all_whichever_is_nearer()
    {
        // 4 high scores, 10 tied at 0.5, 86 low. A 10% target (10 rows) is nearer 14 flagged than 4; an 8% target (8 rows) is nearer 4.
        var scores = new List<double>();
        scores.AddRange([0.9, 0.8, 0.7, 0.6]);
        scores.AddRange(Enumerable.Repeat(0.5, 10));
        scores.AddRange(Enumerable.Range(0, 86).Select(i => i / 1000.0));

        Assert.Equal(0.5, ThresholdCounts.ThresholdForFlagRate(scores.ToArray(), 0.10));
        Assert.Equal(0.6, ThresholdCounts.ThresholdForFlagRate(scores.ToArray(), 0.08));
        Assert.True(double.IsNaN(ThresholdCounts.ThresholdForFlagRate(Array.Empty<double>(), 0.1)));
    }
}
