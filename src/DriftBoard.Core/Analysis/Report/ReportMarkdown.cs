using System.Globalization;
using System.Text;

namespace DriftBoard.Core.Analysis.Report;

/// <summary>The report as a Markdown document, for `driftboard analyze --markdown` and the postmortem's appendix.</summary>
public static class ReportMarkdown
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(AnalysisReport report)
    {
        var md = new StringBuilder();
        var d = report.Dataset;
        var cause = report.RootCause;
        md.AppendLine(Invariant, $"# {MarkdownText.Inert(d.Model)} {MarkdownText.Inert(d.Version)}: diagnosis");
        md.AppendLine();
        md.AppendLine(Invariant, $"{d.Rows:N0} predictions from {d.FirstEvent:yyyy-MM-dd} to {d.LastEvent:yyyy-MM-dd}, {d.LabelledRows:N0} labelled as of {d.AsOf:yyyy-MM-dd}; windows: {d.Window}; reference: {MarkdownText.Inert(d.Reference)}; threshold {d.Threshold.ToString(Invariant)}.");
        md.AppendLine();
        md.AppendLine("## Verdict");
        md.AppendLine();
        md.AppendLine(Invariant, $"**{CategoryTitle(cause.Category)}** (confidence {Percent(cause.Confidence)}){(cause.Features.Count > 0 ? $", features: {string.Join(", ", cause.Features.Select(MarkdownText.Code))}" : "")}{(cause.StartDate is { } s ? $", from {s:yyyy-MM-dd}" : "")}.");
        md.AppendLine();
        md.AppendLine(MarkdownText.Inert(cause.Summary));
        md.AppendLine();

        var drop = report.RecallDrop;
        md.AppendLine("## Recall");
        md.AppendLine();
        md.AppendLine(drop.Detected
            ? $"Recall fell from {Percent(drop.Baseline)} to {Percent(drop.Current)} from {drop.StartDate:yyyy-MM-dd} (permutation p = {drop.Significance.ToString("G3", Invariant)}, {drop.WindowsTested} mature windows tested)."
            : $"No material, significant recall drop on mature windows ({drop.WindowsTested} tested).");
        md.AppendLine();
        md.AppendLine("| window | rows | labelled | positives | maturity | recall (95% CI) | precision | alert rate | estimated recall |");
        md.AppendLine("|---|---:|---:|---:|---:|---|---:|---:|---:|");
        var estimated = report.EstimatedPerformance.ToDictionary(e => e.Start);
        foreach (var w in report.Performance)
        {
            var flag = w.Provisional ? " (provisional)" : w.TooSmall ? " (too small)" : "";
            var est = estimated.TryGetValue(w.Start, out var e) ? Percent(e.ExpectedRecall) : "–";
            md.AppendLine(Invariant,
                $"| {w.Start:yyyy-MM-dd}{flag} | {w.Rows:N0} | {w.Labelled:N0} | {w.Positives:N0} | {Percent(w.LabelMaturity)} | {Percent(w.Recall)} ({Percent(w.RecallLow)}–{Percent(w.RecallHigh)}) | {Percent(w.Precision)} | {Percent(w.AlertRate, 2)} | {est} |");
        }

        md.AppendLine();
        md.AppendLine("## Evidence");
        md.AppendLine();
        foreach (var e in cause.Evidence)
        {
            var values = e.Values.Count > 0 ? $" ({string.Join(", ", e.Values.Select(v => $"{MarkdownText.Inert(v.Name)} = {Number(v.Value)}"))})" : "";
            md.AppendLine(Invariant, $"- [{e.Category}] {MarkdownText.Inert(e.Claim)}{values}");
        }

        md.AppendLine();
        md.AppendLine("Other explanations considered:");
        md.AppendLine();
        foreach (var a in cause.Alternatives)
            md.AppendLine(Invariant, $"- {CategoryTitle(a.Category)} (score {Number(a.Score)}): {MarkdownText.Inert(a.WhyNot)}");

        md.AppendLine();
        md.AppendLine("## Fixes");
        md.AppendLine();
        md.AppendLine("| kind | fix | expected recall (95% CI) | expected precision | alert volume change |");
        md.AppendLine("|---|---|---|---:|---:|");
        foreach (var f in report.Fixes)
            md.AppendLine(Invariant, $"| {f.Kind.Replace('_', '-')} | {MarkdownText.Inert(f.Title)} | {Percent(f.ExpectedRecall)} ({Percent(f.ExpectedRecallLow)}–{Percent(f.ExpectedRecallHigh)}) | {Percent(f.ExpectedPrecision)} | {SignedPercent(f.AlertRateChange)} |");
        md.AppendLine();
        foreach (var f in report.Fixes)
            md.AppendLine(Invariant, $"- **{MarkdownText.Inert(f.Title)}**: {MarkdownText.Inert(f.Description)} _Estimated by: {MarkdownText.Inert(f.Method)}_");

        md.AppendLine();
        md.AppendLine("## What would have caught this earlier");
        md.AppendLine();
        md.AppendLine(MarkdownText.Inert(report.Detection.Summary));
        md.AppendLine();
        if (report.Monitors.Count > 0)
        {
            md.AppendLine("| monitor | rule | first alert | lead (days) | false alarms (healthy days) |");
            md.AppendLine("|---|---|---|---:|---:|");
            foreach (var m in report.Monitors)
                md.AppendLine(Invariant, $"| {MarkdownText.Inert(m.Name)} | {MarkdownText.Inert(m.Rule)} | {(m.FirstAlert is { } fa ? fa.ToString("yyyy-MM-dd", Invariant) : "never")} | {(m.LeadDays is { } l ? l.ToString(Invariant) : "–")} | {m.FalseAlarms} ({m.HealthyDays}) |");
            md.AppendLine();
        }

        md.AppendLine("## Drift (largest PSI per series)");
        md.AppendLine();
        md.AppendLine("| series | type | max PSI | in window | severity |");
        md.AppendLine("|---|---|---:|---|---|");
        foreach (var series in report.Drift)
        {
            var worst = series.Windows.Where(w => !w.TooSmall && w.Psi is not null).OrderByDescending(w => w.Psi).FirstOrDefault();
            md.AppendLine(worst is null
                ? $"| {MarkdownText.Code(series.Feature)} | {series.Type} | – | – | – |"
                : string.Create(Invariant, $"| {MarkdownText.Code(series.Feature)} | {series.Type} | {Number(worst.Psi!.Value)} | {worst.Start:yyyy-MM-dd} | {worst.Severity} |"));
        }

        if (report.Notes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (var note in report.Notes) md.AppendLine(Invariant, $"- {MarkdownText.Inert(note)}");
        }

        return md.ToString();
    }

    public static string CategoryTitle(string category) => category switch
    {
        RootCauseCategory.SchemaChange => "Schema change",
        RootCauseCategory.DataDrift => "Data drift",
        RootCauseCategory.ConceptDrift => "Concept drift",
        RootCauseCategory.LabelShift => "Label shift",
        _ => "No real degradation",
    };

    public static string Percent(double value, int decimals = 1) =>
        double.IsFinite(value) ? (value * 100).ToString("F" + decimals, Invariant) + "%" : "–";

    private static string SignedPercent(double value) =>
        double.IsFinite(value) ? (value >= 0 ? "+" : "") + (value * 100).ToString("F0", Invariant) + "%" : "–";

    /// <summary>Four significant digits; "–" when not finite.</summary>
    internal static string Number(double value) => double.IsFinite(value) ? value.ToString("G4", Invariant) : "–";
}
