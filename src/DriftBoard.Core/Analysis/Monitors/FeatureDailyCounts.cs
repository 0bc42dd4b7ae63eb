using System.Globalization;
using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Analysis.Monitors;

/// <summary>
/// One feature's per-day counts against its reference, built in one pass over the column (two when a numeric feature
/// has point-mass candidates): the PSI cells, missing values, contract violations and candidate point masses.
/// </summary>
/// <param name="Edges">Numeric and boolean: the interior PSI bin edges (reference deciles; 0.5 for a boolean). Empty for categorical.</param>
/// <param name="CellLabels">
/// A label per PSI cell: the bin's upper edge, or the category. Categorical cells are the reference's most common
/// categories (at most <see cref="MonitorSettings.MaxCategoryCells"/>, most common first), then <c>(other)</c> for the
/// rest of the reference's categories when there are more, then <c>(unseen)</c> for categories the reference never held.
/// </param>
/// <param name="ReferenceCells">Reference counts per PSI cell (present values only).</param>
/// <param name="Cells">Production counts per day per PSI cell (present values only).</param>
/// <param name="Missing">Production missing values per day.</param>
/// <param name="Violations">Production present values per day outside the contract's range or categories.</param>
/// <param name="PointMassValues">
/// The values that could be a point mass: every value holding more than <see cref="MonitorSettings.ContractPointMassExcess"/>
/// of some day's present values (any value above that share of a window must be above it on one of the window's days, so
/// no point mass is missed). For categorical features, every category (the cells). Empty for booleans.
/// </param>
/// <param name="PointMassReferenceShares">Each candidate's share of the reference's present values.</param>
/// <param name="PointMass">Production counts per day per candidate.</param>
public sealed record FeatureDailyCounts(
    FeatureSpec Spec,
    FeatureContract Contract,
    double[] Edges,
    string[] CellLabels,
    long[] ReferenceCells,
    DaySeries<long> Cells,
    DaySeries<long> Missing,
    DaySeries<long> Violations,
    string[] PointMassValues,
    double[] PointMassReferenceShares,
    DaySeries<long> PointMass)
{
    public string Name => Spec.Name;

    /// <summary>
    /// The counts of <paramref name="production"/> per day of <paramref name="dayStarts"/>, against <paramref name="reference"/>.
    /// Null when the two columns are of different kinds (numeric against categorical): they cannot be compared.
    /// </summary>
    internal static FeatureDailyCounts? Build(FeatureColumn production, FeatureColumn reference, int[] dayStarts, MonitorSettings settings) =>
        (production, reference) switch
        {
            (NumericColumn p, NumericColumn r) => BuildNumeric(p, r, dayStarts, settings),
            (CategoricalColumn p, CategoricalColumn r) => BuildCategorical(p, r, dayStarts, settings),
            _ => null,
        };

    private static FeatureDailyCounts BuildNumeric(NumericColumn production, NumericColumn reference, int[] dayStarts, MonitorSettings settings)
    {
        var spec = production.Spec;
        var isBoolean = spec.Type == FeatureType.Boolean;
        var sortedReference = Samples.SortedWithoutNaN(reference.Values);
        var contract = NumericContract(spec, reference.Values.Length, sortedReference, settings);
        double[] edges = isBoolean ? [0.5] : PopulationStabilityIndex.EdgesFromSorted(sortedReference, settings.PsiBins);
        var width = edges.Length + 1;
        var days = dayStarts.Length - 1;
        var cells = new long[days * width];
        var missing = new long[days];
        var violations = new long[days];
        var values = production.Values;
        double min = contract.Min, max = contract.Max;
        for (var d = 0; d < days; d++)
        {
            var dayCells = cells.AsSpan(d * width, width);
            long dayMissing = 0, dayViolations = 0;
            for (var i = dayStarts[d]; i < dayStarts[d + 1]; i++)
            {
                var v = values[i];
                if (double.IsNaN(v))
                {
                    dayMissing++;
                    continue;
                }

                var index = edges.AsSpan().BinarySearch(v);
                dayCells[index >= 0 ? index : ~index]++;
                if (v < min || v > max || (isBoolean && v != 0 && v != 1))
                {
                    dayViolations++;
                }
            }

            missing[d] = dayMissing;
            violations[d] = dayViolations;
        }

        var (massValues, massShares, massCounts) = isBoolean
            ? ([], [], new long[0])
            : NumericPointMasses(values, sortedReference, dayStarts, settings.ContractPointMassExcess);
        return new FeatureDailyCounts(
            spec,
            contract,
            edges,
            BinLabels(edges),
            PopulationStabilityIndex.Histogram(reference.Values, edges),
            new DaySeries<long>(days, width, cells),
            new DaySeries<long>(days, 1, missing),
            new DaySeries<long>(days, 1, violations),
            massValues,
            massShares,
            new DaySeries<long>(days, massValues.Length, massCounts));
    }

    /// <summary>
    /// One Misra–Gries pass over the present values of <paramref name="rows"/>: afterwards the slots with a positive tally
    /// hold every value that occurs more than <c>present / (slots + 1)</c> times (and maybe others).
    /// </summary>
    private static void HeavyHitterCandidates(ReadOnlySpan<double> rows, Span<double> slots, Span<int> tallies)
    {
        tallies.Clear();
        foreach (var v in rows)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            var placed = false;
            for (var k = 0; k < slots.Length && !placed; k++)
            {
                if (tallies[k] > 0 && slots[k] == v)
                {
                    tallies[k]++;
                    placed = true;
                }
            }

            for (var k = 0; k < slots.Length && !placed; k++)
            {
                if (tallies[k] == 0)
                {
                    slots[k] = v;
                    tallies[k] = 1;
                    placed = true;
                }
            }

            if (!placed)
            {
                for (var k = 0; k < slots.Length; k++)
                {
                    tallies[k]--;
                }
            }
        }
    }

    /// <summary>
    /// Replaces each positive tally with the exact number of occurrences of its slot's value in <paramref name="rows"/>
    /// (empty slots stay 0); returns the number of present values.
    /// </summary>
    private static int CountSlots(ReadOnlySpan<double> rows, ReadOnlySpan<double> slots, Span<int> tallies)
    {
        for (var k = 0; k < tallies.Length; k++)
        {
            tallies[k] = tallies[k] > 0 ? 0 : -1;
        }

        var present = 0;
        foreach (var v in rows)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            present++;
            for (var k = 0; k < slots.Length; k++)
            {
                if (tallies[k] >= 0 && slots[k] == v)
                {
                    tallies[k]++;
                    break;
                }
            }
        }

        for (var k = 0; k < tallies.Length; k++)
        {
            tallies[k] = Math.Max(tallies[k], 0);
        }

        return present;
    }

    private static FeatureContract NumericContract(FeatureSpec spec, int referenceRows, double[] sortedReference, MonitorSettings settings)
    {
        var missingRate = referenceRows == 0 ? 0 : (double)(referenceRows - sortedReference.Length) / referenceRows;
        if (spec.Type == FeatureType.Boolean)
        {
            return new FeatureContract(spec.Name, spec.Type, 0, 1, ContractSource.Boolean, [], missingRate);
        }

        if (spec.RangeMin is not null || spec.RangeMax is not null)
        {
            return new FeatureContract(
                spec.Name, spec.Type, spec.RangeMin ?? double.NegativeInfinity, spec.RangeMax ?? double.PositiveInfinity, ContractSource.Card, [], missingRate);
        }

        if (sortedReference.Length == 0)
        {
            return new FeatureContract(spec.Name, spec.Type, double.NegativeInfinity, double.PositiveInfinity, ContractSource.None, [], missingRate);
        }

        // Extreme quantiles rather than min/max: one outlier in the training data should not widen the contract for good.
        var low = PopulationStabilityIndex.Quantile(sortedReference, settings.ReferenceRangeQuantile);
        var high = PopulationStabilityIndex.Quantile(sortedReference, 1 - settings.ReferenceRangeQuantile);
        var margin = (high - low) * settings.ReferenceRangeWidening;
        return new FeatureContract(spec.Name, spec.Type, low - margin, high + margin, ContractSource.Reference, [], missingRate);
    }

    /// <summary>
    /// Finds every value holding more than <paramref name="share"/> of some day's present values, then counts each of
    /// them per day and takes its share of the reference.
    /// </summary>
    private static (string[] Values, double[] ReferenceShares, long[] Counts) NumericPointMasses(
        double[] values, double[] sortedReference, int[] dayStarts, double share)
    {
        var days = dayStarts.Length - 1;
        var candidates = new Dictionary<double, int>();
        if (share is > 0 and < 1)
        {
            // Misra–Gries with m counters keeps every value more frequent than n / (m + 1): m = ⌈1/share⌉ − 1 suffices.
            var slots = new double[(int)Math.Ceiling(1 / share) - 1];
            var tallies = new int[slots.Length];
            for (var d = 0; d < days; d++)
            {
                var rows = values.AsSpan(dayStarts[d], dayStarts[d + 1] - dayStarts[d]);
                HeavyHitterCandidates(rows, slots, tallies);
                // The survivors are a superset: keep those that really exceed the share that day.
                var present = CountSlots(rows, slots, tallies);
                for (var k = 0; k < slots.Length; k++)
                {
                    if (tallies[k] > share * present)
                    {
                        candidates.TryAdd(slots[k], candidates.Count);
                    }
                }
            }
        }

        var width = candidates.Count;
        var counts = new long[days * width];
        if (width > 0)
        {
            for (var d = 0; d < days; d++)
            {
                for (var i = dayStarts[d]; i < dayStarts[d + 1]; i++)
                {
                    if (candidates.TryGetValue(values[i], out var c))
                    {
                        counts[(d * width) + c]++;
                    }
                }
            }
        }

        var labels = new string[width];
        var referenceShares = new double[width];
        foreach (var (value, c) in candidates)
        {
            labels[c] = value.ToString("G6", CultureInfo.InvariantCulture);
            // Rows equal to the value: those at most it minus those at most the next double below it.
            var inReference = SortedSpan.CountAtMost<double>(sortedReference, value) - SortedSpan.CountAtMost<double>(sortedReference, Math.BitDecrement(value));
            referenceShares[c] = sortedReference.Length == 0 ? 0 : (double)inReference / sortedReference.Length;
        }

        return (labels, referenceShares, counts);
    }

    private static FeatureDailyCounts BuildCategorical(CategoricalColumn production, CategoricalColumn reference, int[] dayStarts, MonitorSettings settings)
    {
        var spec = production.Spec;
        var referenceCounts = new long[reference.Categories.Count];
        long referenceMissing = 0, referenceInvalid = 0;
        foreach (var code in reference.Codes)
        {
            if (code == CategoricalColumn.Missing)
            {
                referenceMissing++;
            }
            else if ((uint)code < (uint)referenceCounts.Length)
            {
                referenceCounts[code]++;
            }
            else
            {
                referenceInvalid++;
            }
        }

        // Cells: the most common reference categories (so a high-cardinality feature stays a small table), then the
        // other categories the reference holds, then categories it never saw.
        var seen = new List<int>();
        for (var k = 0; k < referenceCounts.Length; k++)
        {
            if (referenceCounts[k] > 0)
            {
                seen.Add(k);
            }
        }

        seen.Sort((a, b) => referenceCounts[a] != referenceCounts[b]
            ? referenceCounts[b].CompareTo(referenceCounts[a])
            : string.CompareOrdinal(reference.Categories[a], reference.Categories[b]));
        var kept = Math.Min(seen.Count, settings.MaxCategoryCells);
        var hasOther = seen.Count > kept;
        var width = kept + (hasOther ? 1 : 0) + 1;
        var unseen = width - 1;
        var cellOfName = new Dictionary<string, int>(StringComparer.Ordinal);
        var labels = new string[width];
        var referenceCells = new long[width];
        for (var r = 0; r < seen.Count; r++)
        {
            var cell = r < kept ? r : kept;
            cellOfName.TryAdd(reference.Categories[seen[r]], cell);
            referenceCells[cell] += referenceCounts[seen[r]];
        }

        referenceCells[unseen] = referenceInvalid;
        for (var r = 0; r < kept; r++)
        {
            labels[r] = reference.Categories[seen[r]];
        }

        if (hasOther)
        {
            labels[kept] = "(other)";
        }

        labels[unseen] = "(unseen)";

        string[] allowed = spec.Values is { } values ? [.. values] : [.. seen.Select(k => reference.Categories[k])];
        var allowedSet = new HashSet<string>(allowed, StringComparer.Ordinal);
        var cellOfCode = new int[production.Categories.Count];
        var codeAllowed = new bool[production.Categories.Count];
        for (var k = 0; k < cellOfCode.Length; k++)
        {
            var category = production.Categories[k];
            cellOfCode[k] = cellOfName.TryGetValue(category, out var cell) ? cell : unseen;
            codeAllowed[k] = allowedSet.Contains(category);
        }

        var days = dayStarts.Length - 1;
        var cells = new long[days * width];
        var missing = new long[days];
        var violations = new long[days];
        var codes = production.Codes;
        for (var d = 0; d < days; d++)
        {
            var dayCells = cells.AsSpan(d * width, width);
            long dayMissing = 0, dayViolations = 0;
            for (var i = dayStarts[d]; i < dayStarts[d + 1]; i++)
            {
                var code = codes[i];
                if (code == CategoricalColumn.Missing)
                {
                    dayMissing++;
                }
                else if ((uint)code < (uint)cellOfCode.Length)
                {
                    dayCells[cellOfCode[code]]++;
                    if (!codeAllowed[code])
                    {
                        dayViolations++;
                    }
                }
                else
                {
                    dayCells[unseen]++;
                    dayViolations++;
                }
            }

            missing[d] = dayMissing;
            violations[d] = dayViolations;
        }

        var referenceRows = reference.Codes.Length;
        var contract = new FeatureContract(
            spec.Name,
            spec.Type,
            double.NaN,
            double.NaN,
            spec.Values is not null ? ContractSource.Card : ContractSource.Reference,
            allowed,
            referenceRows == 0 ? 0 : (double)referenceMissing / referenceRows);
        var referencePresent = referenceRows - referenceMissing;
        var shares = new double[width];
        for (var k = 0; k < width; k++)
        {
            shares[k] = referencePresent == 0 ? 0 : (double)referenceCells[k] / referencePresent;
        }

        var cellSeries = new DaySeries<long>(days, width, cells);
        // A categorical point mass is one category taking over: the cells are the candidates.
        return new FeatureDailyCounts(
            spec, contract, [], labels, referenceCells, cellSeries, new DaySeries<long>(days, 1, missing), new DaySeries<long>(days, 1, violations), labels, shares, cellSeries);
    }

    private static string[] BinLabels(double[] edges)
    {
        var labels = new string[edges.Length + 1];
        for (var k = 0; k < edges.Length; k++)
        {
            labels[k] = string.Create(CultureInfo.InvariantCulture, $"<= {edges[k]:G6}");
        }

        labels[^1] = edges.Length == 0 ? "all" : string.Create(CultureInfo.InvariantCulture, $"> {edges[^1]:G6}");
        return labels;
    }
}
