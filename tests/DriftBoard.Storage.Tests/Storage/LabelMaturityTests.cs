using DriftBoard.Core.Domain;
using static DriftBoard.Storage.Tests.Storage.FraudDataset;

namespace DriftBoard.Storage.Tests.Storage;

public sealed class LabelMaturityTests : DatabaseTest
{
    private static InMemoryTable Predictions(params (string Id, long Ms)[] rows) =>
        new(["txn_id", "ts", "score", "amount", "country", "is_new"], rows.Select(r => new[] { r.Id, Iso(r.Ms), "0.2", "1", "US", "0" }).ToList());

    [Fact]
    public void Positive_events_feed_applies_maturity_at_as_of()
    {
        var asOf = Ms(Day0 + 60);
        var folder = new InMemoryFolder
        {
            ["predictions.csv"] = Predictions(
                ("charged-back", Ms(Day0)),
                ("old-unlisted", Ms(Day0 + 10)),        // matures on Day0 + 40 < as-of
                ("young-unlisted", Ms(Day0 + 45)),      // would mature on Day0 + 75 > as-of
                ("late-chargeback", Ms(Day0 + 1))),     // its chargeback arrives after as-of
            ["chargebacks.csv"] = InMemoryTable.Of("txn_id,reported_at",
                $"charged-back,{Iso(Ms(Day0 + 20))}", $"late-chargeback,{Iso(Ms(Day0 + 61))}"),
            ["training.csv"] = Training(),
        };
        var card = Card(Chargebacks(DateTimeOffset.FromUnixTimeMilliseconds(asOf), maturityDays: 30));

        var result = Db.Import(card, folder);
        var frame = Db.Store.LoadProduction(result.DatasetId);

        // Frame order is by day: charged-back (Day0), late-chargeback (Day0 + 1), old-unlisted, young-unlisted.
        Assert.Equal(new[] { LabelValue.Positive, LabelValue.Unknown, LabelValue.Negative, LabelValue.Unknown }, frame.Labels);
        Assert.Equal([Ms(Day0 + 20), long.MaxValue, Ms(Day0 + 40), long.MaxValue], frame.LabelKnownAt);
        Assert.Equal(2, result.LabelledRows);
        Assert.Equal(0, result.QuarantinedRows);
    }

    [Fact]
    public void Explicit_labels_are_known_at_their_own_time_or_the_prediction_time()
    {
        var folder = new InMemoryFolder
        {
            ["predictions.csv"] = Predictions(("a", Ms(Day0)), ("b", Ms(Day0, 1)), ("c", Ms(Day0, 2)), ("d", Ms(Day0, 3))),
            ["labels.csv"] = InMemoryTable.Of("txn_id,label,labelled_at",
                $"a,1,{Iso(Ms(Day0 + 5))}", "b,0,", $"d,fraud,{Iso(Ms(Day0 + 9))}"),
            ["training.csv"] = Training(),
        };
        var card = Card(new ExplicitLabels("labels.csv", "txn_id", "label", "labelled_at")) with { PositiveLabel = "fraud" };

        var result = Db.Import(card, folder);
        var frame = Db.Store.LoadProduction(result.DatasetId);

        Assert.Equal(new[] { LabelValue.Positive, LabelValue.Negative, LabelValue.Unknown, LabelValue.Positive }, frame.Labels);
        Assert.Equal([Ms(Day0 + 5), Ms(Day0, 1), long.MaxValue, Ms(Day0 + 9)], frame.LabelKnownAt);
        // As-of for explicit labels is the latest time anything became known.
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(Ms(Day0 + 9)), Db.Store.Find(result.DatasetId)!.AsOf);
    }
}
