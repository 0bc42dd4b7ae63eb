using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DriftBoard.Web.Tests.EndToEnd;

/// <summary>
/// One test's browser context and page: collects the console's errors and the page's uncaught exceptions, and saves a
/// screenshot per step under <c>artifacts/screenshots/</c> at the repository root.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _testName;
    private readonly ConcurrentQueue<string> _errors = new();
    private int _step;

    private BrowserSession(IBrowserContext context, IPage page, string testName)
    {
        _context = context;
        Page = page;
        _testName = testName;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") _errors.Enqueue($"console: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => _errors.Enqueue($"page error: {error}");
    }

    public IPage Page { get; }

    /// <summary>Everything the browser reported as an error so far.</summary>
    public IReadOnlyCollection<string> Errors => _errors.ToArray();

    internal static async Task<BrowserSession> OpenAsync(IBrowser browser, string baseAddress, string testName)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(DashboardServer.WaitMilliseconds);
        context.SetDefaultNavigationTimeout(DashboardServer.WaitMilliseconds);
        return new BrowserSession(context, await context.NewPageAsync(), testName);
    }

    /// <summary>Goes to an address of the app and waits for Blazor's scripts to have loaded.</summary>
    public async Task GoToAsync(string path)
    {
        var response = await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        Assert.True(response.Ok, $"GET {path} answered {response.Status}");
    }

    /// <summary>Signs in through the sign-in page's form, as a user would, and waits to have left it.</summary>
    public async Task SignInAsync(string name, string password)
    {
        await GoToAsync(DriftBoard.Web.Security.AuthenticationSetup.LoginPath);
        await Page.GetByLabel("User name").FillAsync(name);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByTestId("login-submit").ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains(DriftBoard.Web.Security.AuthenticationSetup.LoginPath, StringComparison.Ordinal));
    }

    /// <summary>
    /// Saves a full-page screenshot named after the test and the step, once every chart on the page is drawn and has
    /// finished animating (a chart that never draws fails the test here).
    /// </summary>
    public async Task ScreenshotAsync(string step)
    {
        await Page.WaitForFunctionAsync(ChartsAtRest, null, new PageWaitForFunctionOptions { PollingInterval = 250 });
        // From the top: a page scrolled by a focused control would show the fixed app bar in the middle of a full-page picture.
        await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        _step++;
        var file = Path.Combine(ArtifactFolder, $"{Safe(_testName)}-{_step:00}-{Safe(step)}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
    }

    /// <summary>Fails with every collected error listed; call at the end of a test.</summary>
    public void AssertNoBrowserErrors()
    {
        var errors = Errors;
        Assert.True(errors.Count == 0, "the browser reported errors:\n" + string.Join("\n", errors));
    }

    // Every chart host of the app's ApexChart component holds its drawn SVG, and ApexCharts, which animates its paths after
    // drawing, is done: every path reads the same on two polls in a row.
    private const string ChartsAtRest = """
        () => {
            if (document.querySelector('.driftboard-chart-host:not(:has(svg.apexcharts-svg))')) return false;
            const now = Array.from(document.querySelectorAll('svg.apexcharts-svg path'), p => p.getAttribute('d')).join('|');
            const before = window.__driftboardChartPaths;
            window.__driftboardChartPaths = now;
            return before === now;
        }
        """;

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private static string Safe(string name) => UnsafeFileCharacters().Replace(name, "-");

    [GeneratedRegex("[^A-Za-z0-9_.-]+")]
    private static partial Regex UnsafeFileCharacters();

    /// <summary>Where this run's screenshots go (created empty on first use).</summary>
    public static string ArtifactFolder => ScreenshotFolder.Value;

    /// <summary><c>artifacts/screenshots</c> beside <c>DriftBoard.sln</c> (git-ignored), found by walking up from the test's output folder.</summary>
    private static readonly Lazy<string> ScreenshotFolder = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DriftBoard.sln")))
            {
                // A fresh folder per run, so every picture in it is of this run.
                var screenshots = new DirectoryInfo(Path.Combine(folder.FullName, "artifacts", "screenshots"));
                if (screenshots.Exists) screenshots.Delete(recursive: true);
                screenshots.Create();
                return screenshots.FullName;
            }
        }

        throw new InvalidOperationException($"DriftBoard.sln not found above {AppContext.BaseDirectory}");
    });
}
