namespace DriftBoard.Core.Analysis.RootCauses;

/// <summary>How one feature's inputs moved across a change day, and where recall was lost.</summary>
/// <param name="Psi">PSI of all rows after the change against before it, less its no-change expectation.</param>
/// <param name="PsiPositives">The same among known positives of mature days.</param>
/// <param name="PsiNonPositives">The same among the other rows of mature days (almost all negatives).</param>
/// <param name="Region">Labels of the bins whose share grew the most (the moved population).</param>
/// <param name="RegionShareBefore">Share of rows in those bins before the change.</param>
/// <param name="RegionShareAfter">Share of rows in those bins after it.</param>
/// <param name="Segment">Recall inside and outside the region, before and after; null when no bin grew.</param>
/// <param name="Explained">The share of the recall drop the region accounts for (NaN when it cannot be read).</param>
/// <param name="RecoveredShare">The share of the drop that re-scoring with reference values recovered (NaN without attribution).</param>
/// <param name="Change">The fitted change of the feature's daily PSI against the reference.</param>
internal sealed record FeatureShift(
    string Feature,
    double Psi,
    double PsiPositives,
    double PsiNonPositives,
    IReadOnlyList<string> Region,
    double RegionShareBefore,
    double RegionShareAfter,
    SegmentRecall? Segment,
    double Explained,
    double RecoveredShare,
    RampStepFit Change);

/// <summary>The positive rate across its own change day, against what the scores expect.</summary>
/// <param name="Change">The fitted change of the mature daily positive rate.</param>
/// <param name="RateBefore">Known positives per row on mature days before the change.</param>
/// <param name="RateAfter">The same from the change to the last mature day.</param>
/// <param name="ExpectedAfter">The rate the after-period's scores imply under the before-period's score→rate map.</param>
/// <param name="Z">Two-proportion z statistic of RateAfter against RateBefore.</param>
/// <param name="AlertRateBefore">Share of rows flagged before.</param>
/// <param name="AlertRateAfter">Share of rows flagged after.</param>
/// <param name="RecallBefore">Recall of known positives before.</param>
/// <param name="RecallAfter">Recall of known positives after (mature days only).</param>
/// <param name="MaxPsiPositives">Largest excess PSI among positives across features.</param>
/// <param name="MaxPsiNonPositives">Largest excess PSI among non-positives across features.</param>
internal sealed record PositiveRateShift(
    RampStepFit Change,
    double RateBefore,
    double RateAfter,
    double ExpectedAfter,
    double Z,
    double AlertRateBefore,
    double AlertRateAfter,
    double RecallBefore,
    double RecallAfter,
    double MaxPsiPositives,
    string? MaxPsiPositivesFeature,
    double MaxPsiNonPositives,
    string? MaxPsiNonPositivesFeature)
{
    public double Ratio => RateAfter / RateBefore;

    /// <summary>Observed over score-expected positive rate after the change: above 1 when more positives arrive than the inputs explain.</summary>
    public double UnexplainedRatio => RateAfter / ExpectedAfter;
}

/// <summary>What the scores and precision of positives did across the drop.</summary>
/// <param name="Change">The fitted change of the positives' daily mean score logit (mature days).</param>
/// <param name="Onset">The earliest start day consistent with that change (see <see cref="RampStep.EarliestConsistentStart"/>).</param>
internal sealed record ScoreShift(
    double PositiveLogitBefore,
    double PositiveLogitAfter,
    double PositiveLogitSd,
    double AllLogitBefore,
    double AllLogitAfter,
    double FlaggedPositiveRateBefore,
    double FlaggedPositiveRateAfter,
    RampStepFit Change,
    int Onset)
{
    /// <summary>Fall of the positives' mean logit in before-period standard deviations.</summary>
    public double PositiveFall => (PositiveLogitBefore - PositiveLogitAfter) / PositiveLogitSd;
}
