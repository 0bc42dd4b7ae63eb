using DriftBoard.Cli.Tests.TestSupport;
using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Demo;
using DriftBoard.Storage.Analysis;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Storage.Store;

namespace DriftBoard.Cli.Tests.Commands;

/// <summary>`driftboard postmortem draft` on a small imported incident (a unit change, 300 predictions a day for 90 days).</summary>
public sealed class PostmortemCommandTests : IClassFixture<PostmortemCommandTests.ImportedIncident>
{
    private readonly ImportedIncident _incident;

    public PostmortemCommandTests(ImportedIncident incident) => _incident = incident;

    public sealed class ImportedIncident : IDisposable
    {
        public TempFolder Temp { get; } = new();
        public string Database { get; }
        public string DatasetId { get; }

        public ImportedIncident()
        {
            var settings = DemoScenarios.Create(IncidentKind.UnitChange, seed: 7, new DemoScenarioOptions(PerDay: 300, Days: 90, TrainingRows: 5_000));
            var folder = Temp.Combine("incident");
            DemoDatasetWriter.Write(folder, settings);
            Database = Temp.Combine("postmortem.db");
            var import = CliRunner.RunAsync("import", folder, "--db", Database).GetAwaiter().GetResult();
            Assert.True(import.ExitCode == ExitCodes.Ok, import.ToString());
            DatasetId = $"{settings.Model}-{settings.ModelVersion}";
        }

        public void Dispose() => Temp.Dispose();
    }

    [Fact]
    public async Task Draft_writes_the_default_template_filled_from_the_analysis()
    {
        var file = _incident.Temp.Combine("draft.md");

        var run = await CliRunner.RunAsync("postmortem", "draft", _incident.DatasetId, "--db", _incident.Database, "--out", file, "--title", "Unit change");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains(file, run.Output);
        var markdown = await File.ReadAllTextAsync(file);
        var report = await new DatasetAnalyzer(new DatasetStore(new DriftBoardDatabase(_incident.Database))).AnalyzeAsync(_incident.DatasetId, new DiagnosisOptions());
        Assert.StartsWith("# Unit change\n", markdown);
        Assert.DoesNotContain("{{", markdown);
        foreach (var section in new[] { "## Summary", "## Impact", "## Timeline", "## Root cause", "### What would have caught this earlier", "## Resolution", "## Lessons learned", "## Appendix: evidence" })
            Assert.Contains("\n" + section + "\n", markdown);
        Assert.Contains("\n| Action | Owner | Due | Status |\n|---|---|---|---|\n| ", markdown);
        Assert.Contains($"**{ReportMarkdown.CategoryTitle(report.RootCause.Category)}**", markdown);
        Assert.Contains(report.RootCause.Summary, markdown);
        // No figures are stored by the CLI: the draft says so instead of linking images that do not exist.
        Assert.DoesNotContain("![", markdown);
    }

    [Fact]
    public async Task Draft_prints_to_standard_output_with_a_team_template_from_the_database()
    {
        new PostmortemStore(new DriftBoardDatabase(_incident.Database)).AddTemplate("cli-team", "# {{title}}\n\nModel {{model}} {{model_version}}; owner {{owner}}\n", "tester");

        var run = await CliRunner.RunAsync("postmortem", "draft", _incident.DatasetId, "--db", _incident.Database, "--template", "cli-team", "--title", "T");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var info = new DatasetStore(new DriftBoardDatabase(_incident.Database)).Find(_incident.DatasetId)!;
        Assert.StartsWith($"# T\n\nModel {info.Model} {info.Version}; owner {{{{owner}}}}\n", run.Output);
    }

    [Fact]
    public async Task An_unknown_template_or_dataset_is_refused_with_what_exists()
    {
        var template = await CliRunner.RunAsync("postmortem", "draft", _incident.DatasetId, "--db", _incident.Database, "--template", "nope");
        var dataset = await CliRunner.RunAsync("postmortem", "draft", "no-such-dataset", "--db", _incident.Database);

        Assert.Equal(ExitCodes.InvalidInput, template.ExitCode);
        Assert.Contains("no template 'nope'", template.Output);
        Assert.Contains("brief", template.Output);
        Assert.Contains("default", template.Output);
        Assert.Equal(ExitCodes.InvalidInput, dataset.ExitCode);
        Assert.Contains("no dataset 'no-such-dataset'", dataset.Output);
    }
}
