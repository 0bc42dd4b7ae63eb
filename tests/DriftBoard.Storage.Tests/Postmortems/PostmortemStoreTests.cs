using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Storage.Store;
using DriftBoard.Storage.Tests.Storage;
using static DriftBoard.Storage.Tests.Storage.FraudDataset;

namespace DriftBoard.Storage.Tests.Postmortems;

public sealed class PostmortemStoreTests : DatabaseTest
{
    [Fact]
    public void A_created_postmortem_is_a_draft_at_version_zero_with_its_figures()
    {
        var store = new PostmortemStore(Db.Database);
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray();

        var id = store.Create(null, "Recall drop", "default", "# Summary\n", "ana", [new PostmortemFigure("recall.svg", "image/svg+xml", svg)]);

        var postmortem = store.Get(id)!;
        Assert.Equal(("Recall drop", PostmortemStatus.Draft, 0, "# Summary\n", "ana"),
            (postmortem.Title, postmortem.Status, postmortem.Version, postmortem.Markdown, postmortem.CreatedBy));
        Assert.Equal(svg, store.Figure(id, "recall.svg")!.Data);
        Assert.Null(store.Figure(id, "missing.svg"));
        Assert.Null(store.Get(id + 1));
    }

    [Fact]
    public void A_postmortem_outlives_the_dataset_it_was_drafted_from()
    {
        var info = Db.Import(Card(), Generated(50, 2));
        var store = new PostmortemStore(Db.Database);
        var id = store.Create(info.DatasetId, "Incident", "default", "text", "ana");

        new DatasetStore(Db.Database).Delete(info.DatasetId);

        var postmortem = Assert.Single(store.List());
        Assert.Equal(id, postmortem.Id);
        Assert.Null(postmortem.DatasetId);
    }

    [Fact]
    public void Status_names_round_trip_and_reject_unknown_names()
    {
        foreach (var status in Enum.GetValues<PostmortemStatus>())
            Assert.Equal(status, PostmortemStatusNames.Parse(status.ToName()));
        Assert.Throws<FormatException>(() => PostmortemStatusNames.Parse("archived"));
    }
}
