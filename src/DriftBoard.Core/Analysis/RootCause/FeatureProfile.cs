using DriftBoard.Core.Domain;
using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Analysis.RootCauses;

/// <summary>
/// One feature seen day by day against its reference, column-wise: every production row gets a bin (bin 0 = missing;
/// numeric features then the reference deciles; categorical features the reference categories, an "other known" bin and
/// an "unseen" bin), per-day bin counts, and per-day series of the anomalies a broken pipeline produces:
/// the missing share, the share of values the reference never holds (outside its range, or unseen categories), the
/// largest excess share of one exact value over its reference share (a default filling a broken join), the scale of the
/// values (log10 of the median non-zero |x| over the reference's: a unit change) and the PSI against the reference.
/// Days with fewer than the minimum rows have NaN in every series.
/// </summary>
internal sealed class FeatureProfile
{
    public const int MissingBin = 0;

    /// <summary>Categorical features keep at most this many reference categories as their own bins.</summary>
    private const int MaxCategoryBins = 48;

    private FeatureProfile(string name, FeatureType type, int days)
    {
        Name = name;
        Type = type;
        Missing = NaNs(days);
        Unseen = NaNs(days);
        PointMass = NaNs(days);
        Scale = NaNs(days);
        Psi = NaNs(days);
        PointMassValue = new string?[days];
        PointMassNumber = NaNs(days);
    }

    public string Name { get; }

    public FeatureType Type { get; }

    public bool IsNumeric => Type != FeatureType.Categorical;

    /// <summary>True when the reference frame lacked usable values and the first production days stand in for it.</summary>
    public bool ReferenceFromProduction { get; private set; }

    public string[] BinLabels { get; private set; } = [];

    /// <summary>Index of the bin of unseen categories (categorical) or -1.</summary>
    public int UnseenBin { get; private set; } = -1;

    public int[] RowBin { get; private set; } = [];

    public long[] ReferenceCounts { get; private set; } = [];

    public long[][] DayCounts { get; private set; } = [];

    public double[] Missing { get; }

    public double[] Unseen { get; }

    public double[] PointMass { get; }

    /// <summary>Per day, the value whose share exceeds its reference share the most (formatted), or null.</summary>
    public string?[] PointMassValue { get; }

    /// <summary>Per day, for numeric features, the value behind <see cref="PointMass"/>; NaN otherwise.</summary>
    public double[] PointMassNumber { get; }

    public double[] Scale { get; }

    public double[] Psi { get; }

    // Numeric reference facts.
    public double ReferenceMin { get; private set; } = double.NaN;

    public double ReferenceMax { get; private set; } = double.NaN;

    public double ReferenceMedian { get; private set; } = double.NaN;

    public double[] ReferenceSorted { get; private set; } = [];

    public double ReferenceMissingShare { get; private set; }

    // Categorical reference facts.
    public HashSet<string> ReferenceCategories { get; } = new(StringComparer.Ordinal);

    /// <summary>Per production category code: the reference share of that category (0 when unseen).</summary>
    public double[] CodeReferenceShare { get; private set; } = [];

    public int BinCount => BinLabels.Length;

    /// <summary>Share of a numeric value in the reference (exact matches over non-missing values).</summary>
    public double ReferenceShareOf(double value)
    {
        if (ReferenceSorted.Length == 0)
        {
            return 0;
        }

        var span = ReferenceSorted.AsSpan();
        return (double)(UpperBound(span, value) - LowerBound(span, value)) / span.Length;
    }

    public static FeatureProfile Build(
        string name,
        FeatureColumn production,
        FeatureColumn? reference,
        ProductionDays days,
        int fallbackReferenceDays,
        int minRowsPerDay)
    {
        var profile = new FeatureProfile(name, production.Spec.Type, days.Count);
        var fallbackRows = days.RowAt(Math.Min(fallbackReferenceDays, days.Count));
        switch (production)
        {
            case NumericColumn numeric:
                var referenceValues = reference is NumericColumn r && CountNonMissing(r.Values) >= 100
                    ? r.Values
                    : null;
                profile.ReferenceFromProduction = referenceValues is null;
                profile.BuildNumeric(numeric.Values, referenceValues ?? numeric.Values[..fallbackRows], days, minRowsPerDay);
                break;
            case CategoricalColumn categorical:
                var referenceColumn = reference as CategoricalColumn;
                var usable = referenceColumn is not null && CountNonMissing(referenceColumn.Codes) >= 100;
                profile.ReferenceFromProduction = !usable;
                profile.BuildCategorical(
                    categorical,
                    usable ? referenceColumn!.Codes : categorical.Codes[..fallbackRows],
                    usable ? referenceColumn!.Categories : categorical.Categories,
                    days,
                    minRowsPerDay);
                break;
            default:
                throw new ArgumentException($"Unsupported column type {production.GetType().Name}.", nameof(production));
        }

        return profile;
    }

    private void BuildNumeric(double[] values, double[] reference, ProductionDays days, int minRowsPerDay)
    {
        var sorted = Samples.SortedWithoutNaN(reference);
        ReferenceSorted = sorted;
        ReferenceMissingShare = reference.Length == 0 ? 0 : 1 - ((double)sorted.Length / reference.Length);
        ReferenceMin = sorted.Length > 0 ? sorted[0] : double.NaN;
        ReferenceMax = sorted.Length > 0 ? sorted[^1] : double.NaN;
        ReferenceMedian = MedianOfNonZeroMagnitudes(sorted, new double[sorted.Length]);
        var edges = PopulationStabilityIndex.EdgesFromSorted(sorted);
        var labels = new string[edges.Length + 2];
        labels[MissingBin] = "missing";
        for (var b = 0; b <= edges.Length; b++)
        {
            var low = b == 0 ? "−∞" : Format(edges[b - 1]);
            var high = b == edges.Length ? "+∞" : Format(edges[b]);
            labels[b + 1] = $"({low}, {high}]";
        }

        BinLabels = labels;
        ReferenceCounts = new long[labels.Length];
        foreach (var v in reference)
        {
            ReferenceCounts[NumericBin(v, edges)]++;
        }

        var rowBin = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            rowBin[i] = NumericBin(values[i], edges);
        }

        RowBin = rowBin;
        DayCounts = CountPerDay(rowBin, labels.Length, days);

        var largestDay = 0;
        foreach (var range in days.Rows)
        {
            largestDay = Math.Max(largestDay, range.Length);
        }

        var buffer = new double[largestDay];
        var magnitudes = new double[largestDay];
        for (var d = 0; d < days.Count; d++)
        {
            var range = days.Rows[d];
            if (range.Length < minRowsPerDay)
            {
                continue;
            }

            var present = 0;
            var outside = 0;
            foreach (var v in values.AsSpan(range.Start, range.Length))
            {
                if (double.IsNaN(v))
                {
                    continue;
                }

                buffer[present++] = v;
                if (v < ReferenceMin || v > ReferenceMax)
                {
                    outside++;
                }
            }

            Missing[d] = 1 - ((double)present / range.Length);
            Psi[d] = PopulationStabilityIndex.FromCounts(ReferenceCounts, DayCounts[d]);
            if (present == 0)
            {
                continue;
            }

            Unseen[d] = (double)outside / present;
            var day = buffer.AsSpan(0, present);
            day.Sort();
            (PointMass[d], PointMassNumber[d]) = LargestExcess(day);
            PointMassValue[d] = double.IsNaN(PointMassNumber[d]) ? null : Format(PointMassNumber[d]);
            var median = MedianOfNonZeroMagnitudes(day, magnitudes);
            Scale[d] = median > 0 && ReferenceMedian > 0 ? Math.Log10(median / ReferenceMedian) : double.NaN;
        }
    }

    private void BuildCategorical(CategoricalColumn production, int[] referenceCodes, IReadOnlyList<string> referenceCategories, ProductionDays days, int minRowsPerDay)
    {
        var referenceCounts = new long[referenceCategories.Count];
        long referencePresent = 0;
        foreach (var code in referenceCodes)
        {
            if (code >= 0 && code < referenceCounts.Length)
            {
                referenceCounts[code]++;
                referencePresent++;
            }
        }

        ReferenceMissingShare = referenceCodes.Length == 0 ? 0 : 1 - ((double)referencePresent / referenceCodes.Length);

        // The most frequent reference categories get their own bins (ties by name, for a stable order).
        var order = new List<int>();
        for (var c = 0; c < referenceCounts.Length; c++)
        {
            if (referenceCounts[c] > 0)
            {
                order.Add(c);
                ReferenceCategories.Add(referenceCategories[c]);
            }
        }

        order.Sort((a, b) => referenceCounts[b] != referenceCounts[a]
            ? referenceCounts[b].CompareTo(referenceCounts[a])
            : string.CompareOrdinal(referenceCategories[a], referenceCategories[b]));
        var ownBins = Math.Min(order.Count, MaxCategoryBins);
        var hasOther = order.Count > ownBins;
        var labels = new List<string> { "missing" };
        var binOfName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < ownBins; k++)
        {
            binOfName[referenceCategories[order[k]]] = labels.Count;
            labels.Add(referenceCategories[order[k]]);
        }

        var otherBin = -1;
        if (hasOther)
        {
            otherBin = labels.Count;
            labels.Add("(other known)");
        }

        UnseenBin = labels.Count;
        labels.Add("(unseen)");
        BinLabels = [.. labels];

        ReferenceCounts = new long[BinLabels.Length];
        ReferenceCounts[MissingBin] = referenceCodes.Length - referencePresent;
        var referenceShareByName = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var c = 0; c < referenceCounts.Length; c++)
        {
            if (referenceCounts[c] == 0)
            {
                continue;
            }

            var name = referenceCategories[c];
            ReferenceCounts[binOfName.TryGetValue(name, out var bin) ? bin : otherBin] += referenceCounts[c];
            referenceShareByName[name] = referencePresent == 0 ? 0 : (double)referenceCounts[c] / referencePresent;
        }

        // Production codes → bins, through the category names (the two frames number categories independently).
        var codeBin = new int[production.Categories.Count];
        CodeReferenceShare = new double[production.Categories.Count];
        for (var c = 0; c < codeBin.Length; c++)
        {
            var name = production.Categories[c];
            codeBin[c] = binOfName.TryGetValue(name, out var bin) ? bin : ReferenceCategories.Contains(name) ? otherBin : UnseenBin;
            CodeReferenceShare[c] = referenceShareByName.GetValueOrDefault(name);
        }

        var codes = production.Codes;
        var rowBin = new int[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            var code = codes[i];
            rowBin[i] = code >= 0 && code < codeBin.Length ? codeBin[code] : MissingBin;
        }

        RowBin = rowBin;
        DayCounts = CountPerDay(rowBin, BinLabels.Length, days);
        var referenceBinShare = new double[BinLabels.Length];
        for (var b = 1; b < BinLabels.Length; b++)
        {
            referenceBinShare[b] = referencePresent == 0 ? 0 : (double)ReferenceCounts[b] / referencePresent;
        }

        for (var d = 0; d < days.Count; d++)
        {
            var range = days.Rows[d];
            if (range.Length < minRowsPerDay)
            {
                continue;
            }

            var counts = DayCounts[d];
            var present = range.Length - counts[MissingBin];
            Missing[d] = (double)counts[MissingBin] / range.Length;
            Psi[d] = PopulationStabilityIndex.FromCounts(ReferenceCounts, counts);
            if (present == 0)
            {
                continue;
            }

            Unseen[d] = (double)counts[UnseenBin] / present;
            var excess = double.NegativeInfinity;
            string? value = null;
            for (var b = 1; b < BinLabels.Length; b++)
            {
                if (b == UnseenBin || b == otherBin)
                {
                    continue;
                }

                var e = ((double)counts[b] / present) - referenceBinShare[b];
                if (e > excess)
                {
                    excess = e;
                    value = BinLabels[b];
                }
            }

            PointMass[d] = double.IsNegativeInfinity(excess) ? double.NaN : excess;
            PointMassValue[d] = value;
        }
    }

    private (double Excess, double Value) LargestExcess(ReadOnlySpan<double> sortedDay)
    {
        var best = double.NegativeInfinity;
        var value = double.NaN;
        for (var i = 0; i < sortedDay.Length;)
        {
            var v = sortedDay[i];
            var j = i + 1;
            while (j < sortedDay.Length && sortedDay[j] == v)
            {
                j++;
            }

            // A value seen once can exceed its reference share by at most 1/n: only repeated values are looked up.
            var excess = j - i < 2 ? 1.0 / sortedDay.Length : ((double)(j - i) / sortedDay.Length) - ReferenceShareOf(v);
            if (excess > best)
            {
                best = excess;
                value = v;
            }

            i = j;
        }

        return double.IsNegativeInfinity(best) ? (double.NaN, double.NaN) : (best, value);
    }

    /// <summary>
    /// Median of |x| over the non-zero values of ascending <paramref name="values"/>; NaN when there are none. Without
    /// negative values the non-zero values are the sorted tail, so no copy is needed.
    /// </summary>
    private static double MedianOfNonZeroMagnitudes(ReadOnlySpan<double> values, double[] scratch)
    {
        if (values.Length > 0 && values[0] >= 0)
        {
            var firstNonZero = values.Length;
            for (var k = 0; k < values.Length; k++)
            {
                if (values[k] > 0)
                {
                    firstNonZero = k;
                    break;
                }
            }

            var tail = values[firstNonZero..];
            return tail.IsEmpty ? double.NaN : tail.Length % 2 == 1 ? tail[tail.Length / 2] : (tail[(tail.Length / 2) - 1] + tail[tail.Length / 2]) / 2;
        }

        var n = 0;
        foreach (var v in values)
        {
            if (v != 0 && !double.IsNaN(v))
            {
                scratch[n++] = Math.Abs(v);
            }
        }

        if (n == 0)
        {
            return double.NaN;
        }

        var span = scratch.AsSpan(0, n);
        span.Sort();
        return n % 2 == 1 ? span[n / 2] : (span[(n / 2) - 1] + span[n / 2]) / 2;
    }

    private static int NumericBin(double v, double[] edges)
    {
        if (double.IsNaN(v))
        {
            return MissingBin;
        }

        var index = Array.BinarySearch(edges, v);
        return 1 + (index >= 0 ? index : ~index);
    }

    private static long[][] CountPerDay(int[] rowBin, int bins, ProductionDays days)
    {
        var counts = new long[days.Count][];
        for (var d = 0; d < days.Count; d++)
        {
            var dayCounts = new long[bins];
            var range = days.Rows[d];
            foreach (var bin in rowBin.AsSpan(range.Start, range.Length))
            {
                dayCounts[bin]++;
            }

            counts[d] = dayCounts;
        }

        return counts;
    }

    private static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int CountNonMissing(double[] values)
    {
        var n = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                n++;
            }
        }

        return n;
    }

    private static int CountNonMissing(int[] codes)
    {
        var n = 0;
        foreach (var c in codes)
        {
            if (c >= 0)
            {
                n++;
            }
        }

        return n;
    }

    private static double[] NaNs(int length)
    {
        var array = new double[length];
        Array.Fill(array, double.NaN);
        return array;
    }

    internal static string Format(double value) => RootCauseText.Number(value);
}
