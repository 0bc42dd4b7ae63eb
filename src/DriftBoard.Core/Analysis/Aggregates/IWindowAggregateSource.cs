using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Aggregates;

/// <summary>
/// The log store seam: what the analysis asks of a store of production rows, as per-day sufficient statistics that a
/// database computes where the data lives (<c>GROUP BY day, cell</c>), plus a bounded row sample for the steps that need
/// rows. Windows are whole UTC days, so any window's counts are sums of its days' counts, and a new window size never
/// goes back to the rows. The SQLite store computes these from its column chunks; a server store (PostgreSQL, ClickHouse,
/// Citus) implements the same four methods with SQL. Every method reads production rows only; days with no rows are absent.
/// </summary>
public interface IWindowAggregateSource
{
    /// <summary>Per day, a numeric (not boolean) feature's values on <paramref name="binning"/>'s cells.</summary>
    IReadOnlyList<DayCounts<NumericCounts>> NumericCounts(string datasetId, string feature, NumericBinning binning, CancellationToken cancellationToken = default);

    /// <summary>Per day, a categorical or boolean feature's values per category name.</summary>
    IReadOnlyList<DayCounts<CategoryCounts>> CategoryCounts(string datasetId, string feature, CancellationToken cancellationToken = default);

    /// <summary>Per day, the model's outcomes per score bucket on <paramref name="scoreEdges"/> (ascending), with labels as known at the dataset's as-of.</summary>
    IReadOnlyList<DayCounts<OutcomeCounts>> OutcomeCounts(string datasetId, double[] scoreEdges, CancellationToken cancellationToken = default);

    /// <summary>
    /// A deterministic sample of production rows for the row-level steps (surrogate, fixes, root-cause segments), ordered by
    /// day like a full frame: see <see cref="RowSampling"/>. The same data and sampling always give the same rows.
    /// </summary>
    DatasetFrame Sample(string datasetId, RowSampling sampling, CancellationToken cancellationToken = default);
}

/// <summary>
/// How many production rows the row-level steps see: every row of a day with at most <paramref name="MaxRowsPerDay"/> rows,
/// else a systematic sample of every k-th row of the day (k = ⌈rows / MaxRowsPerDay⌉, from a day-seeded offset). The sample
/// is uniform within a day, positives included: oversampling positives would bias the precision and alert rates the fix
/// simulation reports unless every step weighted its rows. Counts, rates and drift statistics come from the aggregates of all rows.
/// </summary>
/// <param name="MaxRowsPerDay">Rows kept per day at most.</param>
/// <param name="Seed">Seeds each day's starting offset.</param>
public sealed record RowSampling(int MaxRowsPerDay = RowSampling.DefaultMaxRowsPerDay, int Seed = 1234)
{
    /// <summary>
    /// 4,000 rows a day: about 28,000 a week and 730,000 over six months, so the fix simulation's 200,000-row cap and the
    /// surrogate's still bind first, and their estimates move by less than their bootstrap intervals.
    /// </summary>
    public const int DefaultMaxRowsPerDay = 4_000;

    /// <summary>The step between kept rows of a day of <paramref name="rows"/> rows (1 keeps every row).</summary>
    public int Step(int rows) => rows <= MaxRowsPerDay ? 1 : (rows + MaxRowsPerDay - 1) / MaxRowsPerDay;

    /// <summary>The first kept row of day <paramref name="day"/> for a step of <paramref name="step"/>: a seeded offset in [0, step).</summary>
    public int Offset(long day, int step)
    {
        if (step <= 1) return 0;
        // SplitMix64 of (seed, day): stable across processes, unlike HashCode.
        var z = unchecked((ulong)Seed * 0x9E3779B97F4A7C15UL + (ulong)day);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z % (ulong)step);
    }
}
