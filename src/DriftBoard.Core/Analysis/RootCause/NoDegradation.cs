using DriftBoard.Core.Analysis.Report;
using static DriftBoard.Core.Analysis.RootCauses.RootCauseText;

namespace DriftBoard.Core.Analysis.RootCauses;

/// <summary>none: no material, significant recall drop on mature windows and no label shift. Score = (1 − degradation) × (1 − label-shift score).</summary>
internal static class NoDegradation
{
    public static CategoryCase Weigh(Investigation investigation, double labelShiftScore)
    {
        var score = (1 - investigation.Degradation) * (1 - labelShiftScore);
        var readable = investigation.Inputs.Timeline.Where(w => w.Readable).ToList();
        var positives = readable.Sum(w => w.Positives);
        var recall = positives == 0 ? double.NaN : (double)readable.Sum(w => w.TruePositives) / positives;
        var drop = investigation.Drop;
        var recallSentence = drop.StartDate is { } start && drop.Drop > 0
            ? $"Recall shows no material, significant drop on mature windows ({Percent(drop.Baseline)} before {Date(start)}, {Percent(drop.Current)} after, p = {Fixed(drop.Significance, 3)})."
            : $"Recall held on mature windows ({Percent(recall)} over {readable.Count} readable windows).";
        var largest = investigation.Shifts.Values.OrderByDescending(s => double.IsNaN(s.Psi) ? -1 : s.Psi).FirstOrDefault();
        var driftSentence = "";
        if (largest is { Psi: >= 0.05 })
        {
            var changeStart = largest.Change.Found ? investigation.Days.Date(largest.Change.Start) : investigation.Days.Date(investigation.Split);
            driftSentence = $" Inputs did move ({Code(largest.Feature)}: PSI {Fixed(largest.Psi, 2)} from about {Date(changeStart)}), but recall held, so that drift is benign.";
        }

        var anomaly = SchemaChange.Ranked(investigation).FirstOrDefault();
        if (anomaly.Anomaly is { Strength: >= 0.5 } step)
        {
            driftSentence += $" {Code(step.Feature)} stepped on {Date(investigation.Days.Date(step.Fit.Start))} to values the training data lacks without costing recall; check that pipeline anyway.";
        }

        var provisional = CaseText.ProvisionalNote(investigation);
        var summary = recallSentence + driftSentence + (provisional is null ? "" : " " + provisional);
        var evidence = new List<Evidence>
        {
            new(RootCauseCategory.None, drop.Detected ? CaseText.DropSentence(investigation) + "." : recallSentence, null,
                [.. CaseText.DropValues(investigation), new("recall_readable_windows", recall), new("readable_windows", readable.Count)]),
        };
        if (largest is not null)
        {
            var (maxWindowPsi, flaggedWindows, windows) = investigation.WindowDrift(largest.Feature);
            evidence.Add(new Evidence(RootCauseCategory.None,
                $"Largest input shift: {Code(largest.Feature)} with PSI {Fixed(largest.Psi, 3)}" +
                (windows > 0 ? $"; the drift table flags it in {flaggedWindows} of {windows} windows (largest window PSI {Fixed(maxWindowPsi, 2)})." : "."),
                largest.Feature,
                [new("psi", largest.Psi), new("drifted_windows", flaggedWindows), new("windows", windows), new("max_window_psi", maxWindowPsi)]));
        }

        var whyNot = drop.Detected
            ? $"{CaseText.DropSentence(investigation)}, a material and significant drop (p = {Fixed(drop.Significance, 3)})."
            : investigation.Degradation > 0 && labelShiftScore < 0.3
                ? $"{CaseText.DropSentence(investigation)}; the drop is material but only suggestive (p = {Fixed(drop.Significance, 3)})."
                : "The positive rate moved beyond what the scores explain while the inputs within each class held: that is label shift.";
        return new CategoryCase(RootCauseCategory.None, score, [], null, summary, whyNot, evidence);
    }
}
