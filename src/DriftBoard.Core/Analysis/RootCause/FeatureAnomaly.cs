using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.RootCauses;

/// <summary>The ways a broken pipeline shows in one feature's values.</summary>
internal enum AnomalyKind
{
    /// <summary>A burst of missing values.</summary>
    Missing,
    /// <summary>Values the reference never holds: outside its range (numeric) or categories it never contains.</summary>
    Unseen,
    /// <summary>One exact value (a default filling a failed join, a fallback category) far above its reference share.</summary>
    PointMass,
    /// <summary>The values' scale jumps by a factor (units changed).</summary>
    Scale,
}

/// <summary>
/// The strongest pipeline-like change of one feature: which anomaly, its fitted change, and how much it looks like a
/// fault rather than a drift. <see cref="Strength"/> multiplies the size of the jump, its clarity against day-to-day
/// noise, whether it stays, and how step-like it is (or, for categories, whether new values replace old ones).
/// </summary>
internal sealed record FeatureAnomaly(
    string Feature,
    AnomalyKind Kind,
    RampStepFit Fit,
    double Size,
    double SignalToNoise,
    double Stepness,
    double Substitution,
    double Strength);

/// <summary>Unseen categories after a change and how they relate to the reference's.</summary>
/// <param name="Values">Unseen category names with their share of the after period, largest first.</param>
/// <param name="Respelled">Share of the unseen values whose name equals a known category up to case and punctuation.</param>
/// <param name="Vanished">Share of the known categories' traffic (before the change) in categories that all but vanished after it.</param>
internal sealed record UnseenCategories(IReadOnlyList<(string Name, double Share)> Values, double Respelled, double Vanished)
{
    public double Substitution => Math.Max(Respelled, Vanished);
}

internal static class FeatureAnomalies
{
    /// <summary>The anomaly of <paramref name="profile"/> with the largest strength, or null when none has any.</summary>
    public static FeatureAnomaly? Strongest(FeatureProfile profile, FeatureColumn column, ProductionDays days, RootCauseSettings settings)
    {
        FeatureAnomaly? best = null;

        // On equal strength the more specific reading wins: one repeated value or a scale factor says more than
        // "outside the range" (a 0 filling a positive feature, or ×100, are both out of range too).
        foreach (var kind in (ReadOnlySpan<AnomalyKind>)[AnomalyKind.Missing, AnomalyKind.PointMass, AnomalyKind.Scale, AnomalyKind.Unseen])
        {
            var anomaly = Measure(profile, column, kind, days, settings);
            if (anomaly is not null && (best is null || anomaly.Strength > best.Strength))
            {
                best = anomaly;
            }
        }

        return best;
    }

    private static FeatureAnomaly? Measure(FeatureProfile profile, FeatureColumn column, AnomalyKind kind, ProductionDays days, RootCauseSettings settings)
    {
        if (kind == AnomalyKind.Scale && profile.Type != FeatureType.Numeric)
        {
            return null;
        }

        var series = kind switch
        {
            AnomalyKind.Missing => profile.Missing,
            AnomalyKind.Unseen => profile.Unseen,
            AnomalyKind.PointMass => profile.PointMass,
            _ => profile.Scale,
        };
        var fit = RampStep.Fit(series, settings.MaxRampDays);
        if (!fit.Found)
        {
            return null;
        }

        // Shares must rise (a fault adds nulls, unseen values, a default); a scale may jump either way.
        double size, noiseFloor;
        if (kind == AnomalyKind.Scale)
        {
            // log10 factor: 0 at ×2, full at ×10.
            size = Math.Clamp((Math.Abs(fit.Jump) - 0.3) / 0.7, 0, 1);
            noiseFloor = 0.01;
        }
        else
        {
            size = fit.Jump < 0.02 ? 0 : Math.Clamp(fit.Jump / settings.FullAnomalyShare, 0, 1);
            noiseFloor = 0.002;
        }

        var snr = fit.SignalToNoise(noiseFloor);
        var clarity = Math.Clamp((snr - 3) / 5, 0, 1);
        var stepness = Math.Clamp(1 - ((double)(fit.RampDays - settings.StepDays) / (settings.GradualDays - settings.StepDays)), 0, 1);
        var persistence = Math.Clamp((fit.Persistence - 0.3) / 0.5, 0, 1);
        var substitution = 0.0;
        if (kind == AnomalyKind.Unseen && column is CategoricalColumn categorical)
        {
            substitution = Unseen(profile, categorical, days, fit).Substitution;
        }

        var strength = size * clarity * persistence * Math.Max(stepness, substitution);
        return new FeatureAnomaly(profile.Name, kind, fit, size, snr, stepness, substitution, strength);
    }

    /// <summary>Unseen categories once <paramref name="fit"/>'s change is complete, against the days before it.</summary>
    public static UnseenCategories Unseen(FeatureProfile profile, CategoricalColumn column, ProductionDays days, RampStepFit fit)
    {
        var afterStart = days.RowAt(fit.Start + fit.RampDays);
        var end = days.RowAt(days.Count);
        var counts = new long[column.Categories.Count];
        long present = 0;
        for (var i = afterStart; i < end; i++)
        {
            var code = column.Codes[i];
            if (code >= 0 && code < counts.Length)
            {
                counts[code]++;
                present++;
            }
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in profile.ReferenceCategories)
        {
            known.Add(Normalise(name));
        }

        var values = new List<(string Name, double Share)>();
        long unseen = 0, respelled = 0;
        for (var c = 0; c < counts.Length; c++)
        {
            var name = column.Categories[c];
            if (counts[c] == 0 || profile.ReferenceCategories.Contains(name))
            {
                continue;
            }

            unseen += counts[c];
            values.Add((name, (double)counts[c] / present));
            if (known.Contains(Normalise(name)))
            {
                respelled += counts[c];
            }
        }

        values.Sort((a, b) => b.Share != a.Share ? b.Share.CompareTo(a.Share) : string.CompareOrdinal(a.Name, b.Name));

        // Known bins that all but vanished: after-share below a fifth of the before-share.
        var before = Sum(profile.DayCounts, 0, fit.Start, profile.BinCount);
        var after = Sum(profile.DayCounts, fit.Start + fit.RampDays, days.Count, profile.BinCount);
        long beforeKnown = 0, afterTotal = 0;
        for (var b = 1; b < profile.BinCount; b++)
        {
            afterTotal += after[b];
            if (b != profile.UnseenBin)
            {
                beforeKnown += before[b];
            }
        }

        long beforeTotal = beforeKnown + before[profile.UnseenBin];
        double vanished = 0;
        if (beforeKnown > 0 && afterTotal > 0)
        {
            for (var b = 1; b < profile.BinCount; b++)
            {
                if (b == profile.UnseenBin)
                {
                    continue;
                }

                var shareBefore = (double)before[b] / beforeTotal;
                var shareAfter = (double)after[b] / afterTotal;
                if (shareBefore >= 0.01 && shareAfter < 0.2 * shareBefore)
                {
                    vanished += (double)before[b] / beforeKnown;
                }
            }
        }

        return new UnseenCategories(values, unseen == 0 ? 0 : (double)respelled / unseen, vanished);
    }

    /// <summary>Bin counts summed over days [from, to).</summary>
    public static long[] Sum(long[][] dayCounts, int from, int to, int bins)
    {
        var total = new long[bins];
        for (var d = Math.Max(from, 0); d < Math.Min(to, dayCounts.Length); d++)
        {
            var counts = dayCounts[d];
            for (var b = 0; b < bins; b++)
            {
                total[b] += counts[b];
            }
        }

        return total;
    }

    /// <summary>Lower case, letters and digits only: "Gift Cards", "GIFT_CARDS" and "gift-cards" are one name.</summary>
    private static string Normalise(string name)
    {
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var n = 0;
        foreach (var ch in name)
        {
            if (char.IsLetterOrDigit(ch))
            {
                buffer[n++] = char.ToLowerInvariant(ch);
            }
        }

        return new string(buffer[..n]);
    }
}
