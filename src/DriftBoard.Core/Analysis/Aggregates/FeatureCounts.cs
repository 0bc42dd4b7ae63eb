using DriftBoard.Core.Statistics.Classification;

namespace DriftBoard.Core.Analysis.Aggregates;

/// <summary>
/// One numeric feature's production values over some rows (a day, or a window as the sum of its days), counted on a
/// <see cref="NumericBinning"/>'s cells. The sufficient statistic of PSI, Jensen-Shannon, the out-of-range share, the
/// missing rate, and KS and Wasserstein to within the grid's bound.
/// </summary>
/// <param name="Rows">Rows counted, missing values included.</param>
/// <param name="Cells">Present values per cell (<see cref="NumericBinning.CellCount"/> elements).</param>
public sealed record NumericCounts(long Rows, long[] Cells)
{
    public long Present
    {
        get
        {
            long n = 0;
            foreach (var c in Cells) n += c;
            return n;
        }
    }

    public long Missing => Rows - Present;

    /// <summary>The counts of the days together. All parts must use the same binning.</summary>
    /// <exception cref="ArgumentException">The parts have different cell counts.</exception>
    public static NumericCounts Sum(IEnumerable<NumericCounts> parts, int cellCount)
    {
        var cells = new long[cellCount];
        long rows = 0;
        foreach (var part in parts)
        {
            if (part.Cells.Length != cellCount) throw new ArgumentException("counts on different binnings", nameof(parts));
            rows += part.Rows;
            for (var i = 0; i < cells.Length; i++) cells[i] += part.Cells[i];
        }

        return new NumericCounts(rows, cells);
    }
}

/// <summary>
/// One categorical or boolean feature's production values over some rows, per category name: the sufficient statistic of
/// PSI, chi-square, Jensen-Shannon, new and vanished categories and the missing rate. Booleans use the names "false" and
/// "true" (0, and anything else); <paramref name="NonBinary"/> counts boolean values other than 0 and 1.
/// </summary>
/// <param name="Names">Categories that occur, in the column's category order.</param>
/// <param name="Counts">Count of each of <paramref name="Names"/>.</param>
public sealed record CategoryCounts(long Rows, long Missing, long NonBinary, string[] Names, long[] Counts)
{
    /// <summary>The counts of the days together, categories matched by name, in first-seen order.</summary>
    public static CategoryCounts Sum(IEnumerable<CategoryCounts> parts)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var counts = new List<long>();
        long rows = 0, missing = 0, nonBinary = 0;
        foreach (var part in parts)
        {
            rows += part.Rows;
            missing += part.Missing;
            nonBinary += part.NonBinary;
            for (var i = 0; i < part.Names.Length; i++)
            {
                if (!index.TryGetValue(part.Names[i], out var at))
                {
                    index[part.Names[i]] = at = names.Count;
                    names.Add(part.Names[i]);
                    counts.Add(0);
                }

                counts[at] += part.Counts[i];
            }
        }

        return new CategoryCounts(rows, missing, nonBinary, [.. names], [.. counts]);
    }
}

/// <summary>
/// The model's outcomes over some rows, per score bucket: the sufficient statistic of the realised recall, precision and
/// alert rate of a window, of threshold curves on the bucket edges, and of label arrival (rows labelled by as-of).
/// Buckets are right-closed on the given edges as <see cref="NumericBinning"/> cells; rows with no score are in the last element.
/// </summary>
/// <param name="Rows">Rows per bucket.</param>
/// <param name="Flagged">Rows the model flagged per bucket.</param>
/// <param name="Labelled">Rows whose label is known at as-of, per bucket.</param>
/// <param name="FlaggedLabelled">Flagged rows whose label is known, per bucket.</param>
/// <param name="Positives">Known positives per bucket.</param>
/// <param name="FlaggedPositives">Known positives the model flagged, per bucket.</param>
public sealed record OutcomeCounts(long[] Rows, long[] Flagged, long[] Labelled, long[] FlaggedLabelled, long[] Positives, long[] FlaggedPositives)
{
    public static OutcomeCounts Empty(int buckets) => new(new long[buckets], new long[buckets], new long[buckets], new long[buckets], new long[buckets], new long[buckets]);

    /// <summary>Adds <paramref name="other"/> into this record's arrays (same bucket count).</summary>
    public void AddFrom(OutcomeCounts other)
    {
        if (other.Rows.Length != Rows.Length) throw new ArgumentException("outcomes on different buckets", nameof(other));
        for (var i = 0; i < Rows.Length; i++)
        {
            Rows[i] += other.Rows[i];
            Flagged[i] += other.Flagged[i];
            Labelled[i] += other.Labelled[i];
            FlaggedLabelled[i] += other.FlaggedLabelled[i];
            Positives[i] += other.Positives[i];
            FlaggedPositives[i] += other.FlaggedPositives[i];
        }
    }

    /// <summary>The confusion counts of all buckets together (labelled rows only, besides rows and flagged).</summary>
    public BinaryCounts Confusion()
    {
        long positives = Total(Positives), truePositives = Total(FlaggedPositives), falsePositives = Total(FlaggedLabelled) - truePositives;
        return new BinaryCounts(Total(Rows), Total(Flagged), truePositives, positives - truePositives, falsePositives,
            Total(Labelled) - positives - falsePositives);
    }

    /// <summary>The outcomes of the days together (same bucket count).</summary>
    public static OutcomeCounts Sum(IEnumerable<OutcomeCounts> parts, int buckets)
    {
        var total = Empty(buckets);
        foreach (var part in parts) total.AddFrom(part);
        return total;
    }

    public long TotalRows => Total(Rows);
    public long TotalFlagged => Total(Flagged);
    public long TotalLabelled => Total(Labelled);
    public long TotalPositives => Total(Positives);
    public long TotalFlaggedPositives => Total(FlaggedPositives);

    private static long Total(long[] values)
    {
        long n = 0;
        foreach (var v in values) n += v;
        return n;
    }
}

/// <summary>Counts of one UTC day (day index = Unix days, <see cref="Windows.UtcDays.DayIndex"/>).</summary>
public readonly record struct DayCounts<T>(long Day, T Counts);

/// <summary>Selecting the days of a window from per-day counts.</summary>
public static class DayCounts
{
    /// <summary>The counts of the days of <paramref name="days"/> inside <paramref name="window"/>.</summary>
    public static IEnumerable<T> InWindow<T>(IEnumerable<DayCounts<T>> days, Windows.TimeWindow window)
    {
        ArgumentNullException.ThrowIfNull(days);
        long from = Windows.UtcDays.DayIndex(window.StartMs), to = Windows.UtcDays.DayIndex(window.EndExclusiveMs);
        foreach (var day in days)
            if (day.Day >= from && day.Day < to) yield return day.Counts;
    }

    /// <summary>The whole log's confusion counts of a window from per-day outcomes.</summary>
    public static BinaryCounts Confusion(IReadOnlyList<DayCounts<OutcomeCounts>> days, Windows.TimeWindow window) =>
        days.Count == 0 ? default : OutcomeCounts.Sum(InWindow(days, window), days[0].Counts.Rows.Length).Confusion();
}
