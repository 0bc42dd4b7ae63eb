using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Storage.Tests.Storage;

namespace DriftBoard.Storage.Tests.Postmortems;

public sealed class PostmortemTemplateStoreTests : DatabaseTest
{
    [Fact]
    public void Markdown_that_depends_on_the_id_is_stored_as_the_first_version_in_the_same_transaction()
    {
        var store = new PostmortemStore(Db.Database);
        var first = store.Create(null, "A", "default", "plain", "ana");

        var id = store.Create(null, "B", "default", newId => $"![Recall](/postmortems/{newId}/figures/recall.svg)", "ana");

        Assert.Equal(first + 1, id);
        Assert.Equal($"![Recall](/postmortems/{id}/figures/recall.svg)", store.Get(id)!.Markdown);
        Assert.Equal("plain", store.Get(first)!.Markdown);
        Assert.Equal(0, store.Get(id)!.Version);
    }

    [Fact]
    public void A_failing_markdown_function_leaves_nothing_behind()
    {
        var store = new PostmortemStore(Db.Database);

        Assert.Throws<InvalidOperationException>(() => store.Create(null, "B", "default", _ => throw new InvalidOperationException("boom"), "ana",
            [new PostmortemFigure("recall.svg", "image/svg+xml", [1, 2])]));

        Assert.Empty(store.List());
    }

    [Fact]
    public void Team_templates_are_added_listed_by_name_and_replaced_under_the_same_name()
    {
        var store = new PostmortemStore(Db.Database);

        store.AddTemplate("zeta", "# Z {{title}}", "ana");
        store.AddTemplate("alpha", "# A", "ana");
        store.AddTemplate("zeta", "# Z2", "bo");

        Assert.Equal(["alpha", "zeta"], store.Templates().Select(t => t.Name));
        Assert.Equal(("# Z2", "bo"), (store.Template("zeta")!.Markdown, store.Template("zeta")!.CreatedBy));
        Assert.Null(store.Template("missing"));
    }

    [Theory]
    [InlineData("Bad Name", "# x")]
    [InlineData("../x", "# x")]
    [InlineData("ok", "  ")]
    public void Invalid_names_and_empty_templates_are_refused(string name, string markdown)
    {
        var store = new PostmortemStore(Db.Database);

        Assert.ThrowsAny<ArgumentException>(() => store.AddTemplate(name, markdown, "ana"));
        Assert.Empty(store.Templates());
    }

    [Fact]
    public void The_catalog_lists_files_and_team_templates_and_a_team_template_overrides_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("driftboard-templates-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "default.md"), "# {{title}} (file)");
            File.WriteAllText(Path.Combine(folder.FullName, "brief.md"), "# brief");
            File.WriteAllText(Path.Combine(folder.FullName, "Not Valid.md"), "# skipped");
            File.WriteAllText(Path.Combine(folder.FullName, "notes.txt"), "not a template");
            var store = new PostmortemStore(Db.Database);
            var catalog = new PostmortemTemplateCatalog(folder.FullName, store);
            Assert.Equal("# {{title}} (file)", catalog.Find("default")!.Markdown);

            store.AddTemplate("default", "# {{title}} (team)", "ana");
            store.AddTemplate("extra", "# extra", "ana");

            Assert.Equal(
                [("brief", TemplateSource.BuiltIn, false), ("default", TemplateSource.BuiltIn, true), ("default", TemplateSource.Team, false), ("extra", TemplateSource.Team, false)],
                catalog.List().Select(e => (e.Template.Name, e.Source, e.Overridden)));
            Assert.Equal("# {{title}} (team)", catalog.Find("default")!.Markdown);
            Assert.Equal(["title"], catalog.Find("default")!.Placeholders);
            Assert.Null(catalog.Find("../default"));
            Assert.Null(catalog.Find("missing"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_folder_lists_only_team_templates()
    {
        var store = new PostmortemStore(Db.Database);
        store.AddTemplate("team", "# t", "ana");

        var catalog = new PostmortemTemplateCatalog(Path.Combine(Path.GetTempPath(), "driftboard-no-such-" + Guid.NewGuid().ToString("N")), store);

        Assert.Equal(["team"], catalog.List().Select(e => e.Template.Name));
    }
}
