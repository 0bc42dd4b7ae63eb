using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Tests.Statistics;

public class EdgeCaseTests
{
    [Theory]
    [InlineData(KsMethod.Auto)]
    [InlineData(KsMethod.Exact)]
    [InlineData(KsMethod.Asymptotic)]
    public void Ks_empty_or_all_missing_input_gives_nan_without_throwing(KsMethod method)
    {
        var empty = KolmogorovSmirnov.TwoSample([], [1.0, 2.0], method);
        Assert.True(double.IsNaN(empty.Statistic) && double.IsNaN(empty.PValue));

        var allMissing = KolmogorovSmirnov.TwoSample([1.0, 2.0], [double.NaN, double.NaN], method);
        Assert.True(double.IsNaN(allMissing.Statistic) && double.IsNaN(allMissing.PValue));
    }

    [Theory]
    [InlineData(KsMethod.Exact)]
    [InlineData(KsMethod.Asymptotic)]
    public void Ks_identical_samples_have_zero_distance_and_p_one(KsMethod method)
    {
        double[] sample = [3.0, 1.0, 2.0, 2.0, 5.0, 8.0, 13.0];
        var result = KolmogorovSmirnov.TwoSample(sample, sample, method);
        Assert.Equal(0.0, result.Statistic);
        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void Ks_counts_ties_on_both_sides_before_comparing()
    {
        // At 1: F_ref = 3/4, F_cur = 1/4. A per-element walk that does not absorb ties would see 1/4 vs 0 first, or 1 vs 1/4.
        var result = KolmogorovSmirnov.TwoSample([1, 1, 1, 2], [2, 1, 2, 2], KsMethod.Exact);
        Assert.Equal(0.5, result.Statistic, 15);
        // n = m = 4, h = 2: 2 (C(8,2) - C(8,0)) / C(8,4) = 2 (28 - 1) / 70.
        Assert.Equal(54.0 / 70.0, result.PValue, 12);
    }

    [Fact]
    public void Ks_ignores_nan_and_the_sorted_overload_trims_nan_at_either_end()
    {
        double[] reference = [0.5, 2.5, double.NaN, 1.5, 3.5];
        double[] current = [1.0, double.NaN, 2.0, 3.0, 4.0, 5.0];
        var clean = KolmogorovSmirnov.TwoSample([0.5, 2.5, 1.5, 3.5], [1.0, 2.0, 3.0, 4.0, 5.0]);
        Assert.Equal(clean, KolmogorovSmirnov.TwoSample(reference, current));
        Assert.Equal(clean, KolmogorovSmirnov.TwoSampleSorted([double.NaN, 0.5, 1.5, 2.5, 3.5], [1.0, 2.0, 3.0, 4.0, 5.0, double.NaN]));
    }

    [Fact]
    public void Ks_exact_equal_sizes_matches_the_closed_form()
    {
        // Disjoint samples of n = 5: D = 1, Pr(D >= 1) = 2 / C(10, 5).
        var result = KolmogorovSmirnov.TwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10], KsMethod.Exact);
        Assert.Equal(1.0, result.Statistic);
        Assert.Equal(2.0 / 252.0, result.PValue, 15);
    }

    [Fact]
    public void Ks_from_cumulative_counts_reads_the_grid_and_rejects_misaligned_input()
    {
        // Reference 10 values, 5 per cell; current 20 values, 15 in the first cell.
        var result = KolmogorovSmirnov.FromCumulativeCounts([5, 10], [15, 20]);
        Assert.Equal(0.25, result.Statistic, 15);
        Assert.Equal(KsMethod.Asymptotic, result.Method);
        Assert.Equal(KolmogorovSmirnov.AsymptoticPValue(10, 20, 0.25), result.PValue);
        Assert.Equal(0.75, KolmogorovSmirnov.GridErrorBound([5, 10], [15, 20]), 15);
        Assert.True(double.IsNaN(KolmogorovSmirnov.FromCumulativeCounts([0, 0], [1, 2]).Statistic));
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.FromCumulativeCounts([1, 2], [2]));
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.FromCumulativeCounts([3, 2], [1, 2]));
    }

    [Fact]
    public void Psi_edges_drop_duplicates_and_histogram_closes_bins_on_the_right()
    {
        var reference = Enumerable.Repeat(0.0, 20).Concat(Enumerable.Repeat(1.0, 10)).Append(double.NaN).ToArray();
        var edges = PopulationStabilityIndex.ReferenceEdges(reference);
        Assert.Equal([0.0, 1.0], edges);

        // A value equal to an edge belongs to the bin that edge closes; NaN is not counted.
        var counts = PopulationStabilityIndex.Histogram([-1, 0, 0.5, 1, 1.5, 2, double.NaN, double.PositiveInfinity], edges);
        Assert.Equal([2L, 2L, 3L], counts);
    }

    [Fact]
    public void Psi_is_nan_for_an_empty_sample_and_zero_for_identical_ones()
    {
        Assert.Empty(PopulationStabilityIndex.ReferenceEdges([double.NaN]));
        Assert.True(double.IsNaN(PopulationStabilityIndex.Numeric([1.0, 2.0], [double.NaN])));
        Assert.True(double.IsNaN(PopulationStabilityIndex.FromCounts([0, 0], [1, 2])));
        double[] sample = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        Assert.Equal(0.0, PopulationStabilityIndex.Numeric(sample, sample));
        Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.FromCounts([1, 2], [1]));
    }

    [Fact]
    public void Psi_floors_empty_bins_at_one_in_ten_thousand()
    {
        // Reference all in bin 0, current all in bin 1: 2 * (1 - 1e-4) * ln(1 / 1e-4).
        var psi = PopulationStabilityIndex.FromCounts([10, 0], [0, 10]);
        Assert.Equal(2 * (1 - 1e-4) * Math.Log(1e4), psi, 12);
    }

    [Fact]
    public void Chi_square_drops_empty_columns_and_handles_degenerate_tables()
    {
        var withEmpty = ChiSquare.TwoByK([10, 0, 20, 30], [15, 0, 25, 20]);
        var without = ChiSquare.TwoByK([10, 20, 30], [15, 25, 20]);
        Assert.Equal(without, withEmpty);
        Assert.Equal(2, without.DegreesOfFreedom);

        Assert.Equal(new ChiSquareResult(0.0, 1.0, 0), ChiSquare.TwoByK([5, 0], [7, 0]));
        var empty = ChiSquare.TwoByK([0, 0], [1, 2]);
        Assert.True(double.IsNaN(empty.Statistic) && double.IsNaN(empty.PValue));
    }

    [Fact]
    public void Chi_square_two_by_two_matches_the_hand_computation()
    {
        // Table [[10, 20], [20, 10]]: every expected count is 15, statistic = 4 * 25 / 15; dof 1: p = erfc(sqrt(stat / 2)).
        var result = ChiSquare.TwoByK([10, 20], [20, 10]);
        Assert.Equal(100.0 / 15.0, result.Statistic, 12);
        Assert.Equal(0.009823274507519235, result.PValue, 12);
    }

    [Fact]
    public void Jensen_shannon_is_zero_for_equal_shares_one_for_disjoint_and_nan_for_empty()
    {
        Assert.Equal(0.0, JensenShannon.Distance([1, 2, 3], [2, 4, 6]), 15);
        Assert.Equal(1.0, JensenShannon.Distance([5, 0], [0, 7]), 15);
        Assert.True(double.IsNaN(JensenShannon.Distance([0, 0], [1, 1])));
    }

    [Fact]
    public void Wasserstein_hand_values_and_rules()
    {
        Assert.Equal(1.0, Wasserstein.Distance([0.0], [1.0]));
        // u = {0, 1}, v = {0, 0, 3}: |F_u - F_v| is 1/6 on [0,1) and 1/3 on [1,3).
        Assert.Equal(1.0 / 6 + 2.0 / 3, Wasserstein.Distance([0, 1], [0, 0, 3]), 14);
        Assert.True(double.IsNaN(Wasserstein.Distance([], [1.0])));
        // A constant reference has std 0, floored at 1e-3.
        Assert.Equal(2.0 / 1e-3, Wasserstein.NormedByReferenceStd([5, 5, 5], [7, 7]), 6);
    }

    [Fact]
    public void Wasserstein_from_cumulative_counts_integrates_between_edges()
    {
        double[] edges = [0, 1, 2];
        // Reference: 2 values <= 0, 2 in (0,1], 0 in (1,2], 0 above. Current: 0, 2, 2, 0.
        var w = Wasserstein.FromCumulativeCounts(edges, [2, 4, 4, 4], [0, 2, 4, 4]);
        Assert.Equal(0.5 * 1 + 0.5 * 1, w, 15);
        Assert.Throws<ArgumentException>(() => Wasserstein.FromCumulativeCounts(edges, [1, 2], [1, 2]));
    }
}
