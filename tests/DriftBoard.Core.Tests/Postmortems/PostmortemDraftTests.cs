using System.Globalization;
using System.Text.RegularExpressions;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Demo;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Postmortems;
using DriftBoard.Core.Tests.Analysis.RootCauses;

namespace DriftBoard.Core.Tests.Postmortems;

/// <summary>One demo incident (a unit change, randomised feature names) diagnosed once for the class.</summary>
public sealed class DraftScenario
{
    public AnalysisReport Report { get; } = ScenarioRun.Diagnose(ScenarioRun.SettingsFor(IncidentKind.UnitChange, 13)).Report;
}

public sealed partial class PostmortemDraftTests(DraftScenario scenario) : IClassFixture<DraftScenario>
{
    private static readonly string[] DefaultSections =
    [
        "## Summary", "## Impact", "## Timeline", "## Root cause", "## Detection", "### What would have caught this earlier",
        "## Resolution", "### Short-term fix", "### Structural fix", "## Action items", "## Lessons learned", "### What went well",
        "### What went wrong", "### Where we got lucky", "## Appendix: evidence",
    ];

    private AnalysisReport Report => scenario.Report;

    private static PostmortemTemplate Shipped(string name) =>
        PostmortemTemplate.Parse(name, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "templates", name + ".md")));

    private static PostmortemDraftOptions Options(ModelCard? card = null) => new("Recall drop", Dataset(card), name => $"/postmortems/7/figures/{name}");

    private static DatasetInfo Dataset(ModelCard? card) => new("scenario", "Scenario incident", "m", "1", 0, 0, 0, 0, null, null,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, card ?? Card(new Dictionary<string, double>()));

    private static ModelCard Card(Dictionary<string, double> metrics) => new("m", "1", "binary_classification", "y", "1", 0.5, "id", "ts",
        "score", null, "p.csv", new ExplicitLabels("l.csv", "id", "y", null), new TrainingSpec("t.csv", "y", null), [], metrics, "");

    [Fact]
    public void The_scenario_is_a_complete_incident()
    {
        Assert.True(Report.RecallDrop.Detected);
        Assert.NotNull(Report.Detection.DropVisible);
        Assert.Contains(Report.Fixes, f => f.Kind == FixKind.ShortTerm);
        Assert.Contains(Report.Fixes, f => f.Kind == FixKind.Structural);
        Assert.Contains(Report.Monitors, m => m.LeadDays > 0);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("brief")]
    public void A_complete_report_fills_every_placeholder_of_the_shipped_templates(string name)
    {
        var fill = PostmortemDraft.Write(Shipped(name), Report, Options());

        Assert.Empty(fill.Unfilled);
        Assert.DoesNotContain("{{", fill.Markdown);
        Assert.Contains("| Action | Owner | Due | Status |", fill.Markdown);
        Assert.DoesNotContain(PostmortemDraft.NotAvailable + ": no", fill.Markdown);
    }

    [Fact]
    public void The_default_draft_has_every_section_and_the_figures()
    {
        var markdown = PostmortemDraft.Write(Shipped("default"), Report, Options()).Markdown;

        var headings = markdown.Split('\n').Where(l => l.StartsWith('#')).ToList();
        foreach (var section in DefaultSections) Assert.Contains(section, headings);
        foreach (var figure in PostmortemFigureNames.All) Assert.Contains($"](/postmortems/7/figures/{figure})", markdown);
        // The appendix is the report nested below "## Appendix: evidence": no second top-level title.
        Assert.Single(headings, h => h.StartsWith("# ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_draft_states_the_reports_own_numbers()
    {
        var values = PostmortemDraft.Values(Report, Options());
        var drop = Report.RecallDrop;

        Assert.StartsWith(ReportMarkdown.Percent(drop.Baseline) + " (95% CI ", values["recall_before"]);
        Assert.StartsWith(ReportMarkdown.Percent(drop.Current) + " (95% CI ", values["recall_after"]);
        Assert.Equal("−" + (drop.Drop * 100).ToString("0.0", CultureInfo.InvariantCulture) + " pp", values["recall_drop"]);
        Assert.Equal(ReportMarkdown.CategoryTitle(Report.RootCause.Category), values["root_cause_category"]);
        foreach (var feature in Report.RootCause.Features) Assert.Contains($"`{feature}`", values["root_cause_features"]);
        Assert.Equal(Report.RootCause.Evidence.Count, values["root_cause_evidence"].Split('\n').Length);
        Assert.Equal(Report.Detection.DropVisible!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), values["drop_visible"]);
        foreach (var fix in Report.Fixes) Assert.Contains(ReportMarkdown.Percent(fix.ExpectedRecall) + " (95% CI " + ReportMarkdown.Percent(fix.ExpectedRecallLow), values["fixes_table"]);
        var shortTerm = Report.Fixes.First(f => f.Kind == FixKind.ShortTerm);
        Assert.Contains(shortTerm.Title, values["fix_short_term"]);
        Assert.Contains(ReportMarkdown.Percent(shortTerm.ExpectedRecallHigh), values["fix_short_term"]);
        foreach (var monitor in Report.Monitors.Where(m => m.FirstAlert is not null))
        {
            var date = monitor.FirstAlert!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Contains($"| {date} | {monitor.LeadDays} |", values["monitor_table"]);
            Assert.Contains($"| {date} | {char.ToUpperInvariant(monitor.Name[0])}{monitor.Name[1..]}", values["timeline_table"]);
        }
    }

    [Fact]
    public void Action_items_are_the_proposed_fixes_and_the_recommended_monitors_open_without_owner()
    {
        var rows = PostmortemDraft.Values(Report, Options())["action_rows"].Split('\n');
        var expected = new[] { FixKind.ShortTerm, FixKind.Structural }
            .Select(kind => Report.Fixes.First(f => f.Kind == kind).Title)
            .Concat(Report.Detection.RecommendedMonitors)
            .ToList();

        Assert.Equal(expected.Count, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Contains(expected[i], rows[i]);
            Assert.EndsWith(" | TBD | TBD | Open |", rows[i]);
        }
    }

    [Fact]
    public void Pooled_recall_and_missed_positives_follow_from_the_reports_windows()
    {
        var drop = Report.RecallDrop;
        var impact = RecallImpact.From(Report);
        var after = Report.Performance.Where(w => w.Readable && w.Positives > 0 && w.Start >= drop.StartDate!.Value).ToList();

        Assert.Equal(drop.Baseline, impact.Before!.Value, 12);
        Assert.Equal(drop.Current, impact.After!.Value, 12);
        Assert.InRange(drop.Baseline, impact.Before.Low, impact.Before.High);
        Assert.Equal(after.Sum(w => (long)w.Positives), impact.PositivesAfter);
        Assert.Equal(after.Sum(w => (long)w.TruePositives), impact.CaughtAfter);
        Assert.Equal((long)Math.Round(impact.PositivesAfter * drop.Baseline) - impact.CaughtAfter, impact.Missed);
        Assert.True(impact.Missed > 0);
        Assert.StartsWith(impact.Missed!.Value.ToString("N0", CultureInfo.InvariantCulture) + " (of ",
            PostmortemDraft.Values(Report, Options())["positives_missed"]);
    }

    [Fact]
    public void Money_is_computed_only_from_an_amount_the_card_gives()
    {
        var missed = RecallImpact.From(Report).Missed!.Value;

        var without = PostmortemDraft.Values(Report, Options())["money_lost"];
        var with = PostmortemDraft.Values(Report, Options(Card(new() { [PostmortemDraft.LossPerPositiveMetric] = 120.5 })))["money_lost"];

        Assert.StartsWith(PostmortemDraft.NotAvailable, without);
        Assert.StartsWith("≈ " + (missed * 120.5).ToString("N0", CultureInfo.InvariantCulture) + " (", with);
    }

    [Fact]
    public void Timeline_is_in_date_order_from_first_prediction_to_diagnosis()
    {
        var rows = PostmortemDraft.Values(Report, Options())["timeline_table"].Split('\n').Skip(2).ToList();
        var dates = rows.Select(r => DateOnly.ParseExact(r[2..12], "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(dates.Order(), dates);
        Assert.Contains("First logged prediction", rows[0]);
        Assert.Contains("Diagnosis", rows[^1]);
        Assert.Contains(rows, r => r.Contains("Fault starts", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Drop visible", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_matured_labels_the_draft_says_what_is_not_available()
    {
        var early = Report with
        {
            Performance = Report.Performance.Select(w => w with { Provisional = true }).ToList(),
            RecallDrop = new RecallDropReport(false, double.NaN, double.NaN, null, 1, double.NaN, 0),
            Detection = new Detection(null, [], "No label-free monitor fired."),
            Fixes = [],
            RootCause = Report.RootCause with { StartDate = null },
        };

        var fill = PostmortemDraft.Write(Shipped("default"), early, Options());
        var values = PostmortemDraft.Values(early, Options());

        Assert.Empty(fill.Unfilled);
        Assert.StartsWith(PostmortemDraft.NotAvailable + ": no window has matured labels yet", values["recall_before"]);
        foreach (var name in new[] { "recall_after", "recall_drop", "positives_missed", "money_lost", "fault_start", "drop_visible", "days_to_visible", "days_to_diagnosis", "fix_short_term", "fix_structural", "fixes_table" })
            Assert.StartsWith(PostmortemDraft.NotAvailable, values[name]);
        Assert.Contains("| Decide the follow-up actions | TBD | TBD | Open |", fill.Markdown);
    }

    [Fact]
    public void Without_figure_paths_the_draft_says_figures_come_with_the_app()
    {
        var values = PostmortemDraft.Values(Report, new PostmortemDraftOptions("t"));

        Assert.DoesNotContain("![", values["figure_recall"]);
        Assert.Contains("not available", values["figure_recall"]);
    }

    [Fact]
    public void The_placeholder_contract_lists_exactly_what_the_draft_fills_and_the_shipped_templates_use()
    {
        var contract = PostmortemPlaceholders.All.Select(p => p.Name).ToHashSet();
        var values = PostmortemDraft.Values(Report, Options());

        Assert.Equal(contract.Order(), values.Keys.Order());
        foreach (var name in new[] { "default", "brief" }) Assert.Subset(contract, Shipped(name).Placeholders.ToHashSet());
        // Inline values go into table cells: one line, no unescaped pipe.
        foreach (var p in PostmortemPlaceholders.All.Where(p => !p.Block))
        {
            Assert.DoesNotContain('\n', values[p.Name]);
            Assert.False(UnescapedPipe().IsMatch(values[p.Name]), p.Name);
        }
    }

    [Fact]
    public void Nesting_pushes_headings_down_but_not_code_or_hashtags()
    {
        var nested = PostmortemDraft.Nest("# A\ntext #1\n## B\n```\n# code\n```\n#tag\n##### deep", 2);

        Assert.Equal("### A\ntext #1\n#### B\n```\n# code\n```\n#tag\n###### deep", nested);
    }

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();
}
