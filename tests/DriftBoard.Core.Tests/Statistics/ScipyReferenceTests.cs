using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Tests.Statistics;

/// <summary>Every case in Data/statistics.json, against the values scipy 1.10.1 computed.</summary>
public class ScipyReferenceTests
{
    public static TheoryData<string> NumericCases => ReferenceValues.Names("numeric");

    public static TheoryData<string> CategoricalCases => ReferenceValues.Names("categorical");

    [Fact]
    public void The_reference_file_holds_the_expected_cases()
    {
        Assert.Equal(8, ReferenceValues.OfKind("numeric").Count());
        Assert.Equal(3, ReferenceValues.OfKind("categorical").Count());
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void Ks_exact_matches_scipy(string name)
    {
        var c = ReferenceValues.Case(name);
        var expected = c.NullableDouble("ks_pvalue_exact");
        var result = KolmogorovSmirnov.TwoSample(c.Doubles("reference"), c.Doubles("current"), KsMethod.Exact);
        Assert.Equal(c.GetProperty("ks_statistic").GetDouble(), result.Statistic, 1e-12);
        if (expected is { } p)
        {
            Assert.Equal(KsMethod.Exact, result.Method);
            Close.PValue(p, result.PValue, $"{name} exact p");
        }
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void Ks_asymptotic_matches_scipy(string name)
    {
        var c = ReferenceValues.Case(name);
        var result = KolmogorovSmirnov.TwoSample(c.Doubles("reference"), c.Doubles("current"), KsMethod.Asymptotic);
        Assert.Equal(c.GetProperty("ks_statistic").GetDouble(), result.Statistic, 1e-12);
        Assert.Equal(KsMethod.Asymptotic, result.Method);
        Close.PValue(c.GetProperty("ks_pvalue_asymptotic").GetDouble(), result.PValue, $"{name} asymptotic p");
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void Ks_auto_is_exact_up_to_ten_thousand_and_asymptotic_beyond(string name)
    {
        var c = ReferenceValues.Case(name);
        var reference = c.Doubles("reference");
        var current = c.Doubles("current");
        var result = KolmogorovSmirnov.TwoSample(reference, current);
        var exact = Math.Max(reference.Length, current.Length) <= 10000;
        Assert.Equal(exact ? KsMethod.Exact : KsMethod.Asymptotic, result.Method);
        var expected = exact ? c.GetProperty("ks_pvalue_exact").GetDouble() : c.GetProperty("ks_pvalue_asymptotic").GetDouble();
        Close.PValue(expected, result.PValue, $"{name} auto p");
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void Ks_from_presorted_arrays_matches_scipy(string name)
    {
        var c = ReferenceValues.Case(name);
        var reference = c.Doubles("reference");
        var current = c.Doubles("current");
        Array.Sort(reference);
        Array.Sort(current);
        var result = KolmogorovSmirnov.TwoSampleSorted(reference, current, KsMethod.Asymptotic);
        Assert.Equal(c.GetProperty("ks_statistic").GetDouble(), result.Statistic, 1e-12);
        Close.PValue(c.GetProperty("ks_pvalue_asymptotic").GetDouble(), result.PValue, $"{name} sorted asymptotic p");
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void Psi_edges_match_numpy_deciles(string name)
    {
        var c = ReferenceValues.Case(name);
        var expected = c.Doubles("psi_bin_edges");
        var edges = PopulationStabilityIndex.ReferenceEdges(c.Doubles("reference"));
        Assert.Equal(expected.Length, edges.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Close.Equal(expected[i], edges[i], 1e-9, $"{name} edge {i}");
        }
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void Psi_numeric_matches(string name)
    {
        var c = ReferenceValues.Case(name);
        var psi = PopulationStabilityIndex.Numeric(c.Doubles("reference"), c.Doubles("current"));
        Close.Equal(c.GetProperty("psi_reference_deciles").GetDouble(), psi, 1e-9, $"{name} PSI");
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void Wasserstein_matches_scipy(string name)
    {
        var c = ReferenceValues.Case(name);
        var reference = c.Doubles("reference");
        var current = c.Doubles("current");
        Close.Equal(c.GetProperty("wasserstein").GetDouble(), Wasserstein.Distance(reference, current), 1e-9, $"{name} W");
        Close.Equal(c.GetProperty("wasserstein_normed_by_reference_std").GetDouble(), Wasserstein.NormedByReferenceStd(reference, current), 1e-9, $"{name} W/std");
    }

    [Theory]
    [MemberData(nameof(CategoricalCases))]
    public void Categorical_statistics_match_scipy(string name)
    {
        var c = ReferenceValues.Case(name);
        var reference = c.Longs("reference_counts");
        var current = c.Longs("current_counts");

        Close.Equal(c.GetProperty("psi").GetDouble(), PopulationStabilityIndex.FromCounts(reference, current), 1e-9, $"{name} PSI");

        var chi = ChiSquare.TwoByK(reference, current);
        Close.Equal(c.GetProperty("chi2_statistic").GetDouble(), chi.Statistic, 1e-9, $"{name} chi2");
        Assert.Equal(c.GetProperty("chi2_dof").GetInt32(), chi.DegreesOfFreedom);
        Close.PValue(c.GetProperty("chi2_pvalue").GetDouble(), chi.PValue, $"{name} chi2 p");

        Close.Equal(c.GetProperty("jensen_shannon_distance_base2").GetDouble(), JensenShannon.Distance(reference, current), 1e-9, $"{name} JS");
    }
}
