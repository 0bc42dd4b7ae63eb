using MathNet.Numerics;

namespace DriftBoard.Core.Statistics;

/// <summary>Pearson's chi-square test of a contingency table.</summary>
public sealed record ChiSquareResult(double Statistic, double PValue, int DegreesOfFreedom)
{
    /// <summary>No data: NaN statistic and p-value.</summary>
    public static ChiSquareResult Empty { get; } = new(double.NaN, double.NaN, 0);
}

/// <summary>
/// Chi-square test of homogeneity on the 2 x k table (reference counts, current counts), as scipy's
/// <c>chi2_contingency</c> without Yates' correction. Columns empty in both rows are dropped before the degrees of
/// freedom (k' - 1) are counted; with one column left the statistic is 0 and the p-value 1, as scipy reports for
/// zero degrees of freedom. An empty row gives NaN statistic and p-value.
/// </summary>
public static class ChiSquare
{
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static ChiSquareResult TwoByK(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        var (referenceTotal, currentTotal) = Samples.AlignedTotals(reference, current);
        if (referenceTotal == 0 || currentTotal == 0)
        {
            return ChiSquareResult.Empty;
        }

        double total = referenceTotal + currentTotal;
        var statistic = 0.0;
        var columns = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            double column = reference[i] + current[i];
            if (column == 0)
            {
                continue;
            }

            columns++;
            var expectedReference = referenceTotal * column / total;
            var expectedCurrent = currentTotal * column / total;
            var dr = reference[i] - expectedReference;
            var dc = current[i] - expectedCurrent;
            statistic += dr * dr / expectedReference + dc * dc / expectedCurrent;
        }

        var dof = columns - 1;
        if (dof == 0)
        {
            return new ChiSquareResult(0.0, 1.0, 0);
        }

        return new ChiSquareResult(statistic, UpperTail(statistic, dof), dof);
    }

    /// <summary>
    /// Pr(X &gt;= statistic) for X ~ chi-square(dof), as the regularized upper incomplete gamma Q(dof/2, statistic/2),
    /// which keeps relative precision for tiny p-values where 1 - CDF would round to 0.
    /// </summary>
    public static double UpperTail(double statistic, int dof)
    {
        if (double.IsNaN(statistic) || dof <= 0)
        {
            return double.NaN;
        }

        return statistic <= 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(dof / 2.0, statistic / 2.0);
    }
}
