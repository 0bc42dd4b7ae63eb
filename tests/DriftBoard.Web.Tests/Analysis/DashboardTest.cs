using Bunit;
using Bunit.TestDoubles;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Tests.TestSupport;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Domain;
using DriftBoard.Storage.Database;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Datasets;
using DriftBoard.Web.Theming;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace DriftBoard.Web.Tests.Analysis;

/// <summary>
/// A bUnit context with the dashboard's services. MudBlazor registers services that only implement IAsyncDisposable and
/// xunit 2 disposes test classes synchronously, so the context is owned here and disposed asynchronously.
/// </summary>
public abstract class DashboardTest : IAsyncLifetime
{
    protected BunitContext Context { get; } = new();

    protected BunitJSInterop JSInterop => Context.JSInterop;

    protected BunitServiceProvider Services => Context.Services;

    protected DashboardTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<DriftBoardTheme>();
        Services.AddScoped<ThemeState>();
        Services.AddScoped<AnalysisChoice>();
        Services.AddPostmortemDrafting(new DriftBoardDatabase(Path.Combine(_postmortemFolder, "driftboard.db")));
        // The dashboards are for every signed-in user: render them as the least role. Tests of other roles call Authorization.SetRole.
        Authorization = Context.SignInAs(UserRole.Viewer);
    }

    protected BunitAuthorizationContext Authorization { get; }

    // The incident page's "Write postmortem" needs a database; it is created only when a test writes one.
    private readonly string _postmortemFolder = Path.Combine(Path.GetTempPath(), "driftboard-web-pm-" + Guid.NewGuid().ToString("N"));

    /// <summary>Lists <paramref name="datasets"/> and serves analyses through <paramref name="reports"/>.</summary>
    protected void UseDatasets(IReadOnlyList<DatasetInfo> datasets, DatasetReports reports) => UseDatasets(() => datasets, reports);

    protected void UseDatasets(Func<IReadOnlyList<DatasetInfo>> datasets, DatasetReports reports)
    {
        Services.AddSingleton(new DatasetCatalog(datasets));
        Services.AddSingleton(reports);
    }

    /// <summary>Reports that are always ready (cached), whatever the selection, with the window the selection asks for.</summary>
    protected static DatasetReports Ready(AnalysisReport report) => new(
        (_, selection, _, _) => Task.FromResult(Windowed(report, selection)),
        (_, selection) => Windowed(report, selection));

    private static AnalysisReport Windowed(AnalysisReport report, AnalysisSelection selection) =>
        report with { Dataset = report.Dataset with { Window = AnalysisSelection.WindowQueryValue(selection.Window) } };

    /// <summary>False renders as prerendering does (not interactive).</summary>
    protected bool Interactive { get; set; } = true;

    /// <summary>Renders with the renderer info of an interactive circuit (or of prerendering, see <see cref="Interactive"/>).</summary>
    protected IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        Context.SetRendererInfo(new RendererInfo(Interactive ? "Server" : "Static", Interactive));
        return parameters is null ? Context.Render<TComponent>() : Context.Render(parameters);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        if (!Directory.Exists(_postmortemFolder)) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_postmortemFolder, recursive: true);
    }
}
