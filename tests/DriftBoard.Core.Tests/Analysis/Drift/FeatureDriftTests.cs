using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Tests.Analysis.Drift;

public class FeatureDriftTests
{
    private static readonly double[] Reference = Synthetic.Normal(1, 5000, mean: 50, std: 10);
    private static readonly ReferenceProfile NumericProfile = ReferenceProfile.ForNumeric(Synthetic.NumericSpec(), Reference);

    [Fact]
    public void A_shifted_numeric_window_is_major()
    {
        var window = Synthetic.Normal(2, 2000, mean: 60, std: 10);
        var drift = FeatureDrift.Numeric(NumericProfile, window);
        Assert.Equal(DriftSeverity.Major, drift.Severity);
        Assert.True(drift.Signals.HasFlag(DriftSignals.PsiMajor));
        Assert.True(drift.Psi >= 0.25);
        Assert.True(drift.KsPValue < 1e-10);
        Assert.False(drift.TooSmall);
        Assert.Null(drift.ChiSquare);
    }

    [Fact]
    public void An_identical_window_is_none_and_a_fresh_sample_of_the_same_distribution_too()
    {
        var same = FeatureDrift.Numeric(NumericProfile, Reference);
        Assert.Equal(DriftSeverity.None, same.Severity);
        Assert.Equal(0.0, same.Psi);
        Assert.Equal(0.0, same.Ks);
        Assert.Equal(1.0, same.KsPValue);
        Assert.Equal(0.0, same.Wasserstein);
        Assert.Equal(0.0, same.OutOfRangeRate);

        var fresh = FeatureDrift.Numeric(NumericProfile, Synthetic.Normal(3, 3000, mean: 50, std: 10));
        Assert.Equal(DriftSeverity.None, fresh.Severity);
        Assert.True(fresh.Psi < 0.1);
    }

    [Fact]
    public void A_moderate_shift_is_moderate()
    {
        // A shift of 0.4 standard deviations gives a PSI of about 0.16, inside the moderate zone.
        var drift = FeatureDrift.Numeric(NumericProfile, Synthetic.Normal(4, 20000, mean: 54, std: 10));
        Assert.InRange(drift.Psi!.Value, 0.1, 0.25);
        Assert.Equal(DriftSeverity.Moderate, drift.Severity);
        Assert.Equal(DriftSignals.PsiModerate, drift.Signals);
    }

    [Fact]
    public void A_too_small_window_is_flagged_and_never_called_drifted()
    {
        var window = Synthetic.Normal(5, 150, mean: 90, std: 10);
        var drift = FeatureDrift.Numeric(NumericProfile, window);
        Assert.True(drift.TooSmall);
        Assert.Equal(150, drift.Rows);
        Assert.True(drift.Psi > 1, "the statistics are still computed");
        Assert.Equal(DriftSeverity.None, drift.Severity);
        Assert.Equal(DriftSignals.None, drift.Signals);

        var lowered = FeatureDrift.Numeric(NumericProfile, window, new DriftThresholds { MinimumRows = 100 });
        Assert.False(lowered.TooSmall);
        Assert.Equal(DriftSeverity.Major, lowered.Severity);
    }

    [Fact]
    public void Missing_rate_is_measured_and_a_rise_of_twenty_points_is_major()
    {
        var profile = ReferenceProfile.ForNumeric(Synthetic.NumericSpec(), Synthetic.WithMissing(Reference, 250));
        Assert.Equal(0.05, profile.MissingRate, 12);

        var window = Synthetic.Normal(6, 1000, mean: 50, std: 10);
        var quarter = FeatureDrift.Numeric(profile, Synthetic.WithMissing(window, 250));
        Assert.Equal(0.25, quarter.MissingRate, 12);
        Assert.Equal(0.05, quarter.ReferenceMissingRate, 12);
        Assert.Equal(DriftSeverity.Major, quarter.Severity);
        Assert.Equal(DriftSignals.MissingRateRise, quarter.Signals);

        var small = FeatureDrift.Numeric(profile, Synthetic.WithMissing(window, 240));
        Assert.Equal(0.24, small.MissingRate, 12);
        Assert.False(small.Signals.HasFlag(DriftSignals.MissingRateRise));
    }

    [Fact]
    public void Out_of_range_uses_the_card_range_when_given_else_the_reference_range()
    {
        // 1000 rows: 20 missing, 50 below 0, 30 above 100, the rest inside.
        var window = new double[1000];
        for (var i = 0; i < window.Length; i++)
        {
            window[i] = i < 20 ? double.NaN : i < 70 ? -1 - i : i < 100 ? 100.5 + i : 50 + (i % 7);
        }

        var card = ReferenceProfile.ForNumeric(Synthetic.NumericSpec(min: 0, max: 100), Reference);
        Assert.Equal(80.0 / 980, FeatureDrift.Numeric(card, window).OutOfRangeRate!.Value, 12);

        // Without a card range the reference's [min, max] applies: only the card's upper bound given here.
        var upperOnly = ReferenceProfile.ForNumeric(Synthetic.NumericSpec(max: 100), Reference);
        var belowReferenceMin = window.Count(v => v < Reference.Min());
        Assert.Equal((belowReferenceMin + 30.0) / 980, FeatureDrift.Numeric(upperOnly, window).OutOfRangeRate!.Value, 12);

        var noCard = ReferenceProfile.ForNumeric(Synthetic.NumericSpec(), Reference);
        var outside = window.Count(v => v < Reference.Min() || v > Reference.Max());
        Assert.Equal(outside / 980.0, FeatureDrift.Numeric(noCard, window).OutOfRangeRate!.Value, 12);
    }

    [Fact]
    public void Numeric_results_equal_the_statistics_functions_called_directly()
    {
        var window = Synthetic.WithMissing(Synthetic.Normal(7, 800, mean: 52, std: 12), 40);
        var drift = FeatureDrift.Numeric(NumericProfile, window);

        var ks = KolmogorovSmirnov.TwoSample(Reference, window);
        Assert.Equal(ks.Statistic, drift.Ks);
        Assert.Equal(ks.PValue, drift.KsPValue);
        Assert.Equal(PopulationStabilityIndex.Numeric(Reference, window), drift.Psi);
        var edges = PopulationStabilityIndex.ReferenceEdges(Reference);
        Assert.Equal(JensenShannon.Distance(PopulationStabilityIndex.Histogram(Reference, edges), PopulationStabilityIndex.Histogram(window, edges)), drift.JensenShannon);
        Assert.Equal(Wasserstein.NormedByReferenceStd(Reference, window), drift.Wasserstein!.Value, 12);
        Assert.Equal(0.05, drift.MissingRate, 12);
    }

    [Fact]
    public void An_empty_window_has_no_statistics_and_is_too_small()
    {
        var drift = FeatureDrift.Numeric(NumericProfile, []);
        Assert.True(drift.TooSmall);
        Assert.Equal(0, drift.Rows);
        Assert.Null(drift.Psi);
        Assert.Null(drift.Ks);
        Assert.Null(drift.OutOfRangeRate);
        Assert.Equal(DriftSeverity.None, drift.Severity);
    }

    [Fact]
    public void Column_dispatch_checks_the_type_and_slices_rows()
    {
        var spec = Synthetic.NumericSpec();
        var column = new NumericColumn(spec, [.. Reference, .. Synthetic.Normal(8, 500, mean: 80)]);
        var slice = FeatureDrift.Compute(NumericProfile, column, Reference.Length, 500);
        Assert.Equal(FeatureDrift.Numeric(NumericProfile, column.Values.AsSpan(Reference.Length)), slice);

        var wrong = new CategoricalColumn(spec with { Type = FeatureType.Categorical }, [0, 1], ["a", "b"]);
        Assert.Throws<ArgumentException>(() => FeatureDrift.Compute(NumericProfile, wrong));
    }
}
