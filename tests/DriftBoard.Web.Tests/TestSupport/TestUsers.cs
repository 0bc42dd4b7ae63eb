using System.Net;
using System.Text.RegularExpressions;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.TestHost;

namespace DriftBoard.Web.Tests.TestSupport;

/// <summary>
/// One account per role in a test database, and HTTP clients that sign in through the real sign-in form (antiforgery token,
/// cookie and all). Clients talk https to the in-memory server: the session cookie is Secure, and a cookie container only sends
/// Secure cookies over https.
/// </summary>
public static partial class TestUsers
{
    public const string Password = "test password, not for production";

    /// <summary>The user name of the account with <paramref name="role"/>.</summary>
    public static string NameOf(UserRole role) => "test-" + role.Name();

    /// <summary>Adds the viewer, author and admin accounts (idempotent, so fixtures can share a database).</summary>
    public static void AddTo(string databasePath)
    {
        var store = new UserStore(new DriftBoardDatabase(databasePath));
        foreach (var role in UserRoles.All)
        {
            if (store.Find(NameOf(role)) is null) store.Add(NameOf(role), Password, role);
        }
    }

    /// <summary>A client over https that keeps cookies and does not follow redirects (tests read the 302s).</summary>
    public static HttpClient CreateHttpsClient(this WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        // A download runs the whole analysis; on a shared two-core machine with other test classes analysing too, that can
        // take longer than HttpClient's default 100 s.
        client.Timeout = TimeSpan.FromMinutes(5);
        return client;
    }

    /// <summary>A client signed in as the account with <paramref name="role"/> (null: anonymous).</summary>
    public static async Task<HttpClient> CreateSignedInClientAsync(this WebApplicationFactory<Program> factory, UserRole? role)
    {
        var client = factory.CreateHttpsClient();
        if (role is { } r)
        {
            using var response = await SignInAsync(client, NameOf(r), Password);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && IsSessionCookieSet(response),
                $"signing in as {NameOf(r)} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    /// <summary>Posts the sign-in form as a browser would: reads the form's antiforgery token first.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string name, string password, string returnUrl = "/")
    {
        var loginPath = $"{AuthenticationSetup.LoginPath}?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = await client.GetStringAsync(loginPath);
        var token = AntiforgeryField().Match(form);
        Assert.True(token.Success, "the sign-in page has no antiforgery token");
        return await client.PostAsync(loginPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = "login",
            ["Input.UserName"] = name,
            ["Input.Password"] = password,
        }));
    }

    public static bool IsSessionCookieSet(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith(AuthenticationSetup.CookieName + "=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970"));

    /// <summary>Signs in as <paramref name="role"/> on a fresh client and returns the session cookie as a Cookie header value.</summary>
    public static Task<string> SessionCookieAsync(this WebApplicationFactory<Program> factory, UserRole role) =>
        factory.SessionCookieAsync(NameOf(role));

    /// <summary>Signs in as the account <paramref name="name"/> (password <see cref="Password"/>) and returns its session cookie.</summary>
    public static async Task<string> SessionCookieAsync(this WebApplicationFactory<Program> factory, string name)
    {
        using var client = factory.CreateHttpsClient();
        using var response = await SignInAsync(client, name, Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthenticationSetup.CookieName + "=", StringComparison.Ordinal));
        return cookie[..cookie.IndexOf(';')];
    }

    /// <summary>
    /// The hook for hub methods in the role matrix: a SignalR client on the in-memory server, carrying
    /// <paramref name="sessionCookie"/> (from <see cref="SessionCookieAsync"/>; null: anonymous) on every request, over long
    /// polling. Start it and invoke the method: a refused negotiate or a refused method throws.
    /// </summary>
    public static HubConnection HubConnection(this WebApplicationFactory<Program> factory, string hubPath, string? sessionCookie) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri("https://localhost"), hubPath), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                if (sessionCookie is not null) options.Headers["Cookie"] = sessionCookie;
            })
            .Build();

    /// <summary>A WebSocket client of the in-memory server whose upgrade request carries <paramref name="sessionCookie"/>.</summary>
    public static WebSocketClient WebSocketClient(this WebApplicationFactory<Program> factory, string sessionCookie)
    {
        var client = factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers.Cookie = sessionCookie;
        return client;
    }

    /// <summary>
    /// A SignalR client over one WebSocket (no negotiation), as the browser's editor connects: the session is checked once, at
    /// the upgrade, and the connection keeps that user for as long as it lives.
    /// </summary>
    public static HubConnection WebSocketHubConnection(this WebApplicationFactory<Program> factory, string hubPath, string sessionCookie) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, hubPath), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, ct) => await factory.WebSocketClient(sessionCookie).ConnectAsync(context.Uri, ct);
            })
            .Build();

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    internal static partial Regex AntiforgeryField();
}
