namespace DriftBoard.Core.Postmortems;

/// <summary>A placeholder the draft fills, and what it holds (the template contract; docs/postmortems.md lists the same).</summary>
public sealed record PostmortemPlaceholder(string Name, string Meaning, bool Block);

/// <summary>
/// Every placeholder <see cref="PostmortemDraft"/> fills. Inline ones are one line without <c>|</c> (safe in a table cell);
/// block ones (<see cref="PostmortemPlaceholder.Block"/>) are whole paragraphs, lists or tables and belong on a line of their own.
/// </summary>
public static class PostmortemPlaceholders
{
    public static readonly IReadOnlyList<PostmortemPlaceholder> All =
    [
        new("title", "The postmortem's title.", false),
        new("dataset", "The dataset's name (or id).", false),
        new("model", "The model's name.", false),
        new("model_version", "The model's version.", false),
        new("as_of", "The analysis' as-of day: what was known then; the diagnosis day.", false),
        new("window", "The analysis windows (day, week, month) and the drift reference.", false),
        new("summary", "A paragraph: what dropped, by how much, since when, why, and when it became visible.", true),
        new("recall_before", "Pooled recall of the mature windows before the drop, with its 95% interval.", false),
        new("recall_after", "Pooled recall of the mature windows from the drop on, with its 95% interval.", false),
        new("recall_drop", "The drop in percentage points.", false),
        new("positives_missed", "Positives (fraud) missed because of the drop: known positives after the drop × recall before − those caught.", false),
        new("money_lost", "Positives missed × the model card's metrics_at_launch.loss_per_positive, or why it is not available.", false),
        new("fault_start", "The day the fault started (the root cause's start, else the recall drop's).", false),
        new("drop_visible", "The day the drop became visible in realised recall on matured labels.", false),
        new("days_to_visible", "Days from the fault's start to the drop being visible in labels.", false),
        new("days_to_diagnosis", "Days from the fault's start to the diagnosis (as-of).", false),
        new("timeline_table", "A table of dated events: first prediction, fault start, each monitor's would-have-fired day, drop visible, diagnosis.", true),
        new("figure_recall", "Image: realised and estimated recall over time with the fault start and the visible drop marked.", true),
        new("figure_drift", "Image: the largest PSI per feature.", true),
        new("figure_monitors", "Image: each monitor's lead in days over the labels.", true),
        new("root_cause_category", "The root-cause category (Data drift, Schema change, Concept drift, Label shift, No real degradation).", false),
        new("root_cause_confidence", "The verdict's confidence.", false),
        new("root_cause_features", "The features to blame, most responsible first.", false),
        new("root_cause_summary", "The verdict in one paragraph.", true),
        new("root_cause_evidence", "The evidence as a bullet list with the numbers behind each claim.", true),
        new("root_cause_alternatives", "The other explanations considered and why they lost, as a bullet list.", true),
        new("detection_summary", "What would have caught this earlier, in one paragraph.", true),
        new("monitor_table", "A table: monitor, the day it would have fired, lead in days over the visible drop, false alarms.", true),
        new("recommended_monitors", "The monitors to run from now on.", false),
        new("fix_short_term", "The short-term fix with its expected recall (95% interval), precision and alert volume change.", true),
        new("fix_structural", "The structural fix, the same way.", true),
        new("fixes_table", "All proposed fixes as a table.", true),
        new("action_rows", "Rows for the Action | Owner | Due | Status table: the short-term and the structural fix and each recommended monitor, owner and due TBD, status Open.", true),
        new("evidence_appendix", "The full analysis report (recall per window, evidence, fixes, monitors, drift), headings nested under the appendix.", true),
    ];
}
