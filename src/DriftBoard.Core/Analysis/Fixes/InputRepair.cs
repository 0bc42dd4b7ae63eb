using DriftBoard.Core.Analysis.Surrogate;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Fixes;

/// <summary>A way to undo a broken input, and what it undoes, in words.</summary>
/// <param name="IsBroken">
/// For faults that hit only some rows (a default fill, missing values): true for a production row whose value carries the
/// fault, so the intact rows can stand in for a restored source. Null when every value is changed (unit change, recoding).
/// </param>
/// <param name="BrokenDescription">The fault's signature in words ("`x` = 0", "`x` missing"); null with <paramref name="IsBroken"/>.</param>
public sealed record InputRepairPlan(
    string Feature, string Kind, string Description, FeatureReplacement Repair, Func<int, bool>? IsBroken = null, string? BrokenDescription = null);

/// <summary>
/// Infers how a feature's input broke between the reference and the affected rows, and how to repair it:
/// a default filling the feature (a point mass the reference does not hold), a unit change (the median moves by a
/// factor of ten or more), a burst of missing values, or recoded categories (new names appear as reference names vanish).
/// Returns null when the change is none of these: drift to plausible values is not an input fault.
/// </summary>
public static class InputRepair
{
    /// <summary>A point mass, a missing-rate burst or a recoded share must grow by at least this much to count.</summary>
    public const double MinimumShift = 0.05;

    public static InputRepairPlan? Infer(DatasetFrame reference, int[] referenceRows, DatasetFrame production, int[] affectedRows, string feature, int seed)
    {
        if (!reference.Features.TryGetValue(feature, out var refColumn) || !production.Features.TryGetValue(feature, out var column))
            return null;
        return (refColumn, column) switch
        {
            (NumericColumn r, NumericColumn p) => Numeric(reference, referenceRows, r, p, affectedRows, feature, seed),
            (CategoricalColumn r, CategoricalColumn p) => Categorical(reference, referenceRows, r, p, affectedRows, feature, seed),
            _ => null,
        };
    }

    private static InputRepairPlan? Numeric(DatasetFrame reference, int[] referenceRows, NumericColumn r, NumericColumn p, int[] rows, string feature, int seed)
    {
        var refMissing = Share(referenceRows, i => double.IsNaN(r.Values[i]));
        var missing = Share(rows, i => double.IsNaN(p.Values[i]));
        if (missing - refMissing >= MinimumShift)
        {
            return new InputRepairPlan(feature, "missing_burst",
                $"impute the {missing:P0} missing `{feature}` values (reference: {refMissing:P1}) from the reference distribution while the upstream source is broken",
                FeatureReplacements.ImputeConstantFrom(double.NaN, reference, referenceRows, seed),
                i => double.IsNaN(p.Values[i]), $"`{feature}` missing");
        }

        // A point mass: the most frequent value among the affected rows, held far more often than in the reference.
        var (mode, modeShare) = Mode(rows, p.Values);
        if (!double.IsNaN(mode))
        {
            var refShare = Share(referenceRows, i => r.Values[i] == mode);
            if (modeShare - refShare >= MinimumShift && modeShare >= 2 * refShare)
            {
                return new InputRepairPlan(feature, "default_fill",
                    $"treat `{feature}` = {mode:G6} (now {modeShare:P0} of rows, {refShare:P1} in the reference) as missing and impute it from the reference distribution until the upstream join is fixed",
                    FeatureReplacements.ImputeConstantFrom(mode, reference, referenceRows, seed),
                    i => p.Values[i] == mode, $"`{feature}` = {mode:G6}");
            }
        }

        var refMedian = Median(referenceRows, r.Values);
        var median = Median(rows, p.Values);
        if (refMedian != 0 && median != 0 && !double.IsNaN(refMedian) && !double.IsNaN(median))
        {
            var ratio = median / refMedian;
            if (Math.Abs(Math.Log10(Math.Abs(ratio))) >= 0.9)
            {
                // Units change by powers of ten (cents, thousands, milliseconds): snap to the nearest one when close.
                var power = Math.Round(Math.Log10(Math.Abs(ratio)));
                var factor = Math.Abs(Math.Log10(Math.Abs(ratio)) - power) < 0.15 ? Math.Pow(10, power) * Math.Sign(ratio) : ratio;
                return new InputRepairPlan(feature, "unit_change",
                    $"divide `{feature}` by {factor:G4} (its median moved from {refMedian:G4} to {median:G4}) to undo the unit change",
                    FeatureReplacements.Scale(1 / factor));
            }
        }

        return null;
    }

    private static InputRepairPlan? Categorical(DatasetFrame reference, int[] referenceRows, CategoricalColumn r, CategoricalColumn p, int[] rows, string feature, int seed)
    {
        var refShares = CategoryShares(referenceRows, r.Codes, r.Categories);
        var shares = CategoryShares(rows, p.Codes, p.Categories);
        var refMissing = Share(referenceRows, i => r.Codes[i] < 0);
        var missing = Share(rows, i => p.Codes[i] < 0);
        if (missing - refMissing >= MinimumShift)
        {
            return new InputRepairPlan(feature, "missing_burst",
                $"impute the {missing:P0} missing `{feature}` values (reference: {refMissing:P1}) from the reference distribution while the upstream source is broken",
                FeatureReplacements.ImputeCategoryFrom(null, reference, referenceRows, seed),
                i => p.Codes[i] < 0, $"`{feature}` missing");
        }

        // Recoding: new names that the reference never had, taking the place of reference names that vanished.
        var appeared = shares.Where(kv => !refShares.ContainsKey(kv.Key) && kv.Value >= MinimumShift / 5)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var vanished = refShares.Where(kv => kv.Value >= MinimumShift / 5 && shares.GetValueOrDefault(kv.Key) < kv.Value * 0.1)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        if (appeared.Count == 0 || vanished.Count == 0 || appeared.Sum(kv => kv.Value) < MinimumShift) return null;

        // Pair by share rank: a renamed category keeps its traffic.
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(appeared.Count, vanished.Count); i++) map[appeared[i].Key] = vanished[i].Key;
        var pairs = string.Join(", ", map.Select(kv => $"{kv.Key} → {kv.Value}"));
        return new InputRepairPlan(feature, "recoded_categories",
            $"map the recoded `{feature}` values back to the names the model was trained on ({pairs})",
            FeatureReplacements.MapCategories(map));
    }

    private static double Share(int[] rows, Func<int, bool> predicate)
    {
        if (rows.Length == 0) return 0;
        var n = 0;
        foreach (var i in rows) if (predicate(i)) n++;
        return (double)n / rows.Length;
    }

    private static (double Value, double Share) Mode(int[] rows, double[] values)
    {
        var counts = new Dictionary<double, int>();
        foreach (var i in rows)
        {
            var v = values[i];
            if (!double.IsNaN(v)) counts[v] = counts.GetValueOrDefault(v) + 1;
        }

        if (counts.Count == 0) return (double.NaN, 0);
        var best = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First();
        return (best.Key, (double)best.Value / rows.Length);
    }

    private static double Median(int[] rows, double[] values)
    {
        var present = new List<double>(rows.Length);
        foreach (var i in rows) if (!double.IsNaN(values[i])) present.Add(values[i]);
        if (present.Count == 0) return double.NaN;
        present.Sort();
        var mid = present.Count / 2;
        return present.Count % 2 == 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
    }

    private static Dictionary<string, double> CategoryShares(int[] rows, int[] codes, IReadOnlyList<string> names)
    {
        var counts = new int[names.Count];
        foreach (var i in rows) if (codes[i] >= 0) counts[codes[i]]++;
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var c = 0; c < counts.Length; c++)
            if (counts[c] > 0) shares[names[c]] = rows.Length == 0 ? 0 : (double)counts[c] / rows.Length;
        return shares;
    }
}
