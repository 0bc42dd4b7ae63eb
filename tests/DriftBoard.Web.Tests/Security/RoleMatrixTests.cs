using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Security;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DriftBoard.Web.Tests.Security;

/// <summary>
/// Who may do what, over real HTTP with real sign-ins: anonymous, viewer, author and admin against every page (found by
/// reflection over the app's <c>@page</c> routes, so a new page fails here until it is given its expected role), every
/// download, the import page and the Blazor hub. Expected outcomes: allowed (the page's status), not signed in (302 to the
/// sign-in page with the address to return to), or refused (302 to the access-denied page, which answers 403).
/// </summary>
public sealed partial class RoleMatrixTests(DemoDataset demo) : IClassFixture<DemoDataset>, IAsyncLifetime
{
    /// <summary>The least role each page needs (null: anyone, signed in or not), and the status it answers when allowed.</summary>
    private static readonly Dictionary<string, (UserRole? Minimum, HttpStatusCode Allowed)> Pages = new()
    {
        ["/"] = (UserRole.Viewer, HttpStatusCode.OK),
        ["/datasets/{Id}"] = (UserRole.Viewer, HttpStatusCode.OK),
        ["/datasets/{Id}/features/{Feature}"] = (UserRole.Viewer, HttpStatusCode.OK),
        ["/datasets/{Id}/fixes"] = (UserRole.Viewer, HttpStatusCode.OK),
        ["/datasets/{Id}/monitors"] = (UserRole.Viewer, HttpStatusCode.OK),
        ["/import"] = (UserRole.Author, HttpStatusCode.OK),
        ["/postmortems"] = (UserRole.Viewer, HttpStatusCode.OK),
        // A viewer's editor follows the text read-only; the hub refuses its edits (RoleMatrixTests.PostmortemHub).
        ["/postmortems/{Id:long}"] = (UserRole.Viewer, HttpStatusCode.OK),
        ["/postmortems/{Id:long}/summary"] = (UserRole.Viewer, HttpStatusCode.OK),
        // Everyone reads the templates; adding one is offered to authors and admins (TemplatesPageTests).
        ["/postmortems/templates"] = (UserRole.Viewer, HttpStatusCode.OK),
        ["/account/login"] = (null, HttpStatusCode.OK),
        ["/account/access-denied"] = (UserRole.Viewer, HttpStatusCode.Forbidden),
        ["/error"] = (null, HttpStatusCode.OK),
        ["/not-found"] = (null, HttpStatusCode.OK),
    };

    /// <summary>Endpoints that are not pages, with the least role they need.</summary>
    private static readonly Dictionary<string, UserRole> Endpoints = new()
    {
        ["/datasets/{id}/report.json"] = UserRole.Viewer,
        ["/datasets/{id}/report.md"] = UserRole.Viewer,
        ["/datasets/{id}/report.html"] = UserRole.Viewer,
        ["/datasets/{id}/notebook.ipynb"] = UserRole.Viewer,
        ["/postmortems/{id}/export.md"] = UserRole.Viewer,
        ["/postmortems/{id}/export.html"] = UserRole.Viewer,
        ["/postmortems/{id}/export.pdf"] = UserRole.Viewer,
        ["/postmortems/{id}/figures/{name}"] = UserRole.Viewer,
    };

    private const string FigureName = "recall.svg";

    /// <summary>A postmortem with one figure in the demo database, for the postmortem pages and exports.</summary>
    private long _postmortemId;

    private static readonly UserRole?[] Roles = [null, UserRole.Viewer, UserRole.Author, UserRole.Admin];

    public static readonly TheoryData<UserRole?> Principals = new(Roles);

    private WebApplicationFactory<Program> _factory = null!;
    private readonly Dictionary<string, HttpClient> _clients = [];

    public async Task InitializeAsync()
    {
        TestUsers.AddTo(demo.DatabasePath);
        _postmortemId = new Storage.Postmortems.PostmortemStore(new Storage.Database.DriftBoardDatabase(demo.DatabasePath)).Create(
            demo.DatasetId, "Role matrix", "default", "# Role matrix\n\nRecall fell.\n", "lead",
            [new Core.Postmortems.PostmortemFigure(FigureName, "image/svg+xml", """<svg xmlns="http://www.w3.org/2000/svg"/>"""u8.ToArray())]);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("DriftBoard:DatabasePath", demo.DatabasePath)
            .UseSetting("DriftBoard:SeedDemoWhenEmpty", "false"));
        foreach (var role in Roles)
            _clients[Key(role)] = await _factory.CreateSignedInClientAsync(role);
    }

    private static string Key(UserRole? role) => role?.Name() ?? "anonymous";

    /// <summary>Route values by parameter name; a page with a parameter not listed here fails until it is added.</summary>
    private Dictionary<string, string> RouteValues(string template) => new(StringComparer.OrdinalIgnoreCase)
    {
        // Under /postmortems/ an id is a postmortem's number; elsewhere a dataset's id.
        ["Id"] = template.StartsWith("/postmortems/", StringComparison.Ordinal)
            ? _postmortemId.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : demo.DatasetId,
        ["Feature"] = demo.Store.Find(demo.DatasetId)!.Card.Features[0].Name,
        ["Name"] = FigureName,
    };

    private string Fill(string template)
    {
        var values = RouteValues(template);
        return RouteParameter().Replace(template, match =>
            values.TryGetValue(match.Groups[1].Value, out var value)
                ? Uri.EscapeDataString(value)
                : throw new InvalidOperationException($"{template}: add a value for '{match.Groups[1].Value}' to RoleMatrixTests.RouteValues"));
    }

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    /// <summary>Every routable component of the app.</summary>
    private static IEnumerable<string> PageRoutes() => typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
        .Select(r => r.Template);

    [Fact]
    public void Every_page_of_the_app_has_an_expected_role()
    {
        var routes = PageRoutes().ToList();

        Assert.True(routes.Count >= 8, $"found only {routes.Count} routes by reflection");
        Assert.All(routes, route => Assert.True(Pages.ContainsKey(route),
            $"the page '{route}' is not in the role matrix: add it to RoleMatrixTests.Pages with the least role it needs"));
        Assert.All(Pages.Keys, route => Assert.Contains(route, routes));
    }

    [Theory]
    [MemberData(nameof(Principals))]
    public async Task Pages_answer_each_role_as_the_matrix_says(UserRole? role)
    {
        var client = _clients[Key(role)];
        foreach (var template in PageRoutes())
        {
            var (minimum, allowed) = Pages[template];
            var path = Fill(template);
            using var response = await client.GetAsync(path);
            AssertOutcome(path, role, minimum, allowed, response);
        }
    }

    [Theory]
    [MemberData(nameof(Principals))]
    public async Task Downloads_answer_each_role_as_the_matrix_says(UserRole? role)
    {
        var client = _clients[Key(role)];
        foreach (var (template, minimum) in Endpoints)
        {
            var path = Fill(template);
            using var response = await client.GetAsync(path);
            AssertOutcome(path, role, minimum, HttpStatusCode.OK, response);
        }
    }

    [Theory]
    [MemberData(nameof(Principals))]
    public async Task The_blazor_hub_needs_a_signed_in_user(UserRole? role)
    {
        using var response = await _clients[Key(role)].PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        if (role is null)
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized, $"anonymous negotiate answered {(int)response.StatusCode}");
        else
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_hub_client_hook_carries_the_session_and_is_refused_without_one()
    {
        // The Blazor hub stands in for the app's own hubs (a hub method test starts a connection like this and invokes the
        // method). It speaks only blazorpack, so a signed-in client gets past authorization and negotiation and stops at the
        // JSON handshake; an anonymous one is refused at negotiation.
        await using var signedIn = _factory.HubConnection("/_blazor", await _factory.SessionCookieAsync(UserRole.Viewer));
        await using var anonymous = _factory.HubConnection("/_blazor", sessionCookie: null);

        var handshake = await Record.ExceptionAsync(() => signedIn.StartAsync());
        var refused = await Record.ExceptionAsync(() => anonymous.StartAsync());

        Assert.Contains("protocol 'json' is not supported", Assert.IsType<Microsoft.AspNetCore.SignalR.HubException>(handshake).Message);
        Assert.Equal(HttpStatusCode.Unauthorized, Assert.IsType<HttpRequestException>(refused).StatusCode);
    }

    [Fact]
    public void Only_static_assets_and_the_account_pages_are_open_to_anonymous_users()
    {
        var open = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(path => !IsStaticAsset(path))
            .Distinct()
            .Order()
            .ToList();

        Assert.Equal([AuthenticationSetup.LoginPath, AuthenticationSetup.LogoutPath, "/error", "/not-found"], open);
    }

    // Files served by MapStaticAssets: the app's wwwroot, the framework's scripts and the packages' _content.
    private static bool IsStaticAsset(string path) =>
        path.StartsWith("/_framework/", StringComparison.Ordinal) || path.StartsWith("/_content/", StringComparison.Ordinal)
        || path.StartsWith("/lib/", StringComparison.Ordinal)
        || (!path.Contains('{') && Path.HasExtension(path) && !path.StartsWith("/datasets/", StringComparison.Ordinal));

    private static void AssertOutcome(string path, UserRole? role, UserRole? minimum, HttpStatusCode allowed, HttpResponseMessage response)
    {
        var who = role?.Name() ?? "anonymous";
        var location = response.Headers.Location?.OriginalString ?? "";
        if (minimum is null || (role is { } r && r >= minimum))
        {
            Assert.True(response.StatusCode == allowed, $"{who} GET {path}: expected {(int)allowed}, got {(int)response.StatusCode} {location}");
        }
        else if (role is null)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && location.Contains(AuthenticationSetup.LoginPath + "?ReturnUrl=", StringComparison.Ordinal),
                $"{who} GET {path}: expected a redirect to sign in, got {(int)response.StatusCode} {location}");
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && location.Contains(AuthenticationSetup.AccessDeniedPath, StringComparison.Ordinal),
                $"{who} GET {path}: expected a redirect to access denied, got {(int)response.StatusCode} {location}");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Dispose();
        await _factory.DisposeAsync();
    }
}
