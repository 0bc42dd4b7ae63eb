using System.Net;
using System.Text.RegularExpressions;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Components.Pages.Account;
using DriftBoard.Web.Security;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DriftBoard.Web.Tests.Security;

/// <summary>The sign-in form, the session cookie, lockout, sign-out and session revalidation over HTTP, on an empty database.</summary>
public sealed partial class SignInTests : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("driftboard-signin-");
    private WebApplicationFactory<Program> _factory = null!;

    private string DatabasePath => Path.Combine(_folder.FullName, "driftboard.db");

    private UserStore Users => new(new DriftBoardDatabase(DatabasePath));

    public Task InitializeAsync()
    {
        // Revalidation on every request, so a removed user's next request is refused without waiting a minute.
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("DriftBoard:DatabasePath", DatabasePath)
            .UseSetting("DriftBoard:SeedDemoWhenEmpty", "false")
            .UseSetting("DriftBoard:Authentication:RevalidationInterval", "00:00:00"));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task With_no_accounts_the_sign_in_page_explains_how_to_create_the_first_admin()
    {
        using var client = _factory.CreateHttpsClient();

        var before = await client.GetStringAsync(AuthenticationSetup.LoginPath);
        TestUsers.AddTo(DatabasePath);
        var after = await client.GetStringAsync(AuthenticationSetup.LoginPath);

        Assert.Contains("No accounts yet", before);
        Assert.Contains("driftboard users add NAME --role admin", before);
        Assert.DoesNotContain("No accounts yet", after);
        Assert.Contains("data-testid=\"login-form\"", after);
    }

    [Fact]
    public async Task A_good_sign_in_sets_a_secure_http_only_lax_session_cookie_and_returns_to_the_page_asked_for()
    {
        TestUsers.AddTo(DatabasePath);
        using var client = _factory.CreateHttpsClient();

        using var response = await TestUsers.SignInAsync(client, TestUsers.NameOf(UserRole.Viewer), TestUsers.Password, "/datasets/x?window=day");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri("https://localhost/datasets/x?window=day"), response.Headers.Location);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthenticationSetup.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task The_return_address_never_leaves_the_site(string returnUrl)
    {
        TestUsers.AddTo(DatabasePath);
        using var client = _factory.CreateHttpsClient();

        using var response = await TestUsers.SignInAsync(client, TestUsers.NameOf(UserRole.Viewer), TestUsers.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri("https://localhost/"), response.Headers.Location);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_name_get_the_same_answer_and_no_cookie()
    {
        TestUsers.AddTo(DatabasePath);
        using var client = _factory.CreateHttpsClient();

        using var wrongPassword = await TestUsers.SignInAsync(client, TestUsers.NameOf(UserRole.Admin), "not the password at all");
        using var unknownName = await TestUsers.SignInAsync(client, "nobody-at-all", TestUsers.Password);

        foreach (var response in new[] { wrongPassword, unknownName })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(TestUsers.IsSessionCookieSet(response));
            Assert.Equal(Login.BadCredentials, ErrorText(await response.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task Five_failures_lock_the_account_and_the_page_says_so()
    {
        TestUsers.AddTo(DatabasePath);
        using var client = _factory.CreateHttpsClient();
        var name = TestUsers.NameOf(UserRole.Author);
        for (var i = 1; i < UserStore.MaxFailedAttempts; i++)
            (await TestUsers.SignInAsync(client, name, "wrong password " + i)).Dispose();

        using var fifth = await TestUsers.SignInAsync(client, name, "wrong password 5");
        using var rightPassword = await TestUsers.SignInAsync(client, name, TestUsers.Password);

        Assert.StartsWith("Too many failed sign-ins: the account is locked until", ErrorText(await fifth.Content.ReadAsStringAsync()));
        Assert.False(TestUsers.IsSessionCookieSet(rightPassword));
        Assert.StartsWith("Too many failed sign-ins", ErrorText(await rightPassword.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        TestUsers.AddTo(DatabasePath);
        using var client = _factory.CreateHttpsClient();

        using var response = await client.PostAsync(AuthenticationSetup.LoginPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = TestUsers.NameOf(UserRole.Admin),
            ["Input.Password"] = TestUsers.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(TestUsers.IsSessionCookieSet(response));
    }

    [Fact]
    public async Task Sign_out_needs_the_antiforgery_token_and_ends_the_session()
    {
        TestUsers.AddTo(DatabasePath);
        using var client = await _factory.CreateSignedInClientAsync(UserRole.Viewer);
        var home = await client.GetStringAsync("/");
        // The app bar's sign-out form carries its own token.
        var token = WebUtility.HtmlDecode(SignOutToken().Match(home).Groups[1].Value);
        Assert.NotEmpty(token);

        using var forged = await client.PostAsync(AuthenticationSetup.LogoutPath, new FormUrlEncodedContent(new Dictionary<string, string>()));
        using var stillIn = await client.GetAsync("/");
        using var signOut = await client.PostAsync(AuthenticationSetup.LogoutPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        using var after = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(AuthenticationSetup.LoginPath, signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith(AuthenticationSetup.LoginPath, after.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Removing_a_user_or_changing_the_role_ends_their_session()
    {
        TestUsers.AddTo(DatabasePath);
        using var viewer = await _factory.CreateSignedInClientAsync(UserRole.Viewer);
        using var author = await _factory.CreateSignedInClientAsync(UserRole.Author);
        using (var before = await author.GetAsync("/import")) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        Users.Remove(TestUsers.NameOf(UserRole.Viewer));
        Users.SetRole(TestUsers.NameOf(UserRole.Author), UserRole.Viewer);
        using var removed = await viewer.GetAsync("/");
        using var demoted = await author.GetAsync("/import");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(AuthenticationSetup.LoginPath, removed.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);
        Assert.Equal(AuthenticationSetup.LoginPath, demoted.Headers.Location!.AbsolutePath);
    }

    private static string ErrorText(string page) => WebUtility.HtmlDecode(Regex.Replace(LoginError().Match(page).Groups[1].Value, "<[^>]+>", "")).Trim();

    [GeneratedRegex(@"data-testid=""login-error""[^>]*>(.*?)</div>\s*</div>", RegexOptions.Singleline)]
    private static partial Regex LoginError();

    [GeneratedRegex(@"class=""driftboard-signout""[^>]*>\s*<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex SignOutToken();

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
