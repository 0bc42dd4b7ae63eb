using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Tests.Analysis.Drift;

public class CategoricalDriftTests
{
    // Reference: web 60%, store 30%, phone 6.5%, mail 3%, fax 0.5% of 2000 present rows, plus 100 missing.
    private static readonly string[] ReferenceCategories = ["web", "store", "phone", "mail", "fax", "unused"];
    private static readonly int[] ReferenceCodes = [.. Synthetic.Codes(1, 1200, 600, 130, 60, 10, 0), .. Enumerable.Repeat(-1, 100)];
    private static readonly ReferenceProfile Profile = ReferenceProfile.Build(
        new CategoricalColumn(Synthetic.CategoricalSpec(), ReferenceCodes, ReferenceCategories));

    [Fact]
    public void The_profile_keeps_the_categories_that_occur()
    {
        Assert.Equal(["web", "store", "phone", "mail", "fax"], Profile.Categories);
        Assert.Equal([1200L, 600, 130, 60, 10], Profile.CategoryCounts.ToArray());
        Assert.Equal(100.0 / 2100, Profile.MissingRate, 12);
    }

    [Fact]
    public void New_and_missing_categories_are_named_and_matched_by_name_not_code()
    {
        // The window's own category list is in another order and has a new category 'kiosk' (10% of present rows);
        // 'mail' (3% of the reference) and 'fax' (0.5%, under the 1% reporting floor) are absent.
        string[] windowCategories = ["kiosk", "store", "web", "phone", "app"];
        var codes = Synthetic.Codes(2, 100, 300, 540, 60, 0);
        var drift = FeatureDrift.Categorical(Profile, codes, windowCategories);

        Assert.Equal(["kiosk"], drift.NewCategories);
        Assert.Equal(["mail"], drift.MissingCategories);
        Assert.Equal(DriftSeverity.Major, drift.Severity);
        Assert.True(drift.Signals.HasFlag(DriftSignals.NewCategoryMajor));
        Assert.False(drift.Signals.HasFlag(DriftSignals.VanishedCategoryMajor));
        Assert.Equal(0.1, drift.OutOfRangeRate!.Value, 12);
        Assert.Null(drift.Ks);
        Assert.Null(drift.Wasserstein);

        // The same numbers as the statistics functions on the aligned counts (reference order, then new categories).
        long[] referenceAligned = [1200, 600, 130, 60, 10, 0];
        long[] windowAligned = [540, 300, 60, 0, 0, 100];
        Assert.Equal(PopulationStabilityIndex.FromCounts(referenceAligned, windowAligned), drift.Psi);
        var chi = ChiSquare.TwoByK(referenceAligned, windowAligned);
        Assert.Equal(chi.Statistic, drift.ChiSquare);
        Assert.Equal(chi.PValue, drift.ChiSquarePValue);
        Assert.Equal(JensenShannon.Distance(referenceAligned, windowAligned), drift.JensenShannon);
    }

    [Fact]
    public void A_vanished_category_of_five_percent_is_major_even_when_psi_is_small()
    {
        // 'phone' (6.5%) disappears; its rows go to 'web'. A small new category (2%) is named but not major.
        string[] categories = ["web", "store", "mail", "fax", "kiosk"];
        var codes = Synthetic.Codes(3, 1300, 600, 60, 10, 40);
        var drift = FeatureDrift.Categorical(Profile, codes, categories);
        Assert.Equal(["phone"], drift.MissingCategories);
        Assert.Equal(["kiosk"], drift.NewCategories);
        Assert.Equal(DriftSignals.VanishedCategoryMajor | PsiSignalOf(drift.Psi!.Value), drift.Signals);
        Assert.Equal(DriftSeverity.Major, drift.Severity);
    }

    [Fact]
    public void The_same_mix_is_none()
    {
        var codes = Synthetic.Codes(4, 600, 300, 65, 30, 5);
        var drift = FeatureDrift.Categorical(Profile, codes, ["web", "store", "phone", "mail", "fax"]);
        Assert.Equal(DriftSeverity.None, drift.Severity);
        Assert.Empty(drift.NewCategories);
        Assert.Empty(drift.MissingCategories);
        Assert.Equal(0.0, drift.Psi!.Value, 12);
        Assert.Equal(0.0, drift.MissingRate);
    }

    [Fact]
    public void The_cards_listed_values_define_out_of_range()
    {
        var spec = Synthetic.CategoricalSpec(values: ["web", "store", "phone", "mail", "fax", "kiosk"]);
        var profile = ReferenceProfile.Build(new CategoricalColumn(spec, ReferenceCodes, ReferenceCategories));
        var codes = Synthetic.Codes(5, 100, 800, 100);
        var drift = FeatureDrift.Categorical(profile, codes, ["kiosk", "web", "telex"]);
        Assert.Equal(["kiosk", "telex"], drift.NewCategories);
        Assert.Equal(0.1, drift.OutOfRangeRate!.Value, 12);
    }

    [Fact]
    public void Booleans_are_two_categories()
    {
        var spec = new FeatureSpec("is_foreign", FeatureType.Boolean);
        var reference = new double[1000];
        for (var i = 0; i < reference.Length; i++)
        {
            reference[i] = i % 10 == 0 ? 1 : 0;
        }

        var profile = ReferenceProfile.Build(new NumericColumn(spec, reference));
        Assert.Equal(["false", "true"], profile.Categories);

        var window = new double[500];
        for (var i = 0; i < window.Length; i++)
        {
            window[i] = i < 50 ? double.NaN : i % 2;
        }

        var drift = FeatureDrift.Boolean(profile, window);
        var chi = ChiSquare.TwoByK([900, 100], [225, 225]);
        Assert.Equal(chi.Statistic, drift.ChiSquare);
        Assert.Equal(1, chi.DegreesOfFreedom);
        Assert.Equal(PopulationStabilityIndex.FromCounts([900, 100], [225, 225]), drift.Psi);
        Assert.Equal(0.1, drift.MissingRate, 12);
        Assert.Equal(0.0, drift.OutOfRangeRate);
        Assert.Equal(DriftSeverity.Major, drift.Severity);
        Assert.Equal(drift, FeatureDrift.Compute(profile, new NumericColumn(spec, window)) with { NewCategories = drift.NewCategories, MissingCategories = drift.MissingCategories });
    }

    private static DriftSignals PsiSignalOf(double psi)
        => psi >= 0.25 ? DriftSignals.PsiMajor : psi >= 0.1 ? DriftSignals.PsiModerate : DriftSignals.None;
}
