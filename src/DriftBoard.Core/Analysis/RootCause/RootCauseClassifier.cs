using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Domain;
using static DriftBoard.Core.Analysis.RootCauses.RootCauseText;

namespace DriftBoard.Core.Analysis.RootCauses;

/// <summary>
/// Names why the model degraded, the way an experienced ML engineer reads the evidence. Each category is scored in
/// [0, 1] from its own evidence and the best one wins; the confidence grows with its score and with its margin over the
/// runner-up.
/// <list type="bullet">
/// <item><b>schema_change</b>: a feature steps, on one day, to values the reference never holds (a scale jump, one
/// default value filling a failed join, unseen or respelled categories, a burst of nulls), the change stays, and recall
/// falls in the same window.</item>
/// <item><b>data_drift</b>: the input mix moves to plausible values and recall is lost where the moved population sits
/// (recall inside against outside the bins that grew; counterfactual re-scoring when attribution is given).</item>
/// <item><b>concept_drift</b>: recall falls while the inputs barely move; the positives' scores fall, precision falls, and
/// the positives' own feature distributions move far more than the inputs as a whole.</item>
/// <item><b>label_shift</b>: the positive rate moves beyond what the scores explain while recall holds and the features of
/// positives and of negatives keep their distributions.</item>
/// <item><b>none</b>: no material, significant recall drop on mature windows (benign drift is named in the summary).</item>
/// </list>
/// Only mature windows and days are read for anything that needs labels, so late labels never read as a drop or as a
/// falling positive rate. Nothing depends on feature names, dates or volumes.
/// </summary>
public static class RootCauseClassifier
{
    public static RootCause Classify(RootCauseInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var investigation = new Investigation(inputs);
        var labelShift = LabelShift.Weigh(investigation);
        var candidates = new[]
        {
            SchemaChange.Weigh(investigation),
            DataDrift.Weigh(investigation),
            ConceptDrift.Weigh(investigation),
            labelShift,
            NoDegradation.Weigh(investigation, labelShift.Score),
        };

        // Stable order: by score, then by the category list's order.
        var ranked = candidates
            .Select((candidate, index) => (candidate, index))
            .OrderByDescending(c => c.candidate.Score)
            .ThenBy(c => c.index)
            .Select(c => c.candidate)
            .ToArray();
        var best = ranked[0];
        var second = ranked.Length > 1 ? ranked[1].Score : 0;
        var confidence = Math.Clamp((0.5 * best.Score) + (0.5 * (best.Score - second)), 0, 1);

        // Every category except a pure input fault rests on recall over mature windows: with few of them the verdict is a
        // guess however clear the scores look, so confidence shrinks with the readable windows and the summary says why.
        var readable = inputs.Timeline.Count(w => w.Readable);
        var summary = best.Summary;
        if (readable < inputs.Settings.MinReadableWindows)
        {
            confidence *= (double)readable / inputs.Settings.MinReadableWindows;
            summary = $"Only {readable} window(s) have enough mature labels to judge recall (at least {inputs.Settings.MinReadableWindows} wanted), so this verdict is tentative. " + summary;
        }

        var evidence = new List<Evidence>();
        foreach (var candidate in ranked)
        {
            evidence.AddRange(candidate.Evidence);
        }

        return new RootCause(
            best.Category,
            best.Features,
            best.StartDate,
            Math.Round(confidence, 3),
            summary,
            evidence,
            [.. ranked.Skip(1).Select(c => new AlternativeCause(c.Category, Math.Round(c.Score, 3), c.WhyNot))]);
    }
}

/// <summary>One category's case: its score, the features it blames, when it started, and its sentences.</summary>
internal sealed record CategoryCase(
    string Category,
    double Score,
    IReadOnlyList<string> Features,
    DateOnly? StartDate,
    string Summary,
    string WhyNot,
    IReadOnlyList<Evidence> Evidence);

/// <summary>Sentences every case shares.</summary>
internal static class CaseText
{
    public static string DropSentence(Investigation investigation)
    {
        var drop = investigation.Drop;
        return drop.StartDate is { } start
            ? $"Recall fell from {Percent(drop.Baseline)} to {Percent(drop.Current)} ({Points(drop.Drop)}) in the mature windows from {Date(start)}"
            : "Recall shows no downward change point in the mature windows";
    }

    public static NamedValue[] DropValues(Investigation investigation) =>
    [
        new("recall_before", investigation.Drop.Baseline),
        new("recall_after", investigation.Drop.Current),
        new("recall_drop", investigation.Drop.Drop),
        new("p_value", investigation.Drop.Significance),
    ];

    /// <summary>The provisional tail, which is never read as a drop.</summary>
    public static string? ProvisionalNote(Investigation investigation)
    {
        var provisional = investigation.Inputs.Timeline.Count(w => w.Provisional);
        if (provisional == 0)
        {
            return null;
        }

        var first = investigation.Inputs.Timeline.First(w => w.Provisional).Start;
        return $"The {provisional} window(s) from {Date(first)} are still provisional (labels arrive late) and are not read as a drop.";
    }

    public static double Clamp01(double value) => double.IsNaN(value) ? 0 : Math.Clamp(value, 0, 1);

    /// <summary>What the sentences call the reference of <paramref name="profile"/> (or of every feature).</summary>
    public static string ReferenceName(Investigation investigation, FeatureProfile? profile = null) =>
        profile is { ReferenceFromProduction: true }
            ? $"the first {investigation.Settings.FallbackReferenceDays} days of production"
            : investigation.Settings.ReferenceName;
}
