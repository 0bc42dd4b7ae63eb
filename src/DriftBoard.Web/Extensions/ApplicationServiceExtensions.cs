using DriftBoard.Core.Domain;
using DriftBoard.Storage;
using DriftBoard.Storage.Analysis;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Postgres;
using DriftBoard.Storage.Formats;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Store;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Components;
using DriftBoard.Web.Datasets;
using DriftBoard.Web.Downloads;
using DriftBoard.Web.Import;
using DriftBoard.Web.Options;
using DriftBoard.Web.Postmortems;
using DriftBoard.Web.Postmortems.Exports;
using DriftBoard.Web.Security;
using DriftBoard.Web.Theming;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace DriftBoard.Web.Extensions;

/// <summary>All of DriftBoard.Web's service registration and its request pipeline, so Program.cs stays three lines.</summary>
public static class ApplicationServiceExtensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<DriftBoardOptions>()
            .Bind(builder.Configuration.GetSection(DriftBoardOptions.SectionName))
            // --db is a CLI flag; the web app's explicit path is configuration, then DRIFTBOARD_DB, then ./driftboard.db.
            .PostConfigure(options => options.DatabasePath = DatabaseLocation.Resolve(options.DatabasePath))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DriftBoardOptions>, DriftBoardOptionsValidator>();

        services.AddSingleton(sp => new DriftBoardDatabase(sp.GetRequiredService<IOptions<DriftBoardOptions>>().Value.DatabasePath));
        services.AddSingleton<DatasetStore>();
        services.AddSingleton(static sp => new DatasetImporter(sp.GetRequiredService<DriftBoardDatabase>())
        {
            ReaderLimits = new TabularReaderLimits(sp.GetRequiredService<IOptions<DriftBoardOptions>>().Value.MaxRowBytes),
        });
        services.AddSingleton(static sp =>
        {
            var store = sp.GetRequiredService<DatasetStore>();
            var analyzer = sp.GetRequiredService<DatasetAnalyzer>();
            return new DatasetCatalog(store.List, id =>
            {
                var deleted = store.Delete(id);
                analyzer.Invalidate(id);
                return deleted;
            });
        });
        services.AddSingleton(static sp => new DatasetAnalyzer(sp.GetRequiredService<DatasetStore>(), logStore: LogStore.Open(
            sp.GetRequiredService<IOptions<DriftBoardOptions>>().Value.LogStore, sp.GetRequiredService<DriftBoardDatabase>())));
        services.AddSingleton(static sp => DatasetReportsFor(sp.GetRequiredService<DatasetAnalyzer>()));
        services.AddScoped<AnalysisChoice>();
        services.AddSingleton<DemoSeedingStatus>();
        services.AddHostedService<DemoSeedingService>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DriftBoardOptions>>().Value;
            return new UploadedDatasetImporter(sp.GetRequiredService<DatasetImporter>(),
                new UploadLimits(options.MaxUploadBytes, options.MaxUnzippedBytes, options.MaxZipEntries))
            {
                TempRoot = string.IsNullOrWhiteSpace(options.UploadTempPath) ? null : Path.GetFullPath(options.UploadTempPath),
            };
        });

        services.AddPostmortems();
        services.AddPostmortemDrafting();
        services.AddPostmortemExports(builder.Configuration);

        services.AddSingleton<DriftBoardTheme>();
        services.AddScoped<ThemeState>();
        services.AddMudServices();

        services.AddRazorComponents()
            .AddInteractiveServerComponents();

        builder.AddDriftBoardAuthentication();
        return builder;
    }

    /// <summary>The pages' seam bound to the shared analyzer: the same reports (and cache) the CLI's JSON comes from.</summary>
    internal static DatasetReports DatasetReportsFor(DatasetAnalyzer analyzer) => new(
        (id, selection, progress, cancellationToken) => analyzer.AnalyzeAsync(id, selection.ToOptions(), progress, cancellationToken),
        (id, selection) => analyzer.TryGetCached(id, selection.ToOptions(), out var report) ? report : null);

    public static WebApplication MapApplication(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        // The one exception to "signed in everywhere": scripts, styles and fonts, which the sign-in page needs and hold no data.
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapDownloads();
        app.MapPostmortems();
        app.MapPostmortemExports();
        app.MapRazorComponents<App>()
            // Our Content-Security-Policy already says frame-ancestors 'none'; Blazor's default would add a second, weaker CSP header.
            .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);

        return app;
    }
}
