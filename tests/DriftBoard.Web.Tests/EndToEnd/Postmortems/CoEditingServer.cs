using System.Net;
using System.Net.Sockets;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace DriftBoard.Web.Tests.EndToEnd.Postmortems;

/// <summary>
/// The co-editing tests share one server they can restart and one browser. They measure how fast edits travel, so they do
/// not run beside other test collections (which would compete for the same two cores).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CoEditingCollection : ICollectionFixture<CoEditingServer>
{
    public const string Name = "postmortem co-editing in a browser";
}

/// <summary>
/// The real DriftBoard.Web on a fixed loopback port (Kestrel, Development so static web assets are served) over a temporary
/// database with no dataset, and one headless Chromium (the OS's package). <see cref="RestartAsync"/> stops the host and
/// starts a new one on the same port over the same file, as a deploy or a crash-and-restart would.
/// </summary>
public sealed class CoEditingServer : IAsyncLifetime
{
    // A restart should be quick: open WebSockets (Blazor circuits, the hub) are cut after this instead of waited for.
    private static readonly TimeSpan ShutdownPatience = TimeSpan.FromSeconds(2);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("driftboard-e2e-collab-");
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string DatabasePath => Path.Combine(_root.FullName, "driftboard.db");

    public int Port { get; private set; }

    /// <summary><c>http://127.0.0.1:PORT</c>, the same across restarts.</summary>
    public string BaseAddress => $"http://127.0.0.1:{Port}";

    /// <summary>The running app's services (its <c>PostmortemAuthority</c>, say).</summary>
    public IServiceProvider Services => (_factory ?? throw new InvalidOperationException("the server is not running")).Services;

    /// <summary>The database file as the app stores it, read and written directly (works while the server is down).</summary>
    public PostmortemStore Store => new(new DriftBoardDatabase(DatabasePath));

    public async Task InitializeAsync()
    {
        Port = FreePort();
        Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(DashboardServer.ChromiumOptions());
        Assertions.SetDefaultExpectTimeout(DashboardServer.WaitMilliseconds);
    }

    /// <summary>
    /// A new browser context and page (its own cookies and sessionStorage: another person), signed in through the sign-in form
    /// as <paramref name="userName"/>, an account with <paramref name="role"/> added to the database on first use.
    /// </summary>
    public async Task<BrowserSession> OpenAsync(string testName, string userName = "Ana", UserRole role = UserRole.Author)
    {
        var users = new UserStore(new DriftBoardDatabase(DatabasePath));
        var account = users.Find(userName) ?? users.Add(userName, TestUsers.Password, role);
        if (account.Role != role) throw new ArgumentException($"the account {userName} is a {account.Role.Name()}, not a {role.Name()}", nameof(role));
        var session = await BrowserSession.OpenAsync(_browser ?? throw new InvalidOperationException("the browser is not running"), BaseAddress, testName);
        await session.SignInAsync(userName, TestUsers.Password);
        return session;
    }

    public async Task StopAsync()
    {
        if (_factory is null) return;
        await _factory.DisposeAsync();
        _factory = null;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public void Start()
    {
        if (_factory is not null) throw new InvalidOperationException("the server is already running");
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseEnvironment("Development")
            .UseSetting("DriftBoard:DatabasePath", DatabasePath)
            .UseSetting("DriftBoard:SeedDemoWhenEmpty", "false")
            .ConfigureServices(services => services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownPatience)));
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, Port));
        factory.StartServer();
        _factory = factory;
    }

    /// <summary>Stops the host and starts a new one on the same port and database file.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        Start();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }
}
