using Bunit;
using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Tests.TestSupport;
using DriftBoard.Web.Components.Pages.Incident;
using DriftBoard.Web.Tests.Analysis;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DriftBoard.Web.Tests.Postmortems;

public sealed class WritePostmortemTests(DemoDatabase demo) : DashboardTest, IClassFixture<DemoDatabase>
{
    private static readonly Core.Domain.DatasetInfo Fraud = TestDatasets.Create("fraud 2026", "Card fraud", "fraud-gbm", "3.2", 12_600, 11_000, 0,
        new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 7, 12, 23, 0, 0, TimeSpan.Zero));

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<IncidentOverview> Page) OpenIncident(UserRole role = UserRole.Author)
    {
        Authorization.SetRole(role, "ana");
        UseDatasets([Fraud], Ready(TestReports.Incident("fraud 2026")));
        var dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/datasets/fraud%202026");
        return (dialogs, Render<IncidentOverview>(p => p.Add(c => c.Id, "fraud 2026")));
    }

    [Fact]
    public void The_dialog_opens_with_the_standard_template_and_a_title_from_the_verdict()
    {
        var (dialogs, page) = OpenIncident();

        page.Find("[data-testid=write-postmortem]").Click();

        var dialog = dialogs.WaitForElement("[data-testid=write-postmortem-dialog]");
        var title = dialog.QuerySelector("input[data-testid=postmortem-title]")!.GetAttribute("value");
        Assert.Equal(PostmortemDraft.DefaultTitle(TestReports.Incident("fraud 2026"), "Card fraud"), title);
        Assert.Equal("Card fraud: data drift in amount, merchant_category, recall −27.3 pp from 2026-06-24", title);
        Assert.Equal(PostmortemTemplateCatalog.DefaultName, dialog.QuerySelector("[data-testid=postmortem-template]")!.TextContent.Trim());
    }

    [Fact]
    public void A_viewer_sees_the_incident_without_the_write_postmortem_button()
    {
        var (_, page) = OpenIncident(UserRole.Viewer);

        page.WaitForElement("[data-testid=tile-verdict]");
        Assert.Empty(page.FindAll("[data-testid=write-postmortem]"));
    }

    [Fact]
    public void Create_writes_the_draft_from_the_analysis_on_screen_and_opens_it()
    {
        // A real dataset and analyzer: the postmortem references its dataset.
        Authorization.SetRole(UserRole.Author, "ana");
        UseDatasets(() => [demo.Dataset], demo.Reports);
        Services.AddSingleton(demo.Database);
        var dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/datasets/{Uri.EscapeDataString(demo.DatasetId)}");
        var page = Render<IncidentOverview>(p => p.Add(c => c.Id, demo.DatasetId));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=write-postmortem]").HasAttribute("disabled")), TimeSpan.FromMinutes(3));
        page.Find("[data-testid=write-postmortem]").Click();
        dialogs.WaitForElement("input[data-testid=postmortem-title]").Change("Demo recall incident");

        dialogs.Find("[data-testid=write-postmortem-create]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        dialogs.WaitForAssertion(() => Assert.Matches(@"/postmortems/\d+$", navigation.Uri), TimeSpan.FromSeconds(30));
        var id = long.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var stored = Services.GetRequiredService<PostmortemStore>().Get(id)!;
        Assert.Equal("Demo recall incident", stored.Title);
        Assert.Equal(demo.DatasetId, stored.DatasetId);
        Assert.Equal(PostmortemTemplateCatalog.DefaultName, stored.Template);
        Assert.Equal("ana", stored.CreatedBy);
        Assert.StartsWith("# Demo recall incident\n", stored.Markdown);
    }
}
