using DriftBoard.Core.Statistics.Classification;

namespace DriftBoard.Core.Tests.Statistics.Classification;

public class BootstrapTests
{
    private static RankedScores Sample(int seed)
    {
        var random = new Random(seed);
        var scores = new double[400];
        var labels = new sbyte[400];
        for (var i = 0; i < scores.Length; i++)
        {
            labels[i] = (sbyte)(i % 4 == 0 ? 1 : 0);
            scores[i] = random.NextDouble() + (labels[i] * 0.6);
        }

        return RankedScores.Create(scores, labels);
    }

    private static Interval[] AucIntervals(RankedScores ranked, int seed) =>
        Bootstrap.PercentileIntervals(ranked.Count, 300, seed, 0.95, w => ranked.Compute(w).RocAuc, w => ranked.Compute(w).AveragePrecision);

    [Fact]
    public void Same_seed_gives_same_intervals_and_another_seed_other_ones()
    {
        var ranked = Sample(1);

        Assert.Equal(AucIntervals(ranked, 42), AucIntervals(ranked, 42));
        Assert.NotEqual(AucIntervals(ranked, 42), AucIntervals(ranked, 43));
    }

    [Fact]
    public void Intervals_bracket_the_estimate_and_narrow_with_lower_confidence()
    {
        var ranked = Sample(2);
        var point = ranked.Compute();
        var intervals = AucIntervals(ranked, 5);
        var narrow = Bootstrap.PercentileIntervals(ranked.Count, 300, 5, 0.5, w => ranked.Compute(w).RocAuc)[0];

        Assert.InRange(point.RocAuc, intervals[0].Low, intervals[0].High);
        Assert.InRange(point.AveragePrecision, intervals[1].Low, intervals[1].High);
        Assert.True(intervals[0].High - intervals[0].Low is > 0.01 and < 0.2);
        Assert.True(narrow.High - narrow.Low < intervals[0].High - intervals[0].Low);
    }

    [Fact]
    public void Mostly_undefined_replicates_give_an_undefined_interval()
    {
        // A statistic defined only when item 0 is drawn at least twice: that happens in about 26% of resamples of 50
        // (1 − 2·(49/50)^50 − …), so most replicates are NaN. Drawn once or more (about 64%) is a majority.
        var twice = Bootstrap.PercentileIntervals(50, 400, 3, 0.95, w => w[0] >= 2 ? w[0] : double.NaN)[0];
        var once = Bootstrap.PercentileIntervals(50, 400, 3, 0.95, w => w[0] >= 1 ? w[0] : double.NaN)[0];

        Assert.Equal(Interval.Undefined, twice);
        Assert.Equal(1.0, once.Low);
    }

    [Fact]
    public void Quantile_interpolates_between_order_statistics() =>
        Assert.Equal(2.5, Bootstrap.Quantile([1.0, 2.0, 3.0, 4.0], 0.5));
}
