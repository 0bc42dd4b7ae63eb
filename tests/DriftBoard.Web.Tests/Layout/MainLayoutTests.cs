using Bunit;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Tests.TestSupport;
using DriftBoard.Web.Components.Layout;
using DriftBoard.Web.Theming;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using MudBlazor.Services;
using MudBlazor.Utilities;

namespace DriftBoard.Web.Tests.Layout;

public sealed class MainLayoutTests : IAsyncLifetime
{
    // MudBlazor registers services that only implement IAsyncDisposable; xunit 2 disposes test classes synchronously,
    // so the context is owned here and disposed asynchronously.
    private readonly BunitContext _context = new();
    private readonly DriftBoardTheme _theme = new();

    private BunitJSInterop JSInterop => _context.JSInterop;

    private BunitServiceProvider Services => _context.Services;

    public MainLayoutTests()
    {
        // Loose: MudBlazor's JS calls (including the system dark-mode query) return defaults, i.e. "prefers light".
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(_theme);
        Services.AddScoped<ThemeState>();
        _authorization = _context.SignInAs(UserRole.Author, "ana");
    }

    private readonly Bunit.TestDoubles.BunitAuthorizationContext _authorization;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    /// <summary>The CSS variable MudThemeProvider writes for a palette's background.</summary>
    private static string BackgroundVariable(MudColor color) => $"--mud-palette-background: rgba({color.R},{color.G},{color.B},1);";

    private IRenderedComponent<MainLayout> RenderLayout() =>
        _context.Render<MainLayout>(parameters => parameters.Add(layout => layout.Body, (RenderFragment)(body => body.AddContent(0, "page body"))));

    [Fact]
    public void Theme_toggle_switches_dark_mode_and_back()
    {
        var cut = RenderLayout();
        var state = Services.GetRequiredService<ThemeState>();
        var provider = cut.FindComponent<MudThemeProvider>();
        var darkBackground = BackgroundVariable(_theme.Theme.PaletteDark.Background);
        var lightBackground = BackgroundVariable(_theme.Theme.PaletteLight.Background);
        Assert.Contains(lightBackground, provider.Markup);
        Assert.False(state.IsDarkMode);
        Assert.False(provider.Instance.GetState(p => p.IsDarkMode));

        cut.Find("[data-testid=theme-toggle]").Click();

        Assert.True(state.IsDarkMode);
        Assert.True(state.IsUserChoice);
        Assert.True(provider.Instance.GetState(p => p.IsDarkMode));
        Assert.Contains(darkBackground, provider.Markup);

        cut.Find("[data-testid=theme-toggle]").Click();

        Assert.False(state.IsDarkMode);
        Assert.False(provider.Instance.GetState(p => p.IsDarkMode));
        Assert.DoesNotContain(darkBackground, provider.Markup);
        Assert.Contains(lightBackground, provider.Markup);
    }

    [Fact]
    public void Layout_shows_the_app_name_the_body_and_the_navigation()
    {
        var cut = RenderLayout();

        Assert.Contains("DriftBoard", cut.Find(".driftboard-title").TextContent);
        Assert.Contains("page body", cut.Markup);
        var links = cut.FindComponents<MudNavLink>();
        Assert.Equal(["Datasets", "Import", "Postmortems"], links.Select(l => l.Find("a, div").TextContent.Trim()));
        Assert.Equal([false, false, false], links.Select(l => l.Instance.Disabled));
    }

    [Fact]
    public void App_bar_shows_the_signed_in_user_their_role_and_a_sign_out_form_with_antiforgery()
    {
        var cut = RenderLayout();

        Assert.Equal("ana", cut.Find("[data-testid=user-name]").TextContent.Trim());
        Assert.Equal("author", cut.Find("[data-testid=user-role]").TextContent.Trim());
        var form = cut.Find("form.driftboard-signout");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal(DriftBoard.Web.Security.AuthenticationSetup.LogoutPath, form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("submit", cut.Find("[data-testid=sign-out]").GetAttribute("type"));
    }

    [Theory]
    [InlineData(UserRole.Viewer, false)]
    [InlineData(UserRole.Admin, true)]
    public void The_import_link_is_for_authors_and_admins_and_the_role_shown_is_the_highest(UserRole role, bool importLink)
    {
        _authorization.SetRole(role, "someone");

        var cut = RenderLayout();

        Assert.Equal(role.Name(), cut.Find("[data-testid=user-role]").TextContent.Trim());
        Assert.Equal(importLink, cut.FindComponents<MudNavLink>().Any(l => l.Find("a, div").TextContent.Trim() == "Import"));
    }
}
