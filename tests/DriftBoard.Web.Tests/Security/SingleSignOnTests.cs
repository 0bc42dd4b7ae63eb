using System.Security.Claims;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Security;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DriftBoard.Web.Tests.Security;

/// <summary>OpenID Connect by configuration: validation, registration and role mapping. Nothing here talks to a network.</summary>
public sealed class SingleSignOnTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("driftboard-sso-");

    private static ValidateOptionsResult Validate(Action<OidcSettings> configure)
    {
        var settings = new AuthenticationSettings();
        configure(settings.Oidc);
        return new AuthenticationSettingsValidator().Validate(null, settings);
    }

    [Fact]
    public void A_complete_configuration_validates_and_none_at_all_does_too()
    {
        Assert.True(Validate(o => { o.Authority = "https://login.example.com/realms/team"; o.ClientId = "driftboard"; }).Succeeded);
        Assert.True(Validate(_ => { }).Succeeded);
        Assert.True(Validate(o => { o.Authority = "https://login.example.com"; o.ClientId = "d"; o.DefaultRole = ""; }).Succeeded);
    }

    [Theory]
    [InlineData("http://login.example.com", "driftboard", "viewer", "Authority must be an absolute https:// address")]
    [InlineData("login.example.com", "driftboard", "viewer", "Authority must be an absolute https:// address")]
    [InlineData("https://login.example.com", "", "viewer", "ClientId is required")]
    [InlineData("https://login.example.com", "driftboard", "superuser", "DefaultRole must be viewer, author, admin or empty")]
    [InlineData("", "driftboard", "viewer", "Authority is not")]
    public void Incomplete_or_unsafe_configurations_are_refused_with_the_setting_to_fix(string authority, string clientId, string defaultRole, string message)
    {
        var result = Validate(o => { o.Authority = authority; o.ClientId = clientId; o.DefaultRole = defaultRole; });

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage);
        Assert.Contains("DriftBoard:Authentication:Oidc:", result.FailureMessage);
    }

    private WebApplicationFactory<Program> Factory(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("DriftBoard:DatabasePath", Path.Combine(_folder.FullName, "driftboard.db"));
            host.UseSetting("DriftBoard:SeedDemoWhenEmpty", "false");
            foreach (var (key, value) in settings) host.UseSetting(key, value);
        });

    [Fact]
    public async Task The_handler_is_registered_only_when_configured_and_the_sign_in_page_offers_it()
    {
        await using var plain = Factory();
        await using var sso = Factory(
            ("DriftBoard:Authentication:Oidc:Authority", "https://login.example.com/realms/team"),
            ("DriftBoard:Authentication:Oidc:ClientId", "driftboard"),
            ("DriftBoard:Authentication:Oidc:DisplayName", "Sign in with Example SSO"));

        using var plainClient = plain.CreateHttpsClient();
        using var ssoClient = sso.CreateHttpsClient();
        var plainPage = await plainClient.GetStringAsync(AuthenticationSetup.LoginPath);
        var ssoPage = await ssoClient.GetStringAsync(AuthenticationSetup.LoginPath);

        Assert.Null(await plain.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme));
        var scheme = await sso.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme);
        Assert.NotNull(scheme);
        var options = sso.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        Assert.Equal(("https://login.example.com/realms/team", "driftboard", "code", true), (options.Authority, options.ClientId, options.ResponseType, options.UsePkce));
        Assert.DoesNotContain("login-sso", plainPage);
        Assert.Contains("Sign in with Example SSO", ssoPage);
        Assert.Contains($"href=\"{AuthenticationSetup.SingleSignOnPath}?returnUrl=%2F\"", ssoPage);
    }

    [Fact]
    public async Task A_bad_configuration_stops_the_start()
    {
        await using var factory = Factory(("DriftBoard:Authentication:Oidc:Authority", "http://login.example.com"),
            ("DriftBoard:Authentication:Oidc:ClientId", "driftboard"));

        var thrown = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(thrown);
        Assert.Contains("Authority must be an absolute https:// address", thrown.ToString());
    }

    [Fact]
    public void The_role_is_the_highest_known_role_claim_else_the_default_else_refused()
    {
        var oidc = new OidcSettings { Authority = "https://login.example.com", ClientId = "d", RoleClaim = "groups", DefaultRole = "viewer" };
        static ClaimsPrincipal With(params string[] groups) => new(new ClaimsIdentity(groups.Select(g => new Claim("groups", g)), "oidc"));

        Assert.Equal(UserRole.Admin, AuthenticationSetup.RoleFrom(With("author", "staff", "Admin"), oidc));
        Assert.Equal(UserRole.Author, AuthenticationSetup.RoleFrom(With("author"), oidc));
        Assert.Equal(UserRole.Viewer, AuthenticationSetup.RoleFrom(With("staff"), oidc));
        Assert.Null(AuthenticationSetup.RoleFrom(With("staff"), new OidcSettings { RoleClaim = "groups", DefaultRole = "" }));
    }

    [Theory]
    [InlineData("/datasets/a?window=day", "/datasets/a?window=day")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("datasets", "/")]
    public void Return_addresses_stay_on_the_site(string? returnUrl, string expected) =>
        Assert.Equal(expected, AuthenticationSetup.LocalOrHome(returnUrl));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
