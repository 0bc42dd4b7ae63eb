using DriftBoard.Web.Options;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Security;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DriftBoard.Web.Tests.Hosting;

public sealed class StartupTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("driftboard-web-tests-");

    // Seeding off: these tests need the empty database as it is.
    private static WebApplicationFactory<Program> CreateFactory(string databasePath) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("DriftBoard:DatabasePath", databasePath)
            .UseSetting("DriftBoard:SeedDemoWhenEmpty", "false"));

    [Fact]
    public async Task Home_page_is_served_with_security_headers()
    {
        var databasePath = Path.Combine(_folder.FullName, "new-folder", "driftboard.db");
        await using var factory = CreateFactory(databasePath);
        using var anonymous = factory.CreateHttpsClient();
        using var login = await anonymous.GetAsync("/");
        TestUsers.AddTo(databasePath);
        using var client = await factory.CreateSignedInClientAsync(UserRole.Viewer);

        using var response = await client.GetAsync("/");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(SecurityHeaders.ReferrerPolicy, Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("No datasets yet", await response.Content.ReadAsStringAsync());
        // Anonymous: sent to sign in, and that answer carries the headers too.
        Assert.Equal(System.Net.HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(login.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(login.Headers.GetValues("X-Content-Type-Options")));

        // The configured path is used as given (made absolute), and its folder was created by the start-up validation.
        var options = factory.Services.GetRequiredService<IOptions<DriftBoardOptions>>().Value;
        Assert.Equal(databasePath, options.DatabasePath);
        Assert.True(Directory.Exists(Path.GetDirectoryName(databasePath)));
    }

    [Fact]
    public async Task Unknown_address_gets_the_not_found_page()
    {
        var databasePath = Path.Combine(_folder.FullName, "driftboard.db");
        TestUsers.AddTo(databasePath);
        await using var factory = CreateFactory(databasePath);
        using var client = await factory.CreateSignedInClientAsync(UserRole.Viewer);

        using var response = await client.GetAsync("/no/such/page");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Start_up_fails_clearly_when_the_database_folder_cannot_be_created()
    {
        // A file where a folder should be: creating the folder fails for every user, root included.
        var blocker = Path.Combine(_folder.FullName, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var databasePath = Path.Combine(blocker, "data", "driftboard.db");
        await using var factory = CreateFactory(databasePath);

        var thrown = Record.Exception(() => factory.CreateClient());

        var failure = FindInChain<OptionsValidationException>(thrown);
        Assert.NotNull(failure);
        Assert.Contains(Path.Combine(blocker, "data"), failure.Message);
        Assert.Contains("cannot be created", failure.Message);
        Assert.Contains("DriftBoard:DatabasePath", failure.Message);
    }

    [Fact]
    public async Task Start_up_fails_clearly_when_the_log_store_is_not_a_postgresql_connection_string()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("DriftBoard:DatabasePath", Path.Combine(_folder.FullName, "driftboard.db"))
            .UseSetting("DriftBoard:SeedDemoWhenEmpty", "false")
            .UseSetting("DriftBoard:LogStore", "Data Source=logs.db"));

        var failure = FindInChain<OptionsValidationException>(Record.Exception(() => factory.CreateClient()));

        Assert.NotNull(failure);
        Assert.Contains("DriftBoard:LogStore", failure.Message);
    }

    private static T? FindInChain<T>(Exception? exception) where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }

            if (current is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(FindInChain<T>).FirstOrDefault(found => found is not null);
            }
        }

        return null;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
