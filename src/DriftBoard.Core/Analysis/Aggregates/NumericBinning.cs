using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Analysis.Aggregates;

/// <summary>
/// The cells on which a store counts one numeric feature's production values, fixed by the reference: a fine grid of the
/// reference's quantiles (for KS and Wasserstein) that contains the PSI decile edges (so PSI and Jensen-Shannon on those
/// deciles are exact sums of cells) and the expected range's bounds (so the out-of-range share is exact).
/// <para>
/// Cells are right-closed, as <see cref="PopulationStabilityIndex.Histogram"/>: cell 0 is (-inf, c_0], cell i is
/// (c_(i-1), c_i], the last cell (c_(n-1), +inf). A value's cell is the number of cuts below it. NaN is missing and in no cell.
/// In SQL: <c>cell = (SELECT count(*) FROM unnest(:cuts) c WHERE c &lt; value)</c>, or a <c>width_bucket</c> on the
/// negated, reversed cuts (docs/architecture.md).
/// </para>
/// <para>
/// KS error bound: on the grid, D_grid = max_i |F_ref(c_i) - F_cur(c_i)| never exceeds the exact D, and
/// D - D_grid is at most the largest share either sample holds in one cell that spans more than one representable
/// value (<see cref="AggregateDrift.KsGridErrorBound"/>). A reference quantile repeated (a point mass) gets its own
/// one-value cell [c, c], whose CDF jump the grid reads exactly. With <see cref="DefaultGridCells"/> quantile cells a
/// reference cell holds about 0.1% of the reference, so for a window shaped like the reference the bound is about 0.001
/// to 0.002; a window that piles up inside one cell (a new point mass) gets a larger, reported bound.
/// </para>
/// </summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Cuts">Strictly increasing cut points (n cuts, n + 1 cells).</param>
/// <param name="PsiBinOfCell">For each cell, the reference-decile PSI bin holding it (the decile edges are cuts).</param>
/// <param name="PsiBins">Number of PSI bins (decile edges + 1).</param>
/// <param name="ReferenceCells">Reference counts per cell (present values).</param>
/// <param name="BelowRangeCells">Cells [0, BelowRangeCells) hold exactly the values below the expected range's lower bound (0 when there is none).</param>
/// <param name="AboveRangeFromCell">Cells [AboveRangeFromCell, n] hold exactly the values above its upper bound (n + 1 when there is none).</param>
public sealed record NumericBinning(
    string Feature,
    double[] Cuts,
    int[] PsiBinOfCell,
    int PsiBins,
    long[] ReferenceCells,
    int BelowRangeCells,
    int AboveRangeFromCell)
{
    /// <summary>Reference-quantile cells of the fine grid: 1,000 (a cell holds about 0.1% of the reference).</summary>
    public const int DefaultGridCells = 1000;

    public int CellCount => Cuts.Length + 1;

    /// <summary>The cell holding <paramref name="value"/>: the number of cuts strictly below it. Undefined for NaN.</summary>
    public int CellOf(double value) => CellOf(Cuts, value);

    /// <summary>The number of <paramref name="cuts"/> (ascending) strictly below <paramref name="value"/>.</summary>
    public static int CellOf(ReadOnlySpan<double> cuts, double value)
    {
        int low = 0, high = cuts.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (cuts[mid] < value) low = mid + 1;
            else high = mid;
        }

        return low;
    }

    /// <summary>
    /// The binning of a numeric reference profile: its quantiles at k / <paramref name="gridCells"/> (numpy's linear rule),
    /// its PSI decile edges, the expected range (the card's RangeMin/RangeMax, else the reference's [min, max]; the lower
    /// bound enters as the largest double below it, so "below the range" is a cell boundary) and a one-value cell for every
    /// quantile the reference repeats. An empty reference gives one cell.
    /// </summary>
    /// <exception cref="ArgumentException">The profile is not numeric.</exception>
    public static NumericBinning From(ReferenceProfile profile, int gridCells = DefaultGridCells)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Type != Domain.FeatureType.Numeric)
            throw new ArgumentException($"Feature '{profile.Feature}' is not numeric.", nameof(profile));
        ArgumentOutOfRangeException.ThrowIfLessThan(gridCells, 1);

        var sorted = profile.SortedValues;
        var cuts = new List<double>(gridCells * 2 + 16);
        double? previous = null;
        if (!sorted.IsEmpty)
        {
            for (var k = 1; k < gridCells; k++)
            {
                var q = PopulationStabilityIndex.Quantile(sorted, (double)k / gridCells);
                if (previous == q)
                {
                    // A repeated quantile is a point mass: give it a one-value cell (BitDecrement(q), q].
                    cuts.Add(Math.BitDecrement(q));
                }

                cuts.Add(q);
                previous = q;
            }
        }

        foreach (var edge in profile.Edges) cuts.Add(edge);
        var lower = profile.Spec.RangeMin ?? profile.Min;
        var upper = profile.Spec.RangeMax ?? profile.Max;
        var hasRange = !sorted.IsEmpty && !double.IsNaN(lower) && !double.IsNaN(upper);
        if (hasRange)
        {
            cuts.Add(Math.BitDecrement(lower));
            cuts.Add(upper);
        }

        cuts.RemoveAll(double.IsNaN);
        cuts.Sort();
        var distinct = new List<double>(cuts.Count);
        foreach (var c in cuts)
            if (distinct.Count == 0 || distinct[^1] != c) distinct.Add(c);
        var cutArray = distinct.ToArray();

        var edges = profile.Edges;
        var psiBinOfCell = new int[cutArray.Length + 1];
        for (var cell = 0; cell < psiBinOfCell.Length; cell++)
        {
            // Values of cell i lie in (c_(i-1), c_i]: no edge lies strictly inside, so the edges below them are those <= c_(i-1).
            psiBinOfCell[cell] = cell == 0 ? 0 : CountAtMost(edges, cutArray[cell - 1]);
        }

        var referenceCells = new long[cutArray.Length + 1];
        foreach (var value in sorted) referenceCells[CellOf(cutArray, value)]++;

        var below = hasRange ? CellOf(cutArray, Math.BitDecrement(lower)) + 1 : 0;
        var above = hasRange ? CellOf(cutArray, upper) + 1 : cutArray.Length + 1;
        return new NumericBinning(profile.Feature, cutArray, psiBinOfCell, edges.Length + 1, referenceCells, below, above);
    }

    private static int CountAtMost(ReadOnlySpan<double> ascending, double value)
    {
        var n = 0;
        foreach (var e in ascending)
            if (e <= value) n++;
        return n;
    }
}
