using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Domain;
using static DriftBoard.Core.Analysis.RootCauses.RootCauseText;

namespace DriftBoard.Core.Analysis.RootCauses;

/// <summary>
/// data_drift: the input mix moved to plausible values and the drop sits where the moved population is. Per feature:
/// shift size (PSI across the drop, saturating at <see cref="RootCauseSettings.FullShiftPsi"/>) × the share of the drop
/// it accounts for (segment recall, or counterfactual recovery when attribution is given, whichever is larger) × plausibility
/// (1 − its pipeline-anomaly strength). Score = degradation × the best feature's product.
/// </summary>
internal static class DataDrift
{
    public static CategoryCase Weigh(Investigation investigation)
    {
        var settings = investigation.Settings;
        var ranked = new List<(FeatureShift Shift, double Score, double Accounted)>();
        foreach (var profile in investigation.Profiles)
        {
            var shift = investigation.Shifts[profile.Name];
            var accounted = Accounted(shift);
            var plausibility = 1 - (investigation.Anomalies[profile.Name]?.Strength ?? 0);
            var size = CaseText.Clamp01(shift.Psi / settings.FullShiftPsi);
            ranked.Add((shift, size * accounted * plausibility, accounted));
        }

        // With no case at all, the largest shift leads, so the evidence quotes the feature that moved most.
        ranked = [.. ranked.OrderByDescending(r => r.Score).ThenByDescending(r => double.IsNaN(r.Shift.Psi) ? -1 : r.Shift.Psi)];
        var largest = investigation.Shifts.Values.OrderByDescending(s => double.IsNaN(s.Psi) ? -1 : s.Psi).FirstOrDefault();
        if (ranked.Count == 0 || largest is null)
        {
            return new CategoryCase(RootCauseCategory.DataDrift, 0, [], null, "", "No feature could be compared across the drop.", []);
        }

        var (lead, leadScore, leadAccounted) = ranked[0];
        var score = investigation.Degradation * leadScore;
        var features = ranked.Where(r => r.Score >= Math.Max(0.1, 0.5 * leadScore)).Select(r => r.Shift.Feature).ToList();
        if (features.Count == 0)
        {
            features.Add(lead.Feature);
        }

        var startDay = lead.Change.Found && Math.Abs(lead.Change.Start - investigation.Split) <= 28 ? lead.Change.Start : investigation.Split;
        var start = investigation.Days.Date(startDay);
        var region = RegionName(investigation, lead);
        var moved = $"From {Date(start)}, the mix of {Code(lead.Feature)} moved (PSI {Fixed(lead.Psi, 2)})" +
            (lead.Region.Count > 0 ? $": {region} grew from {Percent(lead.RegionShareBefore)} to {Percent(lead.RegionShareAfter)} of traffic" : "");
        var where = lead.Segment is { } segment
            ? $"Positives there are caught {Percent(segment.RecallInsideAfter)} of the time against {Percent(segment.RecallOutsideAfter)} elsewhere, which accounts for {Percent(leadAccounted)} of the drop"
            : "Too few labelled positives fall in the moved population to read its recall";
        if (!double.IsNaN(lead.RecoveredShare))
        {
            where += $"; re-scoring with {Code(lead.Feature)} at training values recovers {Percent(lead.RecoveredShare)} of it";
        }

        var summary = $"{moved}. {where}. {CaseText.DropSentence(investigation)}.";
        var evidence = new List<Evidence>
        {
            new(RootCauseCategory.DataDrift, moved + ".", lead.Feature,
            [
                new("psi", lead.Psi), new("region_share_before", lead.RegionShareBefore), new("region_share_after", lead.RegionShareAfter),
                new("ramp_days", lead.Change.Found ? lead.Change.RampDays : double.NaN),
            ]),
        };
        if (lead.Segment is { } s)
        {
            evidence.Add(new Evidence(RootCauseCategory.DataDrift, where + ".", lead.Feature,
            [
                new("recall_inside_before", s.RecallInsideBefore), new("recall_inside_after", s.RecallInsideAfter),
                new("recall_outside_before", s.RecallOutsideBefore), new("recall_outside_after", s.RecallOutsideAfter),
                new("positives_inside_after", s.PositivesInsideAfter), new("positives_outside_after", s.PositivesOutsideAfter),
                new("share_of_drop_accounted", leadAccounted), new("share_recovered_by_rescoring", lead.RecoveredShare),
            ]));
        }

        var (maxWindowPsi, flaggedWindows, windows) = investigation.WindowDrift(lead.Feature);
        if (windows > 0)
        {
            evidence.Add(new Evidence(RootCauseCategory.DataDrift,
                $"The drift table flags {Code(lead.Feature)} in {flaggedWindows} of {windows} windows from {Date(investigation.Days.Date(investigation.Split))} (largest window PSI {Fixed(maxWindowPsi, 2)}).",
                lead.Feature, [new("drifted_windows", flaggedWindows), new("windows", windows), new("max_window_psi", maxWindowPsi)]));
        }

        var implausible = investigation.Anomalies[lead.Feature]?.Strength ?? 0;
        string whyNot;
        if (investigation.Degradation == 0)
        {
            whyNot = largest.Psi >= 0.1
                ? $"Inputs moved ({Code(largest.Feature)}: PSI {Fixed(largest.Psi, 2)}) but recall did not drop materially on mature windows: the drift is benign."
                : "Inputs barely moved and recall did not drop materially.";
        }
        else if (implausible >= 0.5)
        {
            whyNot = $"{Code(lead.Feature)} moved to values the training data lacks, in a step: a pipeline fault rather than a change in who uses the model.";
        }
        else if (lead.Psi < 0.1)
        {
            whyNot = $"The inputs barely moved across the drop (largest PSI {Fixed(largest.Psi, 2)} on {Code(largest.Feature)}).";
        }
        else
        {
            whyNot = $"{Code(lead.Feature)} moved (PSI {Fixed(lead.Psi, 2)}) but the moved population accounts for only {Percent(leadAccounted)} of the drop.";
        }

        return new CategoryCase(RootCauseCategory.DataDrift, score, features, start, summary, whyNot, evidence);
    }

    /// <summary>
    /// The share of the drop a feature accounts for: the larger of what its moved population's segment recall explains
    /// and what counterfactual re-scoring at reference values recovers. Either localises the drop; re-scoring alone
    /// cannot see a segment the model never learned (a new market scores like a known one), and segment recall alone
    /// cannot see a harm spread over every bin.
    /// </summary>
    private static double Accounted(FeatureShift shift) =>
        Math.Max(CaseText.Clamp01(shift.Explained), CaseText.Clamp01(shift.RecoveredShare));

    /// <summary>The grown bins in words; unseen categories by their most common names.</summary>
    private static string RegionName(Investigation investigation, FeatureShift shift)
    {
        var names = new List<string>();
        foreach (var label in shift.Region.Take(3))
        {
            var profile = investigation.Profiles.First(p => p.Name == shift.Feature);
            if (profile.UnseenBin >= 0 && label == profile.BinLabels[profile.UnseenBin]
                && investigation.Columns[shift.Feature] is CategoricalColumn categorical)
            {
                var change = shift.Change.Found ? shift.Change : RampStepFit.None with { Start = investigation.Split };
                var unseen = FeatureAnomalies.Unseen(profile, categorical, investigation.Days, change);
                names.Add("the new value" + (unseen.Values.Count > 1 ? "s " : " ") + string.Join(", ", unseen.Values.Take(3).Select(v => $"\"{v.Name}\"")));
            }
            else
            {
                names.Add(profile.IsNumeric ? label : $"\"{label}\"");
            }
        }

        return string.Join(" and ", names) + (shift.Region.Count > 3 ? $" (and {shift.Region.Count - 3} more bins)" : "");
    }
}
