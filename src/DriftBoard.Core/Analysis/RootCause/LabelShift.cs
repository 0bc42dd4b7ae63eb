using DriftBoard.Core.Analysis.Report;
using static DriftBoard.Core.Analysis.RootCauses.RootCauseText;

namespace DriftBoard.Core.Analysis.RootCauses;

/// <summary>
/// label_shift: the positive rate on mature days moves beyond what the scores explain while recall holds and the
/// features of positives and of negatives keep their distributions (P(x | y) holds). Score = size of the unexplained
/// rate change (×1.1 → 0, ×1.5 → 1) × significance (|z| 2 → 0, 4 → 1) × P(x | y) steadiness × (1 − degradation).
/// Immature days are left out, so the late weeks' missing labels never read as a falling positive rate.
/// </summary>
internal static class LabelShift
{
    public static CategoryCase Weigh(Investigation investigation)
    {
        if (investigation.PositiveRate is not { } rate || double.IsNaN(rate.RateBefore) || rate.RateBefore == 0)
        {
            return new CategoryCase(RootCauseCategory.LabelShift, 0, [], null, "", "The positive rate could not be read on mature days.", []);
        }

        var unexplained = double.IsNaN(rate.UnexplainedRatio) || rate.UnexplainedRatio <= 0 ? rate.Ratio : rate.UnexplainedRatio;
        var size = CaseText.Clamp01((Math.Abs(Math.Log(unexplained)) - Math.Log(1.1)) / (Math.Log(1.5) - Math.Log(1.1)));
        var significance = CaseText.Clamp01((Math.Abs(rate.Z) - 2) / 2);
        var holds = CaseText.Clamp01(1 - ((rate.MaxPsiNonPositives - 0.02) / 0.08)) * CaseText.Clamp01(1 - ((rate.MaxPsiPositives - 0.05) / 0.2));
        var score = size * significance * holds * (1 - investigation.Degradation);
        // The ramp's midpoint: with a few positives a day the fit trades an earlier start for a longer ramp, while the
        // day by which the change was half done is pinned down well.
        var start = investigation.Days.Date(rate.Change.Start + (rate.Change.RampDays / 2));
        var summary = $"From about {Date(start)} the positive rate moved from {Percent(rate.RateBefore)} to {Percent(rate.RateAfter)} of rows (×{Fixed(rate.Ratio, 2)}, where the scores imply {Percent(rate.ExpectedAfter)}) while recall held ({Percent(rate.RecallBefore)} → {Percent(rate.RecallAfter)}). " +
            $"The features of positives and of negatives kept their distributions (largest PSI {Fixed(Math.Max(rate.MaxPsiPositives, rate.MaxPsiNonPositives), 2)}), so the class balance changed, not the inputs; the alert rate went from {Percent(rate.AlertRateBefore)} to {Percent(rate.AlertRateAfter)}.";
        var evidence = new List<Evidence>
        {
            new(RootCauseCategory.LabelShift, $"Positive rate on mature days {Percent(rate.RateBefore)} before {Date(start)} and {Percent(rate.RateAfter)} after (z = {Fixed(rate.Z, 1)}); the scores imply {Percent(rate.ExpectedAfter)}.", null,
            [
                new("positive_rate_before", rate.RateBefore), new("positive_rate_after", rate.RateAfter), new("expected_rate_after", rate.ExpectedAfter),
                new("z", rate.Z), new("alert_rate_before", rate.AlertRateBefore), new("alert_rate_after", rate.AlertRateAfter),
            ]),
            new(RootCauseCategory.LabelShift, $"Class-conditional drift: largest PSI among positives {Fixed(rate.MaxPsiPositives, 3)}, among negatives {Fixed(rate.MaxPsiNonPositives, 3)}.", null,
                [new("max_psi_positives", rate.MaxPsiPositives), new("max_psi_negatives", rate.MaxPsiNonPositives), new("recall_before", rate.RecallBefore), new("recall_after", rate.RecallAfter)]),
        };
        string whyNot;
        if (investigation.Degradation > 0.5)
        {
            whyNot = "Recall dropped; label shift leaves recall steady.";
        }
        else if (size * significance < 0.3)
        {
            whyNot = $"The positive rate on mature days held ({Percent(rate.RateBefore)} → {Percent(rate.RateAfter)}, scores imply {Percent(rate.ExpectedAfter)}).";
        }
        else if (holds < 0.5)
        {
            var feature = rate.MaxPsiNonPositives >= rate.MaxPsiPositives ? rate.MaxPsiNonPositivesFeature : rate.MaxPsiPositivesFeature;
            whyNot = $"The positive rate moved ({Percent(rate.RateBefore)} → {Percent(rate.RateAfter)}) but so did the inputs within a class ({(feature is null ? "" : Code(feature) + ": ")}PSI {Fixed(Math.Max(rate.MaxPsiPositives, rate.MaxPsiNonPositives), 2)}): the mix of inputs changed, not just the class balance.";
        }
        else
        {
            whyNot = "Other evidence is stronger.";
        }

        return new CategoryCase(RootCauseCategory.LabelShift, score, [], start, summary, whyNot, evidence);
    }
}
