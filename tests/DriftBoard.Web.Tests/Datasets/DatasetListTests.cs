using Bunit;
using DriftBoard.Core.Domain;
using DriftBoard.Web.Components.Pages.Datasets;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Datasets;
using DriftBoard.Web.Tests.Analysis;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace DriftBoard.Web.Tests.Datasets;

public sealed class DatasetListTests : DashboardTest
{
    private readonly DemoSeedingStatus _seeding = new();

    private IRenderedComponent<DatasetList> RenderWith(params DatasetInfo[] datasets) => RenderWith(() => datasets);

    private IRenderedComponent<DatasetList> RenderWith(Func<IReadOnlyList<DatasetInfo>> list) =>
        RenderWith(new Dictionary<string, AnalysisReport>(), list);

    /// <param name="cached">The analyses already cached, by dataset id; the list must never start one.</param>
    private IRenderedComponent<DatasetList> RenderWith(IReadOnlyDictionary<string, AnalysisReport> cached, Func<IReadOnlyList<DatasetInfo>> list)
    {
        UseDatasets(list, new DatasetReports(
            (_, _, _, _) => throw new InvalidOperationException("The list must not start an analysis."),
            (id, _) => cached.GetValueOrDefault(id)));
        Services.AddSingleton(_seeding);
        return Render<DatasetList>();
    }

    [Fact]
    public void Cards_show_the_verdict_and_the_drop_once_the_analysis_is_cached()
    {
        var analysed = TestDatasets.Create("fraud", "Fraud", "fraud-gbm", "3.2", 100, 90, 0, null, null);
        var fresh = TestDatasets.Create("churn", "Churn", "churn-lr", "1", 100, 90, 0, null, null);
        var cut = RenderWith(new Dictionary<string, AnalysisReport> { ["fraud"] = TestReports.Incident("fraud") }, () => [analysed, fresh]);

        var cards = cut.FindAll("[data-testid=dataset-card]");
        Assert.Equal("Data drift", Text(cards[0], "dataset-verdict"));
        // Baseline 0.8237, current 0.5512, drop 0.2725 in the fixture.
        Assert.Equal("recall 82.4% → 55.1% (−27.3 pp)", Text(cards[0], "dataset-drop"));
        Assert.Null(cards[1].QuerySelector("[data-testid=dataset-verdict]"));
        Assert.NotNull(cards[1].QuerySelector("[data-testid=dataset-not-analysed]"));
    }

    [Fact]
    public void While_the_demo_is_seeded_the_page_shows_its_progress_then_the_dataset()
    {
        IReadOnlyList<DatasetInfo> datasets = [];
        _seeding.Report(DemoSeedingStage.Generating, 0.25);
        var cut = RenderWith(() => datasets);

        Assert.Contains("Preparing the demo incident", cut.Find("[data-testid=demo-seeding]").TextContent);
        Assert.Equal("Generating the transactions: 25%", cut.Find("[data-testid=demo-seeding-stage]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=datasets-empty]"));

        _seeding.Report(DemoSeedingStage.Importing, 0.5);
        cut.WaitForAssertion(() => Assert.Equal("Importing them: 50%", cut.Find("[data-testid=demo-seeding-stage]").TextContent.Trim()));

        datasets = [TestDatasets.Create("demo", "Demo", "card-fraud-scorer", "3.1.0", 10, 5, 0, null, null)];
        _seeding.Report(DemoSeedingStage.Done);

        // The list is read again when the seeding ends.
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=dataset-card]")));
        Assert.Empty(cut.FindAll("[data-testid=demo-seeding]"));
    }

    [Fact]
    public void A_failed_seeding_is_explained_above_the_empty_state()
    {
        _seeding.Report(DemoSeedingStage.Failed, error: "disk full");
        var cut = RenderWith();

        Assert.Contains("disk full", cut.Find("[data-testid=demo-seeding-failed]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=datasets-empty]"));
    }

    [Fact]
    public void The_page_stops_listening_to_the_seeding_when_it_is_disposed()
    {
        _seeding.Report(DemoSeedingStage.Generating, 0.1);
        var cut = RenderWith();

        cut.Instance.Dispose();

        // Would throw (render after dispose) or re-render if the page were still subscribed.
        var markup = cut.Markup;
        _seeding.Report(DemoSeedingStage.Generating, 0.9);
        Assert.Equal(markup, cut.Markup);
    }

    [Fact]
    public void Renders_one_card_per_dataset_with_its_numbers()
    {
        var cut = RenderWith(
            TestDatasets.Create("fraud-2026", "Card fraud March", "fraud-gbm", "3.2", rows: 1_234_567, labelledRows: 987_654, quarantinedRows: 42,
                new DateTimeOffset(2026, 3, 1, 8, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 31, 23, 59, 0, TimeSpan.Zero)),
            TestDatasets.Create("churn q1", "Churn Q1", "churn-lr", "1.0", rows: 500, labelledRows: 0, quarantinedRows: 0,
                firstEvent: null, lastEvent: null));

        var cards = cut.FindAll("[data-testid=dataset-card]");
        Assert.Equal(2, cards.Count);

        var fraud = cards[0];
        Assert.Equal("Card fraud March", Text(fraud, "dataset-name"));
        Assert.Equal("fraud-gbm · v3.2", Text(fraud, "dataset-model"));
        Assert.Equal("2026-03-01 → 2026-03-31", Text(fraud, "dataset-period"));
        Assert.Equal("1,234,567", Text(fraud, "dataset-rows"));
        Assert.Equal("987,654", Text(fraud, "dataset-labelled-rows"));
        Assert.Equal("42", Text(fraud, "dataset-quarantined-rows"));
        Assert.Equal("/datasets/fraud-2026", fraud.QuerySelector("[data-testid=dataset-link]")!.GetAttribute("href"));

        var churn = cards[1];
        Assert.Equal("Churn Q1", Text(churn, "dataset-name"));
        Assert.Equal("no events", Text(churn, "dataset-period"));
        Assert.Equal("500", Text(churn, "dataset-rows"));
        // Ids are escaped into the route segment.
        Assert.Equal("/datasets/churn%20q1", churn.QuerySelector("[data-testid=dataset-link]")!.GetAttribute("href"));

        Assert.Empty(cut.FindAll("[data-testid=datasets-empty]"));
    }

    [Fact]
    public void Period_uses_UTC_dates()
    {
        // 23:30 at UTC-5 on 31 March is 1 April in UTC.
        var cut = RenderWith(TestDatasets.Create("d", "D", "m", "1", 10, 5, 0,
            new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.FromHours(-5))));

        Assert.Equal("2026-03-01 → 2026-04-01", Text(cut.Find("[data-testid=dataset-card]"), "dataset-period"));
    }

    [Fact]
    public void Empty_catalog_explains_how_to_import()
    {
        var cut = RenderWith();

        Assert.Empty(cut.FindAll("[data-testid=dataset-card]"));
        var empty = cut.Find("[data-testid=datasets-empty]");
        Assert.Contains("driftboard import <folder>", empty.TextContent);
        Assert.Contains("driftboard demo", empty.TextContent);
    }

    [Fact]
    public void Only_an_admin_sees_delete_and_a_confirmed_delete_removes_the_dataset()
    {
        var datasets = new List<DatasetInfo>
        {
            TestDatasets.Create("a", "A", "m", "1", 10, 5, 0, null, null),
            TestDatasets.Create("b", "B", "m", "1", 10, 5, 0, null, null),
        };
        var deleted = new List<string>();
        Services.AddSingleton(new DatasetCatalog(() => datasets.ToList(), id =>
        {
            deleted.Add(id);
            return datasets.RemoveAll(d => d.Id == id) == 1;
        }));
        Services.AddSingleton(new DatasetReports((_, _, _, _) => throw new InvalidOperationException(), (_, _) => null));
        Services.AddSingleton(_seeding);

        var asViewer = Render<DatasetList>();
        Assert.Empty(asViewer.FindAll("[data-testid=dataset-delete]"));
        Authorization.SetRole(Storage.Users.UserRole.Author);
        Assert.Empty(Render<DatasetList>().FindAll("[data-testid=dataset-delete]"));

        Authorization.SetRole(Storage.Users.UserRole.Admin);
        var dialogs = Context.Render<MudBlazor.MudDialogProvider>();
        var cut = Render<DatasetList>();
        Assert.Equal(2, cut.FindAll("[data-testid=dataset-delete]").Count);
        cut.FindAll("[data-testid=dataset-delete]")[0].Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete \"A\"", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Equal(["B"], cut.FindAll("[data-testid=dataset-name]").Select(e => e.TextContent.Trim())));
        Assert.Equal(["a"], deleted);
    }

    private static string Text(AngleSharp.Dom.IElement card, string testId) =>
        card.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();
}
