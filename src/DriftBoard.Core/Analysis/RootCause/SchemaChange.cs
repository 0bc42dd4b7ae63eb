using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Domain;
using static DriftBoard.Core.Analysis.RootCauses.RootCauseText;

namespace DriftBoard.Core.Analysis.RootCauses;

/// <summary>
/// schema_change: a feature steps to values the model was not trained on and stays there, and recall falls in the same
/// window. Score = degradation × max over features of (anomaly strength × alignment of its step with the drop).
/// </summary>
internal static class SchemaChange
{
    public static CategoryCase Weigh(Investigation investigation)
    {
        var ranked = Ranked(investigation);
        var degradation = investigation.Degradation;
        if (ranked.Count == 0)
        {
            return new CategoryCase(RootCauseCategory.SchemaChange, 0, [], null, "",
                $"No feature stepped to values {CaseText.ReferenceName(investigation)} lacks (no jump in nulls, unseen values, one repeated value or scale).", []);
        }

        var (lead, leadAlignment, leadScore) = ranked[0];
        var description = Describe(investigation, lead);
        var score = degradation * leadScore;
        var features = ranked.Where(r => r.Score >= Math.Max(0.2, 0.5 * leadScore)).Select(r => r.Anomaly.Feature).ToList();
        if (features.Count == 0)
        {
            features.Add(lead.Feature);
        }

        var start = investigation.Days.Date(lead.Fit.Start);
        var values = new List<NamedValue>(description.Values)
        {
            new("ramp_days", lead.Fit.RampDays),
            new("signal_to_noise", Math.Round(lead.SignalToNoise, 2)),
            new("anomaly_strength", Math.Round(lead.Strength, 3)),
            new("alignment_with_drop", Math.Round(leadAlignment, 3)),
        };
        var evidence = new List<Evidence> { new(RootCauseCategory.SchemaChange, description.Sentence + ".", lead.Feature, values) };
        if (description.Segment is { } segment)
        {
            evidence.Add(new Evidence(RootCauseCategory.SchemaChange, segment.Sentence, lead.Feature, segment.Values));
        }

        var summary = $"{description.Sentence}. {CaseText.DropSentence(investigation)}" +
            (description.Segment is { } s ? $"; {s.Clause}." : ".") +
            (features.Count > 1 ? $" {string.Join(", ", features.Skip(1).Select(Code))} also stepped at the same time." : "");
        string whyNot;
        if (degradation == 0)
        {
            whyNot = $"{description.Sentence}, but recall did not drop materially on mature windows.";
        }
        else if (leadAlignment < 0.5)
        {
            whyNot = $"{description.Sentence}, but the recall drop started on {Date(investigation.Drop.StartDate!.Value)}, not with it.";
        }
        else if (lead.Strength < 0.5)
        {
            whyNot = $"The change in {Code(lead.Feature)} from {Date(start)} ramps over {lead.Fit.RampDays} days to plausible values: it reads as drift, not as a broken pipeline (anomaly strength {Fixed(lead.Strength, 2)}).";
        }
        else
        {
            whyNot = $"{description.Sentence}, but other evidence is stronger.";
        }

        return new CategoryCase(RootCauseCategory.SchemaChange, score, features, start, summary, whyNot, evidence);
    }

    /// <summary>Features with a pipeline anomaly, by anomaly strength × alignment with the drop, strongest first (card order on ties).</summary>
    public static List<(FeatureAnomaly Anomaly, double Alignment, double Score)> Ranked(Investigation investigation)
    {
        var ranked = new List<(FeatureAnomaly Anomaly, double Alignment, double Score)>();
        foreach (var profile in investigation.Profiles)
        {
            if (investigation.Anomalies[profile.Name] is { Strength: > 0 } anomaly)
            {
                var alignment = Alignment(investigation, anomaly);
                ranked.Add((anomaly, alignment, anomaly.Strength * alignment));
            }
        }

        // A stable sort keeps the card order among equal scores.
        return [.. ranked.OrderByDescending(r => r.Score)];
    }

    /// <summary>
    /// 1 when the anomaly's step falls within a window (plus its ramp) of the drop's start, decaying to 0 over two more
    /// windows; 0 without a drop. The drop's start is a window start, so a mid-window step may precede it by up to a window.
    /// </summary>
    public static double Alignment(Investigation investigation, FeatureAnomaly anomaly)
    {
        if (investigation.Drop.StartDate is not { } dropStart || investigation.Degradation == 0)
        {
            return 0;
        }

        var window = investigation.WindowDays;
        var delta = anomaly.Fit.Start - investigation.Days.IndexOf(dropStart);
        var early = window + anomaly.Fit.RampDays + 3;
        var late = window + 3;
        var outside = delta < -early ? -early - delta : delta > late ? delta - late : 0;
        return Math.Clamp(1 - (outside / (2.0 * window)), 0, 1);
    }

    internal sealed record SegmentText(string Sentence, string Clause, IReadOnlyList<NamedValue> Values);

    internal sealed record AnomalyText(string Sentence, IReadOnlyList<NamedValue> Values, SegmentText? Segment);

    /// <summary>The anomaly in one sentence with its numbers, and recall of the positives it touches against the others.</summary>
    public static AnomalyText Describe(Investigation investigation, FeatureAnomaly anomaly)
    {
        var profile = investigation.Profiles.First(p => p.Name == anomaly.Feature);
        var column = investigation.Columns[anomaly.Feature];
        var days = investigation.Days;
        var fit = anomaly.Fit;
        var start = Date(days.Date(fit.Start));
        var afterStart = days.RowAt(fit.Start + fit.RampDays);
        var end = days.RowAt(days.Count);
        var feature = Code(anomaly.Feature);
        var reference = CaseText.ReferenceName(investigation, profile);
        bool[]? touched = null;
        string sentence;
        var values = new List<NamedValue>();
        switch (anomaly.Kind)
        {
            case AnomalyKind.PointMass when column is NumericColumn numeric:
            {
                var value = Mode(profile.PointMassNumber, fit.Start + fit.RampDays, days.Count);
                var (share, mask) = ShareOf(numeric.Values, afterStart, end, x => x == value);
                var referenceShare = profile.ReferenceShareOf(value);
                touched = mask;
                sentence = $"From {start}, {Percent(share)} of {feature} values are exactly {Number(value)}, " +
                    (referenceShare < 0.001 ? $"a value {reference} never holds" : $"a value {reference} holds for only {Percent(referenceShare)} of rows");
                values.AddRange([new("value", value), new("share_after", share), new("share_in_reference", referenceShare)]);
                break;
            }

            case AnomalyKind.PointMass:
            {
                var category = ModeLabel(profile.PointMassValue, fit.Start + fit.RampDays, days.Count) ?? "";
                var bin = Array.IndexOf(profile.BinLabels, category);
                var (share, referenceShare, mask) = BinShare(profile, bin, afterStart, end);
                touched = mask;
                sentence = $"From {start}, {Percent(share)} of {feature} values are \"{category}\", a category that makes up {Percent(referenceShare)} of {reference}";
                values.AddRange([new("share_after", share), new("share_in_reference", referenceShare)]);
                break;
            }

            case AnomalyKind.Unseen when column is CategoricalColumn categorical:
            {
                var unseen = FeatureAnomalies.Unseen(profile, categorical, days, fit);
                var (share, _, mask) = BinShare(profile, profile.UnseenBin, afterStart, end);
                touched = mask;
                var examples = string.Join(", ", unseen.Values.Take(3).Select(v => $"\"{v.Name}\""));
                sentence = $"From {start}, {Percent(share)} of {feature} values are categories {reference} never contains ({examples}" +
                    (unseen.Values.Count > 3 ? $" and {unseen.Values.Count - 3} more)" : ")") +
                    (unseen.Respelled >= 0.5 ? $"; {Percent(unseen.Respelled)} of them are known categories respelled (case or punctuation)" : "") +
                    (unseen.Vanished >= 0.3 ? $", while categories that carried {Percent(unseen.Vanished)} of the traffic vanished" : "");
                values.AddRange([
                    new("unseen_share_after", share), new("new_values", unseen.Values.Count),
                    new("respelled_share", unseen.Respelled), new("vanished_share", unseen.Vanished)]);
                break;
            }

            case AnomalyKind.Unseen when column is NumericColumn numeric:
            {
                var (share, mask) = ShareOf(numeric.Values, afterStart, end, x => x < profile.ReferenceMin || x > profile.ReferenceMax);
                touched = mask;
                var median = MedianAfter(profile, fit.Start + fit.RampDays, days.Count);
                sentence = $"From {start}, {Percent(share)} of {feature} values lie outside the range of {reference} [{Number(profile.ReferenceMin)}, {Number(profile.ReferenceMax)}]" +
                    (double.IsNaN(median) ? "" : $" (median {Number(median)} against {Number(profile.ReferenceMedian)} in {reference}, ×{Number(RoundFactor(median / profile.ReferenceMedian))})");
                values.AddRange([new("out_of_range_share_after", share), new("reference_min", profile.ReferenceMin), new("reference_max", profile.ReferenceMax)]);
                if (!double.IsNaN(median))
                {
                    values.Add(new("median_after", median));
                    values.Add(new("median_in_reference", profile.ReferenceMedian));
                }

                break;
            }

            case AnomalyKind.Missing:
            {
                var (share, _, mask) = BinShare(profile, FeatureProfile.MissingBin, afterStart, end);
                touched = mask;
                sentence = $"From {start}, {Percent(share)} of {feature} values are missing, against {Percent(profile.ReferenceMissingShare)} in {reference}";
                values.AddRange([new("missing_share_after", share), new("missing_share_in_reference", profile.ReferenceMissingShare)]);
                break;
            }

            default:
            {
                var factor = Math.Pow(10, fit.After);
                var median = profile.ReferenceMedian * factor;
                sentence = $"From {start}, {feature} arrives at about ×{Number(RoundFactor(factor))} its scale in {reference} (median {Number(median)} against {Number(profile.ReferenceMedian)})";
                values.AddRange([new("scale_factor", factor), new("median_after", median), new("median_in_reference", profile.ReferenceMedian)]);
                break;
            }
        }

        values.Insert(0, new NamedValue("start_day_index", fit.Start));
        return new AnomalyText(sentence, values, touched is null ? null : SegmentOf(investigation, anomaly.Feature, touched, days.RowAt(fit.Start)));
    }

    private static SegmentText? SegmentOf(Investigation investigation, string feature, bool[] touched, int afterStart)
    {
        var frame = investigation.Frame;
        var end = investigation.Days.RowAt(investigation.MatureEnd);
        int pin = 0, cin = 0, pout = 0, cout = 0;
        for (var i = afterStart; i < end; i++)
        {
            if (frame.Labels[i] != LabelValue.Positive)
            {
                continue;
            }

            var caught = frame.Predictions[i] != 0 ? 1 : 0;
            if (touched[i])
            {
                pin++;
                cin += caught;
            }
            else
            {
                pout++;
                cout += caught;
            }
        }

        var min = investigation.Settings.MinSegmentPositives;
        if (pin < min)
        {
            return null;
        }

        var recallIn = (double)cin / pin;
        var recallOut = pout >= min ? (double)cout / pout : double.NaN;
        var clause = double.IsNaN(recallOut)
            ? $"the affected positives are caught {Percent(recallIn)} of the time"
            : $"positives carrying the changed values are caught {Percent(recallIn)} of the time against {Percent(recallOut)} for the others";
        return new SegmentText(
            $"On mature days since the change, {clause} ({pin} and {pout} labelled positives).",
            clause,
            [new("positives_affected", pin), new("recall_affected", recallIn), new("positives_unaffected", pout), new("recall_unaffected", recallOut)]);
    }

    /// <summary>Share of non-missing values in [start, end) matching, and the per-row mask over the whole frame.</summary>
    private static (double Share, bool[] Mask) ShareOf(double[] values, int start, int end, Func<double, bool> match)
    {
        var mask = new bool[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            mask[i] = !double.IsNaN(values[i]) && match(values[i]);
        }

        var present = 0;
        var matched = 0;
        for (var i = start; i < end; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                present++;
                matched += mask[i] ? 1 : 0;
            }
        }

        return (present == 0 ? double.NaN : (double)matched / present, mask);
    }

    /// <summary>Share of bin <paramref name="bin"/> in [start, end) (of non-missing rows unless it is the missing bin), its reference share, and the row mask.</summary>
    private static (double Share, double ReferenceShare, bool[] Mask) BinShare(FeatureProfile profile, int bin, int start, int end)
    {
        var mask = new bool[profile.RowBin.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = profile.RowBin[i] == bin;
        }

        long matched = 0, counted = 0;
        for (var i = start; i < end; i++)
        {
            if (bin != FeatureProfile.MissingBin && profile.RowBin[i] == FeatureProfile.MissingBin)
            {
                continue;
            }

            counted++;
            matched += mask[i] ? 1 : 0;
        }

        long referenceMatched = bin >= 0 ? profile.ReferenceCounts[bin] : 0, referenceCounted = 0;
        for (var b = 0; b < profile.ReferenceCounts.Length; b++)
        {
            referenceCounted += bin == FeatureProfile.MissingBin || b != FeatureProfile.MissingBin ? profile.ReferenceCounts[b] : 0;
        }

        return (counted == 0 ? double.NaN : (double)matched / counted, referenceCounted == 0 ? 0 : (double)referenceMatched / referenceCounted, mask);
    }

    private static double Mode(double[] perDay, int from, int to)
    {
        var counts = new Dictionary<double, int>();
        for (var d = Math.Max(from, 0); d < Math.Min(to, perDay.Length); d++)
        {
            if (!double.IsNaN(perDay[d]))
            {
                counts[perDay[d]] = counts.GetValueOrDefault(perDay[d]) + 1;
            }
        }

        return counts.Count == 0 ? double.NaN : counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).First().Key;
    }

    private static string? ModeLabel(string?[] perDay, int from, int to)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = Math.Max(from, 0); d < Math.Min(to, perDay.Length); d++)
        {
            if (perDay[d] is { } label)
            {
                counts[label] = counts.GetValueOrDefault(label) + 1;
            }
        }

        return counts.Count == 0 ? null : counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
    }

    /// <summary>Median of the days' scale series after the change, back on the value scale.</summary>
    private static double MedianAfter(FeatureProfile profile, int from, int to)
    {
        var logs = new List<double>();
        for (var d = Math.Max(from, 0); d < Math.Min(to, profile.Scale.Length); d++)
        {
            if (!double.IsNaN(profile.Scale[d]))
            {
                logs.Add(profile.Scale[d]);
            }
        }

        if (logs.Count == 0 || !(profile.ReferenceMedian > 0))
        {
            return double.NaN;
        }

        logs.Sort();
        return profile.ReferenceMedian * Math.Pow(10, logs[logs.Count / 2]);
    }

    /// <summary>A factor to two significant digits (×98.7 reads as ×99, ×0.0102 as ×0.01).</summary>
    private static double RoundFactor(double factor)
    {
        if (!(factor > 0) || double.IsInfinity(factor))
        {
            return factor;
        }

        var digits = (int)Math.Floor(Math.Log10(factor));
        var unit = Math.Pow(10, digits - 1);
        return Math.Round(factor / unit) * unit;
    }
}
