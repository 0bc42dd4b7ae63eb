using DriftBoard.Core.Analysis.Report;
using static DriftBoard.Core.Analysis.RootCauses.RootCauseText;

namespace DriftBoard.Core.Analysis.RootCauses;

/// <summary>
/// concept_drift: recall falls while the inputs barely move. Score = degradation × input steadiness (largest PSI from
/// <see cref="RootCauseSettings.SteadyPsi"/> to <see cref="RootCauseSettings.FullShiftPsi"/>) × (1 − the aligned
/// pipeline-anomaly score) × (¼ + ¾ support), where support averages the positives' score fall, the fall of precision,
/// and how far the positives' own feature distributions moved beyond the inputs as a whole.
/// </summary>
internal static class ConceptDrift
{
    public static CategoryCase Weigh(Investigation investigation)
    {
        var settings = investigation.Settings;
        var largest = investigation.Shifts.Values.OrderByDescending(s => double.IsNaN(s.Psi) ? -1 : s.Psi).FirstOrDefault();
        var maxPsi = largest is null || double.IsNaN(largest.Psi) ? 0 : largest.Psi;
        var steady = CaseText.Clamp01(1 - ((maxPsi - settings.SteadyPsi) / (settings.FullShiftPsi - settings.SteadyPsi)));
        var schema = SchemaChange.Ranked(investigation).Select(r => r.Score).DefaultIfEmpty(0).Max();

        // Features whose positives moved far more than their inputs: where the relationship changed.
        var conditional = investigation.Shifts.Values
            .Where(s => !double.IsNaN(s.PsiPositives))
            .Select(s => (Shift: s, Signal: CaseText.Clamp01(s.PsiPositives / 0.25) * CaseText.Clamp01(((s.PsiPositives / (s.Psi + 0.01)) - 2) / 8)))
            .OrderByDescending(c => c.Signal)
            .ToList();
        var conditionalSignal = conditional.Count > 0 ? conditional[0].Signal : 0;
        var scores = investigation.Scores;
        var scoreFall = scores is null ? 0 : CaseText.Clamp01(scores.PositiveFall / 0.5);
        var precisionFall = scores is null ? 0 : CaseText.Clamp01((1 - (scores.FlaggedPositiveRateAfter / scores.FlaggedPositiveRateBefore)) / 0.3);
        var support = (conditionalSignal + scoreFall + precisionFall) / 3;
        var score = investigation.Degradation * steady * (1 - schema) * (0.25 + (0.75 * support));

        var features = conditional.Where(c => c.Signal >= 0.3).Take(3).Select(c => c.Shift.Feature).ToList();
        var dropStart = investigation.Drop.StartDate;
        DateOnly? start = dropStart;
        var window = investigation.WindowDays;
        if (scores is { Change.Found: true } && scores.Change.Jump < 0 && dropStart is { } ds
            && Math.Abs(scores.Change.Start - investigation.Days.IndexOf(ds)) <= 3 * window)
        {
            // The onset the noise cannot rule out, unless it reaches implausibly far before the drop.
            var onset = scores.Onset >= investigation.Days.IndexOf(ds) - (3 * window) ? scores.Onset : scores.Change.Start;
            start = investigation.Days.Date(onset);
        }

        var steadySentence = largest is null
            ? "no feature could be compared"
            : $"the inputs barely moved (largest PSI {Fixed(maxPsi, 2)}, on {Code(largest.Feature)})";
        var scoreSentence = scores is null
            ? ""
            : $" From about {(start is { } s ? Date(s) : "then")}, the positives' scores fell (mean logit {Fixed(scores.PositiveLogitBefore, 2)} → {Fixed(scores.PositiveLogitAfter, 2)}) and precision went from {Percent(scores.FlaggedPositiveRateBefore)} to {Percent(scores.FlaggedPositiveRateAfter)}";
        var conditionalSentence = features.Count > 0
            ? $"; among positives, {Code(conditional[0].Shift.Feature)} moved far more (PSI {Fixed(conditional[0].Shift.PsiPositives, 2)}) than among all rows ({Fixed(conditional[0].Shift.Psi, 2)}): what a positive looks like has changed."
            : scoreSentence.Length > 0 ? ": the same inputs now mean something else." : "";
        var summary = $"{CaseText.DropSentence(investigation)} while {steadySentence}.{scoreSentence}{conditionalSentence}";
        var evidence = new List<Evidence>
        {
            new(RootCauseCategory.ConceptDrift, $"Across the drop {steadySentence}.", largest?.Feature, [new("max_psi", maxPsi), new("input_steadiness", steady)]),
        };
        if (scores is not null)
        {
            evidence.Add(new Evidence(RootCauseCategory.ConceptDrift, $"Positives' mean score logit went from {Fixed(scores.PositiveLogitBefore, 2)} to {Fixed(scores.PositiveLogitAfter, 2)}; all rows' from {Fixed(scores.AllLogitBefore, 2)} to {Fixed(scores.AllLogitAfter, 2)}.", null,
            [
                new("positive_logit_before", scores.PositiveLogitBefore), new("positive_logit_after", scores.PositiveLogitAfter),
                new("all_logit_before", scores.AllLogitBefore), new("all_logit_after", scores.AllLogitAfter),
                new("precision_before", scores.FlaggedPositiveRateBefore), new("precision_after", scores.FlaggedPositiveRateAfter),
            ]));
        }

        if (conditional.Count > 0)
        {
            var top = conditional[0].Shift;
            evidence.Add(new Evidence(RootCauseCategory.ConceptDrift, $"Among positives {Code(top.Feature)} shifted with PSI {Fixed(top.PsiPositives, 2)} against {Fixed(top.Psi, 2)} among all rows.", top.Feature,
                [new("psi_positives", top.PsiPositives), new("psi_all", top.Psi), new("psi_non_positives", top.PsiNonPositives)]));
        }

        string whyNot;
        if (investigation.Degradation == 0)
        {
            whyNot = "Recall did not drop materially on mature windows.";
        }
        else if (schema >= 0.5)
        {
            whyNot = "A feature stepped to values the training data lacks when recall fell: the inputs broke, not the relationship.";
        }
        else if (steady < 0.5)
        {
            whyNot = $"The inputs moved across the drop (PSI {Fixed(maxPsi, 2)} on {Code(largest!.Feature)}), so the drop is not a change in the relationship alone.";
        }
        else
        {
            whyNot = "The positives' scores and feature distributions held up, so a changed relationship is not evident.";
        }

        return new CategoryCase(RootCauseCategory.ConceptDrift, score, features, start, summary, whyNot, evidence);
    }
}
