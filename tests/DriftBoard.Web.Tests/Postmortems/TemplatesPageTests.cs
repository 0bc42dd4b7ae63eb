using Bunit;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Tests.TestSupport;
using DriftBoard.Web.Components.Pages.Postmortems.Templates;
using DriftBoard.Web.Tests.Analysis;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DriftBoard.Web.Tests.Postmortems;

public sealed class TemplatesPageTests : DashboardTest
{
    private IRenderedComponent<TemplatesPage> Open(UserRole role = UserRole.Author)
    {
        Authorization.SetRole(role);
        Render<MudPopoverProvider>();
        return Render<TemplatesPage>();
    }

    private static string[] Items(IRenderedComponent<TemplatesPage> page) =>
        page.FindAll("[data-testid=template-item]")
            .Select(i => string.Join(' ', i.QuerySelectorAll("code, .mud-chip, .driftboard-muted").Select(e => e.TextContent.Trim())))
            .ToArray();

    [Fact]
    public void A_viewer_reads_the_templates_but_is_not_offered_to_add_one()
    {
        var page = Open(UserRole.Viewer);

        Assert.Equal(["brief built-in", "default built-in"], Items(page));
        Assert.Empty(page.FindAll("[data-testid=template-add]"));
        Assert.Empty(page.FindAll("[data-testid=template-save]"));
    }

    [Fact]
    public void The_shipped_templates_are_listed_and_previewed_rendered()
    {
        var page = Open();

        Assert.Equal(["brief built-in", "default built-in"], Items(page));
        page.FindAll("[data-testid=template-item]")[1].Click();

        var preview = page.Find("[data-testid=template-preview]");
        Assert.Contains("default (built-in)", preview.TextContent);
        Assert.NotNull(preview.QuerySelector("table"));
        Assert.Null(preview.QuerySelector("[data-testid=template-unknown]"));
    }

    [Fact]
    public void A_team_template_is_saved_overrides_the_file_and_its_own_placeholders_are_called_out()
    {
        var page = Open();
        page.Find("input[data-testid=template-name]").Change("default");
        page.Find("textarea[data-testid=template-markdown]").Change("# {{title}}\n\nOwner: {{incident_owner}}\n\n{{summary}}");

        page.Find("[data-testid=template-save]").Click();

        Assert.Equal(["brief built-in", "default built-in overridden", "default team by test-user"], Items(page));
        Assert.Equal("# {{title}}\n\nOwner: {{incident_owner}}\n\n{{summary}}", Services.GetRequiredService<PostmortemStore>().Template("default")!.Markdown);
        var preview = page.Find("[data-testid=template-preview]");
        Assert.Contains("{{incident_owner}}", preview.QuerySelector("[data-testid=template-unknown]")!.TextContent);
        Assert.Contains("2 placeholder(s)", preview.QuerySelector("[data-testid=template-placeholders]")!.TextContent);
    }

    [Fact]
    public void An_invalid_name_is_refused_and_nothing_is_saved()
    {
        var page = Open();
        page.Find("input[data-testid=template-name]").Change("Team Template");
        page.Find("textarea[data-testid=template-markdown]").Change("# {{title}}");

        page.Find("[data-testid=template-save]").Click();

        Assert.Contains("lower-case", page.Find("[data-testid=template-error]").TextContent);
        Assert.Empty(Services.GetRequiredService<PostmortemStore>().Templates());
    }
}
