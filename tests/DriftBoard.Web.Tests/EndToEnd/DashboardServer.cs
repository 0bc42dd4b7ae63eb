using System.Net;
using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Demo;
using DriftBoard.Storage;
using DriftBoard.Storage.Analysis;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DriftBoard.Web.Tests.EndToEnd;

/// <summary>The browser tests share one running app, one imported incident and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardServer>
{
    public const string Name = "dashboard in a browser";
}

/// <summary>
/// The real DriftBoard.Web on a free loopback port (Kestrel, Development, so static web assets are served) over a temporary
/// database holding one generated incident, its JSON report as <c>driftboard analyze</c> would write it, and one headless
/// Chromium (the OS's package; Playwright never downloads a browser here).
/// </summary>
public sealed class DashboardServer : IAsyncLifetime
{
    /// <summary>The OS package's browser; <c>tests/run.sh</c> installs it when it is missing.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The patience of one wait or one assertion in the browser.</summary>
    public const float WaitMilliseconds = 30_000;

    // Enough known positives per week for the weekly windows to be readable, small enough to import in seconds.
    private static readonly DemoScenarioOptions Scenario = new(PerDay: 1500, Days: 150, RandomizeNames: true);
    private const int Seed = 4242;

    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(5);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("driftboard-e2e-");
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string DatabasePath => Path.Combine(_root.FullName, "driftboard.db");

    /// <summary>The imported incident's id, name and report (read back from the JSON file, so pages are compared with the contract).</summary>
    public string DatasetId { get; private set; } = "";

    public string DatasetName { get; private set; } = "";

    public AnalysisReport Report { get; private set; } = null!;

    /// <summary>The JSON report the pages are compared with.</summary>
    public string ReportPath => Path.Combine(_root.FullName, "report.json");

    /// <summary><c>http://127.0.0.1:PORT</c>, no trailing slash.</summary>
    public string BaseAddress { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser is not running");

    /// <summary>A fresh folder under this fixture's temporary folder (deleted with it).</summary>
    public string NewFolder(string prefix) =>
        Directory.CreateDirectory(Path.Combine(_root.FullName, prefix + Guid.NewGuid().ToString("N"))).FullName;

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(_root.FullName, "incident");
        DemoDatasetWriter.Write(folder, DemoScenarios.Create(IncidentKind.PipelineDefault, Seed, Scenario));
        var imported = new DatasetImporter(new DriftBoardDatabase(DatabasePath)).Import(folder, new ImportOptions());
        DatasetId = imported.DatasetId;
        // The browser signs in through the real form with these accounts (one per role).
        TestUsers.AddTo(DatabasePath);

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseEnvironment("Development")
            .UseSetting("DriftBoard:DatabasePath", DatabasePath)
            .UseSetting("DriftBoard:SeedDemoWhenEmpty", "false"));
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseAddress = ListeningAddress(_factory.Services);

        // The app's own analyzer writes the report: the pages then show the cached result of this very analysis,
        // and the JSON read back is what `driftboard analyze` prints for the same dataset and defaults.
        var analyzer = _factory.Services.GetRequiredService<DatasetAnalyzer>();
        var report = await analyzer.AnalyzeAsync(DatasetId, new DiagnosisOptions()).WaitAsync(StartPatience);
        await using (var file = File.Create(ReportPath))
            ReportJson.Write(file, report);
        // Beside the screenshots, so the numbers in the pictures can be checked against it.
        File.Copy(ReportPath, Path.Combine(BrowserSession.ArtifactFolder, "report.json"), overwrite: true);
        Report = ReportJson.Deserialize(await File.ReadAllTextAsync(ReportPath))
            ?? throw new InvalidOperationException("the JSON report read back as null");
        DatasetName = _factory.Services.GetRequiredService<Storage.Store.DatasetStore>().Find(DatasetId)!.Name;

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(ChromiumOptions());
        Assertions.SetDefaultExpectTimeout(WaitMilliseconds);
    }

    /// <summary>Headless, the OS's Chromium, without the background traffic a test machine has no use for.</summary>
    internal static BrowserTypeLaunchOptions ChromiumOptions() => new()
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        Timeout = WaitMilliseconds,
    };

    /// <summary>
    /// A new browser context and page for one test, with its console and page errors collected, signed in through the sign-in
    /// form as the account with <paramref name="role"/> (null: not signed in).
    /// </summary>
    public async Task<BrowserSession> OpenAsync(string testName, UserRole? role = UserRole.Viewer)
    {
        var session = await BrowserSession.OpenAsync(Browser, BaseAddress, testName);
        if (role is { } r) await session.SignInAsync(TestUsers.NameOf(r), TestUsers.Password);
        return session;
    }

    private static string ListeningAddress(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("the server reports no address");
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no http address among: {string.Join(", ", addresses)}");
        return address.TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }
}
