using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Analysis.Aggregates;

/// <summary>
/// A feature's drift in a window from its counts, the same <see cref="DriftStatistics"/> (and severity rules) as
/// <see cref="FeatureDrift"/> computes from rows. Exact from counts: rows, missing rate, PSI and Jensen-Shannon on the
/// reference deciles, the out-of-range share, and for categorical and boolean features everything. On the fine grid:
/// KS (never above the exact D, and below it by at most <see cref="KsGridErrorBound"/>; its p-value is scipy's
/// asymptotic one for that D) and Wasserstein (cell-width accuracy).
/// </summary>
public static class AggregateDrift
{
    /// <summary>A numeric feature's window counts against its reference.</summary>
    /// <exception cref="ArgumentException">The counts are not on <paramref name="binning"/>'s cells.</exception>
    public static DriftStatistics Numeric(ReferenceProfile reference, NumericBinning binning, NumericCounts window, DriftThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(binning);
        ArgumentNullException.ThrowIfNull(window);
        if (window.Cells.Length != binning.CellCount) throw new ArgumentException("the counts are not on this binning's cells", nameof(window));
        thresholds ??= DriftThresholds.Default;

        var present = window.Present;
        var rows = (int)window.Rows;
        var missingRate = rows == 0 ? 0.0 : (double)(rows - present) / rows;
        var histogram = new long[binning.PsiBins];
        for (var cell = 0; cell < window.Cells.Length; cell++) histogram[binning.PsiBinOfCell[cell]] += window.Cells[cell];

        var psi = PopulationStabilityIndex.FromCounts(reference.Histogram, histogram);
        var js = JensenShannon.Distance(reference.Histogram, histogram);
        var referenceCumulative = Samples.Cumulative(binning.ReferenceCells);
        var windowCumulative = Samples.Cumulative(window.Cells);
        var ks = KolmogorovSmirnov.FromCumulativeCounts(referenceCumulative, windowCumulative);
        var wasserstein = Wasserstein.FromCumulativeCounts(binning.Cuts, referenceCumulative, windowCumulative) / Math.Max(reference.Std, Wasserstein.StdFloor);

        double? outOfRange = null;
        // A binning without an expected range (empty reference) has no below-range cells.
        if (present > 0 && binning.BelowRangeCells > 0)
        {
            long outside = 0;
            for (var cell = 0; cell < binning.BelowRangeCells; cell++) outside += window.Cells[cell];
            for (var cell = binning.AboveRangeFromCell; cell < window.Cells.Length; cell++) outside += window.Cells[cell];
            outOfRange = (double)outside / present;
        }

        var tooSmall = rows < thresholds.MinimumRows;
        var signals = tooSmall
            ? DriftSignals.None
            : FeatureDrift.PsiSignal(psi, thresholds) | FeatureDrift.MissingSignal(missingRate, reference.MissingRate, thresholds);
        return new DriftStatistics(
            reference.Feature, reference.Type, rows, tooSmall, missingRate, reference.MissingRate,
            FeatureDrift.Finite(psi), FeatureDrift.Finite(ks.Statistic), FeatureDrift.Finite(ks.PValue), null, null,
            FeatureDrift.Finite(js), FeatureDrift.Finite(wasserstein), outOfRange,
            [], [], FeatureDrift.SeverityOf(signals), signals);
    }

    /// <summary>A categorical or boolean feature's window counts against its reference: exactly what <see cref="FeatureDrift"/> gives on the rows.</summary>
    public static DriftStatistics Categorical(ReferenceProfile reference, CategoryCounts window, DriftThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(window);
        var tally = new CategoryTally(window.Names, window.Counts, (int)window.Rows, window.Missing, window.NonBinary);
        return FeatureDrift.Categorical(reference, tally, thresholds ?? DriftThresholds.Default);
    }

    /// <summary>
    /// How far below the exact two-sample KS statistic the grid's D may lie: the largest share of either sample in a cell
    /// spanning more than one representable value. Between two cuts each empirical CDF rises by at most its own share of
    /// the cell, so the supremum inside a cell exceeds the larger of its end values by at most that share; a one-value
    /// cell (BitDecrement(c), c] has no inside. NaN when either sample is empty.
    /// </summary>
    public static double KsGridErrorBound(NumericBinning binning, NumericCounts window)
    {
        ArgumentNullException.ThrowIfNull(binning);
        ArgumentNullException.ThrowIfNull(window);
        double referenceTotal = 0, windowTotal = 0;
        foreach (var c in binning.ReferenceCells) referenceTotal += c;
        foreach (var c in window.Cells) windowTotal += c;
        if (referenceTotal == 0 || windowTotal == 0) return double.NaN;
        var bound = 0.0;
        for (var cell = 0; cell < window.Cells.Length; cell++)
        {
            var oneValue = cell > 0 && cell < binning.Cuts.Length && Math.BitIncrement(binning.Cuts[cell - 1]) == binning.Cuts[cell];
            if (oneValue) continue;
            bound = Math.Max(bound, Math.Max(binning.ReferenceCells[cell] / referenceTotal, window.Cells[cell] / windowTotal));
        }

        return bound;
    }
}
