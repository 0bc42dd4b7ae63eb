using CsCheck;
using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Tests.Statistics;

public class PropertyTests
{
    // Small integers give plenty of ties; a NaN now and then checks that missing values never matter.
    private static readonly Gen<double[]> Sample =
        Gen.Frequency((9, Gen.Int[-20, 20].Select(i => i / 4.0)), (1, Gen.Const(double.NaN))).Array[1, 60];

    private static readonly Gen<long[]> CountsOf5 = Gen.Long[0, 50].Array[5];

    [Fact]
    public void Ks_statistic_lies_in_unit_interval_and_is_symmetric()
    {
        Gen.Select(Sample, Sample).Sample((a, b) =>
        {
            var ab = KolmogorovSmirnov.TwoSample(a, b);
            var ba = KolmogorovSmirnov.TwoSample(b, a);
            if (double.IsNaN(ab.Statistic))
            {
                return double.IsNaN(ba.Statistic);
            }

            return ab.Statistic is >= 0 and <= 1 && ab.PValue is >= 0 and <= 1
                && ab.Statistic == ba.Statistic && ab.PValue == ba.PValue;
        });
    }

    [Fact]
    public void Grid_statistic_never_exceeds_the_true_d_and_misses_it_by_at_most_the_bound()
    {
        Gen.Select(Sample, Sample).Sample((a, b) =>
        {
            var exact = KolmogorovSmirnov.TwoSample(a, b).Statistic;
            if (double.IsNaN(exact))
            {
                return true;
            }

            // A coarse grid of whole numbers.
            double[] edges = [-4, -2, 0, 2, 4];
            var ra = Samples.Cumulative(PopulationStabilityIndex.Histogram(a, edges));
            var rb = Samples.Cumulative(PopulationStabilityIndex.Histogram(b, edges));
            var grid = KolmogorovSmirnov.FromCumulativeCounts(ra, rb).Statistic;
            var bound = KolmogorovSmirnov.GridErrorBound(ra, rb);
            return grid <= exact + 1e-12 && exact <= grid + bound + 1e-12;
        });
    }

    [Fact]
    public void Psi_is_non_negative_and_symmetric_in_its_arguments()
    {
        Gen.Select(CountsOf5, CountsOf5).Sample((r, c) =>
        {
            var psi = PopulationStabilityIndex.FromCounts(r, c);
            if (double.IsNaN(psi))
            {
                return r.Sum() == 0 || c.Sum() == 0;
            }

            return psi >= 0 && Math.Abs(psi - PopulationStabilityIndex.FromCounts(c, r)) < 1e-12;
        });
    }

    [Fact]
    public void Jensen_shannon_lies_in_unit_interval_and_is_symmetric()
    {
        Gen.Select(CountsOf5, CountsOf5).Sample((p, q) =>
        {
            var js = JensenShannon.Distance(p, q);
            return double.IsNaN(js) || (js is >= 0 and <= 1 + 1e-15 && Math.Abs(js - JensenShannon.Distance(q, p)) < 1e-15);
        });
    }

    [Fact]
    public void Wasserstein_is_symmetric_and_non_negative()
    {
        Gen.Select(Sample, Sample).Sample((a, b) =>
        {
            var w = Wasserstein.Distance(a, b);
            return double.IsNaN(w) || (w >= 0 && Math.Abs(w - Wasserstein.Distance(b, a)) < 1e-12);
        });
    }

    private static readonly Gen<double[]> Large = Gen.Int[-40, 40].Select(i => i / 8.0).Array[1, 400];

    [Fact]
    public void Ks_statistic_equals_scipys_definition_evaluated_naively()
    {
        // Very unequal sizes exercise the galloping search over the larger sample.
        Gen.Select(Sample, Large).Sample((a, b) =>
        {
            var x = a.Where(v => !double.IsNaN(v)).ToArray();
            if (x.Length == 0)
            {
                return true;
            }

            // max over all data points of |F_a - F_b| with side='right' counts.
            var naive = x.Concat(b).Max(p => Math.Abs(x.Count(v => v <= p) / (double)x.Length - b.Count(v => v <= p) / (double)b.Length));
            return Math.Abs(KolmogorovSmirnov.TwoSample(a, b).Statistic - naive) < 1e-12
                && Math.Abs(KolmogorovSmirnov.TwoSample(b, a).Statistic - naive) < 1e-12;
        });
    }

    [Fact]
    public void Wasserstein_equals_scipys_definition_evaluated_naively()
    {
        Gen.Select(Sample, Large).Sample((a, b) =>
        {
            var x = a.Where(v => !double.IsNaN(v)).ToArray();
            if (x.Length == 0)
            {
                return true;
            }

            // scipy _cdf_distance(1, u, v): sum over consecutive merged values of |F_u - F_v| * delta.
            var all = x.Concat(b).Order().ToArray();
            var naive = 0.0;
            for (var k = 0; k + 1 < all.Length; k++)
            {
                var fu = x.Count(v => v <= all[k]) / (double)x.Length;
                var fv = b.Count(v => v <= all[k]) / (double)b.Length;
                naive += Math.Abs(fu - fv) * (all[k + 1] - all[k]);
            }

            return Math.Abs(Wasserstein.Distance(a, b) - naive) < 1e-12;
        });
    }
}
