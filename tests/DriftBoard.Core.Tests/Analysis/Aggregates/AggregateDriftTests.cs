using DriftBoard.Core.Analysis.Aggregates;
using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Statistics;
using DriftBoard.Core.Tests.Analysis.Drift;

namespace DriftBoard.Core.Tests.Analysis.Aggregates;

public class AggregateDriftTests
{
    private static double[] Shifted(int seed, int n, double shift, double pointMass = double.NaN, double pointShare = 0)
    {
        var values = Synthetic.Normal(seed, n, shift, 1);
        if (!double.IsNaN(pointMass))
            for (var i = 0; i < (int)(pointShare * n); i++) values[i * (int)(1 / pointShare)] = pointMass;
        return values;
    }

    public static TheoryData<int, double, double, double> Windows => new()
    {
        { 1, 0.0, double.NaN, 0 },
        { 2, 0.3, double.NaN, 0 },
        { 3, 1.5, double.NaN, 0 },
        { 4, 0.0, 0.0, 0.3 },   // a default fill the reference does not hold
        { 5, -0.2, 2.5, 0.1 },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void Ks_from_the_grid_is_within_its_stated_bound_of_the_exact_statistic(int seed, double shift, double pointMass, double pointShare)
    {
        var reference = Synthetic.WithMissing(Synthetic.Normal(100, 20_000), 500);
        var window = Synthetic.WithMissing(Shifted(seed, 7_000, shift, pointMass, pointShare), 70);
        var profile = ReferenceProfile.ForNumeric(Synthetic.NumericSpec(), reference);
        var binning = NumericBinning.From(profile);
        var counts = AggregateCounting.Numeric(window, binning);

        var grid = AggregateDrift.Numeric(profile, binning, counts);
        var exact = FeatureDrift.Numeric(profile, window);
        var bound = AggregateDrift.KsGridErrorBound(binning, counts);

        Assert.True(grid.Ks <= exact.Ks + 1e-12, $"grid D {grid.Ks} above exact {exact.Ks}");
        Assert.True(exact.Ks - grid.Ks <= bound + 1e-12, $"|D_grid - D| = {exact.Ks - grid.Ks} over the bound {bound}");
        Assert.InRange(bound, 0, 0.31);
    }

    [Fact]
    public void The_bound_of_a_window_shaped_like_the_reference_is_about_a_tenth_of_a_percent()
    {
        var profile = ReferenceProfile.ForNumeric(Synthetic.NumericSpec(), Synthetic.Normal(7, 50_000));
        var binning = NumericBinning.From(profile);
        var bound = AggregateDrift.KsGridErrorBound(binning, AggregateCounting.Numeric(Synthetic.Normal(8, 50_000), binning));
        Assert.InRange(bound, 0.0005, 0.0025);
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void Psi_js_missing_and_out_of_range_from_counts_equal_the_row_computation(int seed, double shift, double pointMass, double pointShare)
    {
        var reference = Synthetic.WithMissing(Synthetic.Normal(100, 5_000), 50);
        var window = Synthetic.WithMissing(Shifted(seed, 3_000, shift, pointMass, pointShare), 300);
        foreach (var spec in new[] { Synthetic.NumericSpec(), Synthetic.NumericSpec(min: -1, max: 1.5) })
        {
            var profile = ReferenceProfile.ForNumeric(spec, reference);
            var binning = NumericBinning.From(profile);
            var fromCounts = AggregateDrift.Numeric(profile, binning, AggregateCounting.Numeric(window, binning));
            var fromRows = FeatureDrift.Numeric(profile, window);

            Assert.Equal(fromRows.Psi!.Value, fromCounts.Psi!.Value, 12);
            Assert.Equal(fromRows.JensenShannon!.Value, fromCounts.JensenShannon!.Value, 12);
            Assert.Equal(fromRows.MissingRate, fromCounts.MissingRate, 15);
            Assert.Equal(fromRows.OutOfRangeRate!.Value, fromCounts.OutOfRangeRate!.Value, 15);
            Assert.Equal(fromRows.Rows, fromCounts.Rows);
            Assert.Equal(fromRows.Severity, fromCounts.Severity);
            Assert.Equal(fromRows.Wasserstein!.Value, fromCounts.Wasserstein!.Value, 1);
        }
    }

    [Fact]
    public void Daily_counts_summed_over_a_window_give_the_categorical_statistics_of_its_rows()
    {
        string[] categories = ["web", "store", "phone", "mail", "kiosk"];
        var reference = ReferenceProfile.Build(new CategoricalColumn(Synthetic.CategoricalSpec(), Synthetic.Codes(1, 600, 300, 80, 20, 0), categories));
        var day1 = Synthetic.Codes(2, 100, 50, 0, 0, 40);
        int[] day2 = [.. Synthetic.Codes(3, 90, 60, 10, 0, 30), -1, -1];
        var days = new[] { AggregateCounting.Categories(day1, categories), AggregateCounting.Categories(day2, categories) };

        var fromCounts = AggregateDrift.Categorical(reference, CategoryCounts.Sum(days));
        var fromRows = FeatureDrift.Categorical(reference, [.. day1, .. day2], categories);

        Assert.Equal(fromRows.Psi!.Value, fromCounts.Psi!.Value, 12);
        Assert.Equal(fromRows.ChiSquare!.Value, fromCounts.ChiSquare!.Value, 9);
        Assert.Equal(fromRows.NewCategories, fromCounts.NewCategories);
        Assert.Equal(fromRows.MissingCategories, fromCounts.MissingCategories);
        Assert.Equal(fromRows.MissingRate, fromCounts.MissingRate, 15);
        Assert.Equal(fromRows.Severity, fromCounts.Severity);
    }

    [Fact]
    public void A_point_mass_of_the_reference_gets_a_cell_of_its_own()
    {
        double[] reference = [.. Enumerable.Repeat(0.0, 400), .. Synthetic.Normal(9, 600, 5, 1)];
        var binning = NumericBinning.From(ReferenceProfile.ForNumeric(Synthetic.NumericSpec(), reference));
        var zeroCell = binning.CellOf(0.0);
        Assert.Equal(400, binning.ReferenceCells[zeroCell]);
        Assert.Equal(Math.BitDecrement(0.0), binning.Cuts[zeroCell - 1]);
    }

    [Fact]
    public void Sampling_keeps_small_days_whole_and_thins_large_days_to_the_cap_deterministically()
    {
        var builder = new TestSupport.FrameBuilder();
        var day = new DateOnly(2026, 5, 1);
        for (var i = 0; i < 10; i++) builder.Add(TestSupport.FrameBuilder.Ms(day), 0.1, false, LabelValue.Unknown, long.MaxValue);
        for (var i = 0; i < 95; i++) builder.Add(TestSupport.FrameBuilder.Ms(day.AddDays(1)), i / 100.0, false, LabelValue.Negative, 0);
        var frame = builder.Build();

        var sampling = new RowSampling(MaxRowsPerDay: 20, Seed: 5);
        var sample = RowSampler.Sample(frame, sampling);
        var again = RowSampler.Sample(frame, sampling);

        Assert.Equal(10 + 19, sample.Count); // day 2: every 5th of 95 rows
        Assert.Equal(sample.Scores, again.Scores);
        Assert.Same(frame, RowSampler.Sample(frame, new RowSampling(MaxRowsPerDay: 100)));
    }
}
