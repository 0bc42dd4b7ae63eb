using System.Globalization;
using System.Text;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Statistics.Classification;

namespace DriftBoard.Core.Postmortems;

/// <summary>The figures a drafted postmortem references, by file name (<c>/postmortems/{id}/figures/{name}</c>).</summary>
public static class PostmortemFigureNames
{
    public const string Recall = "recall.svg";
    public const string Drift = "drift.svg";
    public const string Monitors = "monitors.svg";

    public static readonly IReadOnlyList<string> All = [Recall, Drift, Monitors];
}

/// <summary>What the draft needs besides the report.</summary>
/// <param name="Title">The postmortem's title.</param>
/// <param name="Dataset">The dataset as listed (its name and model card); null uses the report's dataset section only.</param>
/// <param name="FigurePath">Figure file name → the path the Markdown links; null when no figures are stored (the CLI's draft).</param>
public sealed record PostmortemDraftOptions(string Title, DatasetInfo? Dataset = null, Func<string, string>? FigurePath = null);

/// <summary>
/// Writes a postmortem draft from an analysis report: the values of every placeholder in <see cref="PostmortemPlaceholders"/>,
/// formatted as the report's Markdown writes them. Every number is the report's own, or a sum of the report's per-window
/// counts (pooled recall and the positives missed); nothing is estimated anew. A part the report cannot support (no
/// matured labels, no drop, no fix, no amount per positive) is filled with a sentence that says it is not available and why,
/// never with a made-up number.
/// </summary>
public static class PostmortemDraft
{
    /// <summary>The optional model-card metric (<c>metrics_at_launch</c>) with the money lost per missed positive.</summary>
    public const string LossPerPositiveMetric = "loss_per_positive";

    /// <summary>What every unknown value starts with, so authors and tests can find them.</summary>
    public const string NotAvailable = "Not available";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// The title a draft starts with: the dataset, the verdict and the drop, e.g.
    /// <c>Card fraud: data drift in amount, recall −23.1 pp from 2026-06-24</c>.
    /// </summary>
    public static string DefaultTitle(AnalysisReport report, string datasetName)
    {
        var cause = report.RootCause;
        var title = new StringBuilder(datasetName).Append(": ").Append(ReportMarkdown.CategoryTitle(cause.Category).ToLowerInvariant());
        if (cause.Features.Count > 0) title.Append(" in ").Append(string.Join(", ", cause.Features.Take(2)));
        if (report.RecallDrop is { Detected: true, StartDate: { } start } drop)
            title.Append(Invariant, $", recall {Points(drop.Drop)} from {Date(start)}");
        return title.ToString();
    }

    public static TemplateFill Write(PostmortemTemplate template, AnalysisReport report, PostmortemDraftOptions options) =>
        template.Fill(Values(report, options));

    public static IReadOnlyDictionary<string, string> Values(AnalysisReport report, PostmortemDraftOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        var d = report.Dataset;
        var cause = report.RootCause;
        var impact = RecallImpact.From(report);
        var asOf = DateOnly.FromDateTime(d.AsOf.UtcDateTime);
        var faultStart = cause.StartDate ?? (report.RecallDrop.Detected ? report.RecallDrop.StartDate : null);
        var visible = report.Detection.DropVisible;

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["title"] = Cell(options.Title),
            ["dataset"] = Cell(options.Dataset?.Name ?? d.Id),
            ["model"] = Cell(d.Model),
            ["model_version"] = Cell(d.Version),
            ["as_of"] = Date(asOf),
            ["window"] = Cell($"{d.Window} windows, reference: {d.Reference}"),
            ["summary"] = Summary(report, impact, faultStart, visible, asOf),
            ["recall_before"] = impact.Before is { } before ? WithInterval(before) : impact.Unavailable,
            ["recall_after"] = impact.After is { } after ? WithInterval(after) : impact.Unavailable,
            ["recall_drop"] = report.RecallDrop.Detected ? Points(report.RecallDrop.Drop) : impact.Unavailable,
            ["positives_missed"] = PositivesMissed(impact),
            ["money_lost"] = MoneyLost(impact, options.Dataset?.Card),
            ["fault_start"] = faultStart is { } f ? Date(f) : $"{NotAvailable}: the analysis found no fault to date",
            ["drop_visible"] = visible is { } v ? Date(v) : $"{NotAvailable}: the drop has not become visible in matured labels as of {Date(asOf)}",
            ["days_to_visible"] = faultStart is { } f1 && visible is { } v1 ? Days(v1.DayNumber - f1.DayNumber) : $"{NotAvailable}: needs both the fault start and the visible drop",
            ["days_to_diagnosis"] = faultStart is { } f2 ? Days(asOf.DayNumber - f2.DayNumber) : $"{NotAvailable}: the analysis found no fault to date",
            ["timeline_table"] = TimelineTable(report, faultStart, visible, asOf),
            ["figure_recall"] = Figure(options, "Recall over time", PostmortemFigureNames.Recall),
            ["figure_drift"] = Figure(options, "Largest drift per feature", PostmortemFigureNames.Drift),
            ["figure_monitors"] = Figure(options, "Monitor lead over the labels", PostmortemFigureNames.Monitors),
            ["root_cause_category"] = ReportMarkdown.CategoryTitle(cause.Category),
            ["root_cause_confidence"] = ReportMarkdown.Percent(cause.Confidence),
            ["root_cause_features"] = cause.Features.Count > 0 ? Cell(string.Join(", ", cause.Features.Select(MarkdownText.Code))) : "none named",
            ["root_cause_summary"] = cause.Summary,
            ["root_cause_evidence"] = Bullets(cause.Evidence.Select(EvidenceLine), "No evidence was recorded."),
            ["root_cause_alternatives"] = Bullets(
                cause.Alternatives.Select(a => $"{ReportMarkdown.CategoryTitle(a.Category)} (score {ReportMarkdown.Number(a.Score)}): {a.WhyNot}"),
                "No other explanation was scored."),
            ["detection_summary"] = report.Detection.Summary,
            ["monitor_table"] = MonitorTable(report.Monitors),
            ["recommended_monitors"] = report.Detection.RecommendedMonitors.Count > 0
                ? Cell(string.Join(", ", report.Detection.RecommendedMonitors))
                : "none: no replayed monitor fired before the labels without false alarms",
            ["fix_short_term"] = FixText(report.Fixes, FixKind.ShortTerm, "short-term"),
            ["fix_structural"] = FixText(report.Fixes, FixKind.Structural, "structural"),
            ["fixes_table"] = FixesTable(report.Fixes),
            ["action_rows"] = ActionRows(report),
            ["evidence_appendix"] = Nest(ReportMarkdown.Render(report), levels: 2),
        };
        return values;
    }

    private static string Summary(AnalysisReport report, RecallImpact impact, DateOnly? faultStart, DateOnly? visible, DateOnly asOf)
    {
        var d = report.Dataset;
        var drop = report.RecallDrop;
        var cause = report.RootCause;
        var text = new StringBuilder();
        if (drop.Detected)
        {
            text.Append(Invariant, $"Recall of {d.Model} {d.Version} fell from {ReportMarkdown.Percent(drop.Baseline)} to {ReportMarkdown.Percent(drop.Current)} ({Points(drop.Drop)}) from {Date(drop.StartDate)}. ");
        }
        else
        {
            text.Append(Invariant, $"{NotAvailable}: no significant recall drop of {d.Model} {d.Version} on matured labels as of {Date(asOf)} ({drop.WindowsTested} mature windows tested). ");
        }

        text.Append(Invariant, $"Most likely cause: {ReportMarkdown.CategoryTitle(cause.Category).ToLowerInvariant()}");
        if (cause.Features.Count > 0) text.Append(Invariant, $" in {string.Join(", ", cause.Features.Select(MarkdownText.Code))}");
        text.Append(Invariant, $" (confidence {ReportMarkdown.Percent(cause.Confidence)})");
        if (faultStart is { } start) text.Append(Invariant, $", starting {Date(start)}");
        text.Append(". ");
        if (impact.Missed is { } missed) text.Append(Invariant, $"About {missed:N0} positives were missed on matured labels alone. ");
        if (faultStart is { } f && visible is { } v)
            text.Append(Invariant, $"The drop became visible in matured labels on {Date(v)}, {Days(v.DayNumber - f.DayNumber)} after the fault started, and was diagnosed on {Date(asOf)}. ");
        text.Append(report.Detection.Summary);
        return text.ToString().TrimEnd();
    }

    private static string PositivesMissed(RecallImpact impact) => impact.Missed is { } missed
        ? string.Create(Invariant, $"{missed:N0} (of {impact.PositivesAfter:N0} known positives since the drop, {impact.CaughtAfter:N0} were caught; at the recall before, {impact.ExpectedCaught:N0} would have been)")
        : impact.Unavailable;

    private static string MoneyLost(RecallImpact impact, ModelCard? card)
    {
        if (impact.Missed is not { } missed) return impact.Unavailable;
        if (card?.MetricsAtLaunch.TryGetValue(LossPerPositiveMetric, out var loss) is not true || !double.IsFinite(loss))
            return $"{NotAvailable}: neither the report nor the model card gives an amount per positive (add `{LossPerPositiveMetric}` under the card's `metrics_at_launch`)";
        return string.Create(Invariant, $"≈ {missed * loss:N0} ({missed:N0} missed positives × {loss:N2} per positive, the model card's `{LossPerPositiveMetric}`)");
    }

    private static string TimelineTable(AnalysisReport report, DateOnly? faultStart, DateOnly? visible, DateOnly asOf)
    {
        var events = new List<(DateOnly Day, string Event)>();
        if (report.Dataset.FirstEvent is { } first)
            events.Add((DateOnly.FromDateTime(first.UtcDateTime), $"First logged prediction of {report.Dataset.Model} {report.Dataset.Version}"));
        if (faultStart is { } start)
        {
            var cause = report.RootCause;
            var features = cause.Features.Count > 0 ? " in " + string.Join(", ", cause.Features.Select(MarkdownText.Code)) : "";
            events.Add((start, $"Fault starts: {ReportMarkdown.CategoryTitle(cause.Category).ToLowerInvariant()}{features}"));
        }

        if (report.RecallDrop is { Detected: true, StartDate: { } dropStart } && dropStart != faultStart)
            events.Add((dropStart, "Recall drop starts (first window after the change point)"));
        // The rule is in the appendix's monitor table; here the name (and feature) keeps the timeline readable.
        foreach (var monitor in report.Monitors)
            if (monitor.FirstAlert is { } alert)
                events.Add((alert, $"{Capitalised(MonitorName(monitor))} would have fired"));
        if (visible is { } v) events.Add((v, "Drop visible in realised recall on matured labels"));
        events.Add((asOf, "Diagnosis (analysis as of)"));

        var table = new StringBuilder();
        table.AppendLine("| Date | Event |");
        table.AppendLine("|---|---|");
        // Stable sort: on the same day the order above (cause before symptoms) is kept.
        foreach (var (day, text) in events.OrderBy(e => e.Day))
            table.AppendLine(Invariant, $"| {Date(day)} | {Cell(text)} |");
        return table.ToString().TrimEnd();
    }

    private static string MonitorTable(IReadOnlyList<MonitorReplay> monitors)
    {
        if (monitors.Count == 0) return $"{NotAvailable}: no monitor was replayed.";
        var table = new StringBuilder();
        table.AppendLine("| Monitor | Would have fired | Lead (days) | False alarms (healthy days) |");
        table.AppendLine("|---|---|---:|---:|");
        foreach (var m in monitors.OrderByDescending(m => m.LeadDays ?? int.MinValue))
        {
            table.AppendLine(Invariant,
                $"| {Cell(Capitalised(MonitorName(m)))} | {(m.FirstAlert is { } fa ? Date(fa) : "never")} | {(m.LeadDays is { } l ? l.ToString(Invariant) : "–")} | {m.FalseAlarms} ({m.HealthyDays}) |");
        }

        return table.ToString().TrimEnd();
    }

    private static string MonitorName(MonitorReplay m) =>
        m.Feature is { } feature && !m.Name.Contains(feature, StringComparison.Ordinal) ? $"{m.Name} on {MarkdownText.Code(feature)}" : m.Name;

    private static string Capitalised(string text) => text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    private static string FixText(IReadOnlyList<Fix> fixes, string kind, string noun)
    {
        var fix = FirstFix(fixes, kind);
        return fix is null
            ? $"{NotAvailable}: the analysis proposed no {noun} fix."
            : $"**{fix.Title}**: {fix.Description} Expected recall {Recovery(fix)}, precision {ReportMarkdown.Percent(fix.ExpectedPrecision)}, alert volume {SignedPercent(fix.AlertRateChange)}. _Estimated by: {fix.Method}_";
    }

    private static Fix? FirstFix(IReadOnlyList<Fix> fixes, string kind) => fixes.FirstOrDefault(f => f.Kind == kind);

    private static string Recovery(Fix fix) =>
        $"{ReportMarkdown.Percent(fix.ExpectedRecall)} (95% CI {ReportMarkdown.Percent(fix.ExpectedRecallLow)}–{ReportMarkdown.Percent(fix.ExpectedRecallHigh)})";

    private static string FixesTable(IReadOnlyList<Fix> fixes)
    {
        if (fixes.Count == 0) return $"{NotAvailable}: the analysis proposed no fix.";
        var table = new StringBuilder();
        table.AppendLine("| Kind | Fix | Expected recall (95% CI) | Expected precision | Alert volume change |");
        table.AppendLine("|---|---|---|---:|---:|");
        foreach (var f in fixes)
            table.AppendLine(Invariant, $"| {KindTitle(f.Kind)} | {Cell(f.Title)} | {Recovery(f)} | {ReportMarkdown.Percent(f.ExpectedPrecision)} | {SignedPercent(f.AlertRateChange)} |");
        return table.ToString().TrimEnd();
    }

    private static string ActionRows(AnalysisReport report)
    {
        // The fix the draft proposes of each kind (the report lists the best first), not every alternative in the table.
        var rows = new List<string>();
        foreach (var kind in new[] { FixKind.ShortTerm, FixKind.Structural })
            if (FirstFix(report.Fixes, kind) is { } f) rows.Add($"{KindTitle(f.Kind)} fix: {f.Title}");
        foreach (var m in report.Detection.RecommendedMonitors) rows.Add($"Add monitor: {m}");
        if (rows.Count == 0) rows.Add("Decide the follow-up actions");
        return string.Join('\n', rows.Select(action => $"| {Cell(action)} | TBD | TBD | Open |"));
    }

    private static string Figure(PostmortemDraftOptions options, string alt, string name) => options.FigurePath is { } path
        ? $"![{alt}]({path(name)})"
        : $"_{alt}: {NotAvailable.ToLowerInvariant()} in this draft; figures are stored when the postmortem is written in the app._";

    private static string EvidenceLine(Evidence e)
    {
        var values = e.Values.Count > 0 ? $" ({string.Join(", ", e.Values.Select(v => $"{v.Name} = {ReportMarkdown.Number(v.Value)}"))})" : "";
        return $"{ReportMarkdown.CategoryTitle(e.Category)}: {e.Claim}{values}";
    }

    private static string Bullets(IEnumerable<string> lines, string none)
    {
        var list = lines.Select(l => "- " + l).ToList();
        return list.Count > 0 ? string.Join('\n', list) : none;
    }

    /// <summary>Pushes every ATX heading down <paramref name="levels"/> (at most to level 6) so a document nests under a section.</summary>
    internal static string Nest(string markdown, int levels)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal)) fenced = !fenced;
            if (fenced || !lines[i].StartsWith('#')) continue;
            var depth = lines[i].TakeWhile(c => c == '#').Count();
            if (depth > 6 || (lines[i].Length > depth && lines[i][depth] != ' ')) continue;
            lines[i] = new string('#', Math.Min(6, depth + levels)) + lines[i][depth..];
        }

        return string.Join('\n', lines).TrimEnd();
    }

    private static string WithInterval(ProportionEstimate p) =>
        $"{ReportMarkdown.Percent(p.Value)} (95% CI {ReportMarkdown.Percent(p.Low)}–{ReportMarkdown.Percent(p.High)})";

    private static string KindTitle(string kind) => kind switch
    {
        FixKind.ShortTerm => "Short-term",
        FixKind.Structural => "Structural",
        _ => kind.Replace('_', ' '),
    };

    /// <summary>A drop in percentage points, signed as a change: <c>0.231</c> → <c>−23.1 pp</c>.</summary>
    private static string Points(double drop) => double.IsFinite(drop)
        ? (drop > 0 ? "−" : drop < 0 ? "+" : "") + Math.Abs(drop * 100).ToString("0.0", Invariant) + " pp"
        : "–";

    private static string SignedPercent(double change) =>
        double.IsFinite(change) ? (change >= 0 ? "+" : "−") + Math.Abs(change * 100).ToString("0", Invariant) + "%" : "–";

    private static string Date(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd", Invariant) : "–";

    private static string Days(int days) => days == 1 ? "1 day" : string.Create(Invariant, $"{days} days");


    /// <summary>One line that is safe inside a table cell.</summary>
    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);
}
