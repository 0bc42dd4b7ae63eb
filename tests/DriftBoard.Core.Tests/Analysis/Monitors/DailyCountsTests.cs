using DriftBoard.Core.Analysis.Monitors;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Statistics;
using DriftBoard.Core.Tests.TestSupport;

namespace DriftBoard.Core.Tests.Analysis.Monitors;

public class DailyCountsTests
{
    [Fact]
    public void Trailing_window_sums_equal_counting_the_window_rows_directly()
    {
        var synthetic = new SyntheticFeatureFrame { Days = 40, RowsPerDay = 300, ZeroFillFromDay = 30 };
        var production = synthetic.Production();
        var baseline = new TimeWindow(synthetic.Start, synthetic.DayOf(14));

        var counts = DailyCounts.Build(production, synthetic.Reference(), new MonitorSettings(), baseline, features: synthetic.Specs);

        Assert.Equal(40, counts.Days);
        Assert.Equal(synthetic.Start, counts.FirstDay);
        // Days 27-33 straddle the zero fill: the sliding sums must match a fresh count of those rows.
        var rows = WindowRows.Ranges(production.Timestamps, [new TimeWindow(synthetic.DayOf(27), synthetic.DayOf(34))])[0];
        Assert.Equal(rows.Length, counts.Rows.Sum(27, 34));
        var scores = production.Scores.AsSpan(rows.Start, rows.Length);
        var window = new long[counts.ScoreHistogram.Width];
        counts.ScoreHistogram.Sum(27, 34, window);
        Assert.Equal(PopulationStabilityIndex.Histogram(scores, counts.ScoreEdges), window);
        long flagged = 0;
        foreach (var p in production.Predictions.AsSpan(rows.Start, rows.Length))
        {
            flagged += p;
        }

        Assert.Equal(flagged, counts.Flagged.Sum(27, 34));

        var amount = Assert.Single(counts.Features, f => f.Name == "amount");
        var amountValues = ((NumericColumn)production.Features["amount"]).Values.AsSpan(rows.Start, rows.Length);
        var cells = new long[amount.Cells.Width];
        amount.Cells.Sum(27, 34, cells);
        Assert.Equal(PopulationStabilityIndex.Histogram(amountValues, amount.Edges), cells);
        var zero = Array.IndexOf(amount.PointMassValues, "0");
        Assert.True(zero >= 0, "the zero fill is a point-mass candidate");
        Assert.Equal(0, amount.PointMassReferenceShares[zero]);
        var zeros = 0;
        foreach (var v in amountValues)
        {
            zeros += v == 0 ? 1 : 0;
        }

        Assert.Equal(zeros, amount.PointMass.Sum(27, 34, zero));
        Assert.Equal(0, amount.PointMass.Sum(0, 30, zero));
    }

    [Fact]
    public void Contract_violations_cover_ranges_unknown_categories_and_non_boolean_values()
    {
        var day = new DateOnly(2026, 3, 2);
        var ms = FrameBuilder.Ms(day);
        var card = new FeatureSpec("level", FeatureType.Numeric, RangeMin: 0, RangeMax: 10);
        var flag = new FeatureSpec("flag", FeatureType.Boolean);
        var kind = new FeatureSpec("kind", FeatureType.Categorical, Values: ["a", "b"]);
        var production = Frame(
            [ms, ms, ms, ms, ms],
            new NumericColumn(card, [1, 11, double.NaN, -1, 5]),
            new NumericColumn(flag, [0, 1, 2, double.NaN, 1]),
            new CategoricalColumn(kind, [0, 1, 2, -1, 2], ["a", "b", "c"]));
        var reference = Frame(
            [0, 0, 0, 0],
            new NumericColumn(card, [1, 2, 3, double.NaN]),
            new NumericColumn(flag, [0, 1, 1, 0]),
            new CategoricalColumn(kind, [0, 0, 1, 1], ["b", "a"]));

        var counts = DailyCounts.Build(production, reference, new MonitorSettings(), new TimeWindow(day, day.AddDays(1)));

        var level = counts.Features[0];
        Assert.Equal((0.0, 10.0, ContractSource.Card), (level.Contract.Min, level.Contract.Max, level.Contract.Source));
        Assert.Equal(0.25, level.Contract.ReferenceMissingRate);
        Assert.Equal((2L, 1L), (level.Violations.Sum(0, 1), level.Missing.Sum(0, 1)));
        Assert.Equal((1L, 1L), (counts.Features[1].Violations.Sum(0, 1), counts.Features[1].Missing.Sum(0, 1)));
        var categories = counts.Features[2];
        // Codes map by name: production "a" is reference "a" (code 1 there); "c" is unseen and not on the card.
        Assert.Equal([2L, 2L, 0L], categories.ReferenceCells);
        Assert.Equal([1L, 1L, 2L], categories.Cells.OnDay(0).ToArray());
        Assert.Equal((2L, 1L), (categories.Violations.Sum(0, 1), categories.Missing.Sum(0, 1)));
    }

    [Fact]
    public void Point_mass_candidates_are_exactly_the_values_above_the_share_on_some_day()
    {
        var day = new DateOnly(2026, 3, 2);
        var spec = new FeatureSpec("x", FeatureType.Numeric);
        // Day 0: 30 distinct values first (they fill and flush the counters), then 30 × 5, 21 × 7 and 19 × 9 interleaved;
        // day 1: 100 distinct values, some missing. Only 5 and 7 hold more than 20% of a day.
        var heavy = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            heavy.Add(5);
            if (i < 21)
            {
                heavy.Add(7);
            }

            if (i < 19)
            {
                heavy.Add(9);
            }
        }

        double[] day0 = [.. Enumerable.Range(0, 30).Select(i => 100.0 + i), .. heavy];
        double[] day1 = [.. Enumerable.Range(0, 100).Select(i => i % 11 == 0 ? double.NaN : 200.0 + i)];
        var ms0 = FrameBuilder.Ms(day);
        var ms1 = FrameBuilder.Ms(day.AddDays(1));
        var production = Frame([.. day0.Select(_ => ms0), .. day1.Select(_ => ms1)], new NumericColumn(spec, [.. day0, .. day1]));
        var reference = Frame([0, 0, 0, 0], new NumericColumn(spec, [5, 6, 7, 8]));

        var counts = DailyCounts.Build(production, reference, new MonitorSettings(), new TimeWindow(day, day.AddDays(2)));

        var x = Assert.Single(counts.Features);
        Assert.Equal(["5", "7"], x.PointMassValues.Order());
        var seven = Array.IndexOf(x.PointMassValues, "7");
        Assert.Equal(0.25, x.PointMassReferenceShares[seven]);
        Assert.Equal((21L, 0L), (x.PointMass.Sum(0, 1, seven), x.PointMass.Sum(1, 2, seven)));
    }

    [Fact]
    public void A_high_cardinality_category_keeps_its_most_common_values_and_pools_the_rest()
    {
        var day = new DateOnly(2026, 3, 2);
        var ms = FrameBuilder.Ms(day);
        var spec = new FeatureSpec("merchant", FeatureType.Categorical);
        // Reference: m3 ×3, m1 ×2, m2 ×2, m4 ×1. Kept: m3, then m1 (ties by name), the rest pooled.
        var reference = Frame([0, 0, 0, 0, 0, 0, 0, 0], new CategoricalColumn(spec, [2, 2, 2, 0, 0, 1, 1, 3], ["m1", "m2", "m3", "m4"]));
        var production = Frame([ms, ms, ms, ms, ms], new CategoricalColumn(spec, [0, 1, 2, 3, 3], ["m4", "m3", "m9", "m2"]));

        var counts = DailyCounts.Build(production, reference, new MonitorSettings { MaxCategoryCells = 2 }, new TimeWindow(day, day.AddDays(1)));

        var merchant = Assert.Single(counts.Features);
        Assert.Equal(["m3", "m1", "(other)", "(unseen)"], merchant.CellLabels);
        Assert.Equal([3L, 2L, 3L, 0L], merchant.ReferenceCells);
        // Production m4, m3, m9, m2, m2: m3 kept, m4 and m2 pooled, m9 unseen (and not allowed: the reference never held it).
        Assert.Equal([1L, 0L, 3L, 1L], merchant.Cells.OnDay(0).ToArray());
        Assert.Equal(1L, merchant.Violations.Sum(0, 1));
        Assert.Equal(["m3", "m1", "m2", "m4"], merchant.Contract.AllowedCategories);
    }

    private static DatasetFrame Frame(long[] timestamps, params FeatureColumn[] columns) => new()
    {
        Timestamps = timestamps,
        Scores = [.. timestamps.Select((_, i) => i / 10.0)],
        Predictions = new byte[timestamps.Length],
        Labels = new sbyte[timestamps.Length],
        LabelKnownAt = new long[timestamps.Length],
        Features = columns.ToDictionary(c => c.Spec.Name),
    };
}
