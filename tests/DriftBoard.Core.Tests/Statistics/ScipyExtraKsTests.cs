using System.Text.Json;
using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Tests.Statistics;

/// <summary>
/// KS branches beyond the shared reference file, against Data/ks_extra.json (made by Data/generate_ks_extra.py with
/// scipy 1.10.1): equal sizes, gcd &gt; 1, small asymptotic n, ties, and kstwo.sf over a grid of (n, x).
/// </summary>
public class ScipyExtraKsTests
{
    private static readonly Lazy<JsonElement> Root = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "ks_extra.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    });

    public static TheoryData<string> TwoSampleCases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var c in Root.Value.GetProperty("two_sample").EnumerateArray())
            {
                data.Add(c.GetProperty("name").GetString()!);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(TwoSampleCases))]
    public void Two_sample_matches_scipy_both_methods(string name)
    {
        var c = Root.Value.GetProperty("two_sample").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var reference = c.Doubles("reference");
        var current = c.Doubles("current");

        var exact = KolmogorovSmirnov.TwoSample(reference, current, KsMethod.Exact);
        Assert.Equal(c.GetProperty("ks_statistic").GetDouble(), exact.Statistic, 1e-12);
        Assert.Equal(KsMethod.Exact, exact.Method);
        Close.PValue(c.GetProperty("ks_pvalue_exact").GetDouble(), exact.PValue, $"{name} exact");

        var asymptotic = KolmogorovSmirnov.TwoSample(reference, current, KsMethod.Asymptotic);
        Assert.Equal(c.GetProperty("ks_statistic").GetDouble(), asymptotic.Statistic, 1e-12);
        Close.PValue(c.GetProperty("ks_pvalue_asymptotic").GetDouble(), asymptotic.PValue, $"{name} asymptotic");
    }

    [Fact]
    public void Kstwo_survival_matches_scipy_on_the_grid()
    {
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var point in Root.Value.GetProperty("kstwo_sf").EnumerateArray())
        {
            var n = point.GetProperty("n").GetInt64();
            var x = point.GetProperty("x").GetDouble();
            var expected = point.GetProperty("sf").GetDouble();
            var actual = KolmogorovDistribution.Survival(n, x);
            checkedCount++;
            var ok = expected < 1e-300 ? actual < 1e-300 : Math.Abs(actual - expected) <= 1e-6 * expected;
            if (!ok)
            {
                failures.Add($"n={n} x={x}: expected {expected:R}, got {actual:R}");
            }
        }

        Assert.Equal(15 * 16, checkedCount);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
