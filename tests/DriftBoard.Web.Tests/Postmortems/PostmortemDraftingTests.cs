using System.Xml.Linq;
using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Datasets;
using DriftBoard.Web.Postmortems;
using DriftBoard.Web.Tests.Analysis;

namespace DriftBoard.Web.Tests.Postmortems;

/// <summary>The drafting service over the demo database and its real shared analyzer.</summary>
public sealed class PostmortemDraftingTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private (PostmortemDrafting Drafting, PostmortemStore Store) Services(string? templatesFolder = null)
    {
        var store = new PostmortemStore(demo.Database);
        var catalog = new PostmortemTemplateCatalog(templatesFolder ?? PostmortemTemplateCatalog.ShippedFolder, store);
        return (new PostmortemDrafting(demo.Reports, new DatasetCatalog(demo.Store.List), store, catalog), store);
    }

    [Fact]
    public async Task The_draft_links_its_figures_and_the_figures_are_standalone_svg()
    {
        var (drafting, store) = Services();

        var drafted = await drafting.DraftAsync(new PostmortemDraftRequest(demo.DatasetId, AnalysisSelection.Default, "default", "Demo incident", "tester"));

        var postmortem = store.Get(drafted.Id)!;
        Assert.Empty(drafted.Unfilled);
        Assert.Equal(demo.DatasetId, postmortem.DatasetId);
        Assert.Equal("tester", postmortem.CreatedBy);
        var figures = store.Figures(drafted.Id);
        Assert.Equal(PostmortemFigureNames.All.Order(), figures.Select(f => f.Name));
        foreach (var figure in figures)
        {
            Assert.Contains($"]({PostmortemDrafting.FigurePath(drafted.Id, figure.Name)})", postmortem.Markdown);
            Assert.Equal("image/svg+xml", figure.ContentType);
            var root = XDocument.Parse(System.Text.Encoding.UTF8.GetString(figure.Data)).Root!;
            Assert.Equal(Svg + "svg", root.Name);
            Assert.NotNull(root.Attribute("viewBox"));
            Assert.NotNull(root.Attribute("width"));
            Assert.NotNull(root.Attribute("height"));
            Assert.NotEmpty(root.Element(Svg + "title")!.Value);
        }
    }

    [Fact]
    public async Task The_draft_uses_the_analysis_the_page_shows()
    {
        var (drafting, store) = Services();
        var report = await demo.Reports.AnalyzeAsync(demo.DatasetId, AnalysisSelection.Default, null, CancellationToken.None);

        var drafted = await drafting.DraftAsync(new PostmortemDraftRequest(demo.DatasetId, AnalysisSelection.Default, "brief", "Brief", "tester"));

        var markdown = store.Get(drafted.Id)!.Markdown;
        Assert.Contains(PostmortemDraft.Values(report, new PostmortemDraftOptions("Brief"))["summary"], markdown);
        Assert.Contains(Core.Analysis.Report.ReportMarkdown.CategoryTitle(report.RootCause.Category), markdown);
        Assert.Equal("brief", store.Get(drafted.Id)!.Template);
    }

    [Fact]
    public async Task A_team_template_overrides_the_file_of_the_same_name_and_unknown_placeholders_are_reported()
    {
        var folder = Directory.CreateTempSubdirectory("driftboard-templates-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "override-check.md"), "# {{title}} from the file\n");
            var (drafting, store) = Services(folder.FullName);
            Assert.Equal(TemplateSource.BuiltIn, drafting.Templates().Single(t => t.Template.Name == "override-check").Source);
            store.AddTemplate("override-check", "# {{title}}\n\nOwner: {{incident_owner}}\n\n{{summary}}\n", "team-lead");

            var drafted = await drafting.DraftAsync(new PostmortemDraftRequest(demo.DatasetId, AnalysisSelection.Default, "override-check", "Team", "tester"));

            Assert.Equal(["incident_owner"], drafted.Unfilled);
            Assert.StartsWith("# Team\n\nOwner: {{incident_owner}}\n\n", store.Get(drafted.Id)!.Markdown);
            Assert.Equal(TemplateSource.Team, drafting.Templates().Single(t => t.Template.Name == "override-check").Source);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_template_is_refused_and_nothing_is_written()
    {
        var (drafting, store) = Services();
        var before = store.List().Count;

        await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            drafting.DraftAsync(new PostmortemDraftRequest(demo.DatasetId, AnalysisSelection.Default, "no-such", "T", "tester")));

        Assert.Equal(before, store.List().Count);
    }
}
