using Bunit;
using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Web.Components.Pages.Postmortems;
using DriftBoard.Web.Postmortems.Collab;
using DriftBoard.Web.Tests.Analysis;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace DriftBoard.Web.Tests.Postmortems;

/// <summary>
/// The editor page over a real store and authority (a temporary SQLite file; SignalR's hub context with no connections):
/// what it hands the editor module, what it renders around it, and that it lets go of the module when disposed.
/// </summary>
public sealed class PostmortemEditorTests : DashboardTest, IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("driftboard-pm-page-");
    private readonly PostmortemStore _store;

    public PostmortemEditorTests()
    {
        _store = new PostmortemStore(new DriftBoardDatabase(Path.Combine(_folder.FullName, "driftboard.db")));
        Services.AddSingleton(_store);
        Services.AddLogging();
        Services.AddSignalR();
        Services.AddSingleton<PostmortemAuthority>();
    }

    private BunitJSModuleInterop SetupModule()
    {
        var module = JSInterop.SetupModule(PostmortemEditor.ModulePath);
        module.Mode = JSRuntimeMode.Loose;
        return module;
    }

    private long CreatePostmortem(string markdown = "# Checkout outage\n\nCards were declined for 40 minutes.\n") =>
        _store.Create(null, "Checkout outage", "default", markdown, "ana");

    private IRenderedComponent<PostmortemEditor> RenderEditor(long id) => Render<PostmortemEditor>(p => p.Add(c => c.Id, id));

    [Fact]
    public void First_render_mounts_the_module_on_the_editor_host_with_the_documents_options()
    {
        var module = SetupModule();
        var id = CreatePostmortem();

        var cut = RenderEditor(id);

        var mount = module.VerifyInvoke("mount");
        var host = Assert.IsType<ElementReference>(mount.Arguments[0]);
        var hostElement = cut.Find("[data-testid=postmortem-editor]");
        Assert.Equal(host.Id, hostElement.GetAttribute("blazor:elementReference"));
        Assert.Empty(hostElement.Children);
        var options = Assert.IsType<EditorMountOptions>(mount.Arguments[1]);
        Assert.Equal(id, options.PostmortemId);
        Assert.Equal(PostmortemHub.Path, options.HubUrl);
        // DashboardTest signs in a viewer: named by the account, and the editor follows read-only.
        Assert.Equal("test-user", options.DisplayName);
        Assert.True(options.ReadOnly);
        Assert.NotNull(cut.Find("[data-testid=postmortem-read-only]"));
        Assert.Equal(2, mount.Arguments.Count);
    }

    [Fact]
    public async Task Dispose_destroys_the_mounted_editor()
    {
        var module = SetupModule();
        RenderEditor(CreatePostmortem());
        module.VerifyNotInvoke("destroy");

        await Context.DisposeComponentsAsync();

        // On the handle mount returned (bUnit records a returned reference's calls with its module).
        module.VerifyInvoke("destroy", calledTimes: 1);
    }

    [Fact]
    public async Task Dispose_tolerates_a_circuit_that_is_already_gone()
    {
        var module = SetupModule();
        module.SetupVoid("destroy", _ => true).SetException(new JSDisconnectedException("The circuit is gone."));
        RenderEditor(CreatePostmortem());

        var exception = await Record.ExceptionAsync(() => Context.DisposeComponentsAsync());

        Assert.Null(exception);
        module.VerifyInvoke("destroy");
    }

    [Fact]
    public void The_preview_renders_the_sanitised_markdown_and_the_page_shows_its_estimate_and_exports()
    {
        SetupModule();
        var id = CreatePostmortem("# Timeline\n\nThe <script>alert(1)</script> deploy at **14:02** broke it.\n");

        var cut = RenderEditor(id);

        var preview = cut.Find("[data-testid=postmortem-preview]");
        Assert.Equal("Timeline", preview.QuerySelector("h1")!.TextContent);
        Assert.Equal("14:02", preview.QuerySelector("strong")!.TextContent);
        Assert.Null(preview.QuerySelector("script"));
        Assert.Equal(PageEstimate.Of(_store.Get(id)!.Markdown).Display, cut.Find("[data-testid=page-estimate]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=page-estimate-warning]"));
        var exports = cut.FindAll("[data-testid=postmortem-exports] a").Select(a => a.GetAttribute("href") ?? "").ToArray();
        Assert.Equal([$"/postmortems/{id}/export.md", $"/postmortems/{id}/export.html", $"/postmortems/{id}/export.pdf", $"/postmortems/{id}/summary"], exports);
    }

    [Fact]
    public void A_signed_in_author_edits_under_the_accounts_name_whatever_the_address_says()
    {
        var module = SetupModule();
        var id = CreatePostmortem();
        Authorization.SetRole(Storage.Users.UserRole.Author, "ana");
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/postmortems/{id}?name=%20%20Ben%20");

        var cut = RenderEditor(id);

        var options = Assert.IsType<EditorMountOptions>(module.VerifyInvoke("mount").Arguments[1]);
        Assert.Equal("ana", options.DisplayName);
        Assert.False(options.ReadOnly);
        Assert.Empty(cut.FindAll("[data-testid=postmortem-read-only]"));
    }

    [Fact]
    public void An_unknown_postmortem_says_so_and_mounts_no_editor()
    {
        var module = SetupModule();

        var cut = RenderEditor(4242);

        Assert.NotNull(cut.Find("[data-testid=postmortem-not-found]"));
        module.VerifyNotInvoke("mount");
    }

    [Fact]
    public void A_long_postmortem_warns_past_three_pages()
    {
        SetupModule();
        var paragraph = string.Join(' ', Enumerable.Repeat("The fraud model's recall fell after the upstream change.", 12));
        var id = CreatePostmortem(string.Join("\n\n", Enumerable.Repeat(paragraph, 40)));

        var cut = RenderEditor(id);

        Assert.NotNull(cut.Find("[data-testid=page-estimate-warning]"));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
