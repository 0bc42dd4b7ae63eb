using System.Text.RegularExpressions;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Security;
using DriftBoard.Web.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace DriftBoard.Web.Tests.EndToEnd;

/// <summary>Sign-in, the way back to the page asked for, the app bar, roles and sign-out, in the browser.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardServer server)
{
    [Fact]
    public async Task An_anonymous_visit_signs_in_returns_to_the_page_and_signs_out_again()
    {
        await using var session = await server.OpenAsync(nameof(An_anonymous_visit_signs_in_returns_to_the_page_and_signs_out_again), role: null);
        var page = session.Page;
        var datasetPath = "/datasets/" + Uri.EscapeDataString(server.DatasetId);

        await session.GoToAsync(datasetPath);
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(AuthenticationSetup.LoginPath) + @"\?ReturnUrl="));
        await page.GetByLabel("User name").FillAsync(TestUsers.NameOf(UserRole.Author));
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync(Components.Pages.Account.Login.BadCredentials);
        await session.ScreenshotAsync("refused");

        await page.GetByLabel("User name").FillAsync(TestUsers.NameOf(UserRole.Author));
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(server.BaseAddress + datasetPath) + @"(\?.*)?$"));
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(TestUsers.NameOf(UserRole.Author));
        await Expect(page.GetByTestId("user-role")).ToHaveTextAsync("author");
        await Expect(page.GetByTestId("performance-chart").Locator("svg.apexcharts-svg")).ToBeVisibleAsync();

        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(AuthenticationSetup.LoginPath) + "$"));
        await session.GoToAsync(datasetPath);
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(AuthenticationSetup.LoginPath)));
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task A_viewer_has_no_import_link_and_is_refused_the_import_page()
    {
        await using var session = await server.OpenAsync(nameof(A_viewer_has_no_import_link_and_is_refused_the_import_page), UserRole.Viewer);
        var page = session.Page;

        await session.GoToAsync("/");
        await Expect(page.GetByTestId("user-role")).ToHaveTextAsync("viewer");
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Import" })).ToHaveCountAsync(0);
        var response = await page.GotoAsync("/import");

        Assert.Equal(403, response!.Status);
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=import-files]")).ToHaveCountAsync(0);
    }
}
