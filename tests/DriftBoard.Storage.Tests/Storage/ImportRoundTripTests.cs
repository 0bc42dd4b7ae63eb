using DriftBoard.Core.Domain;
using static DriftBoard.Storage.Tests.Storage.FraudDataset;

namespace DriftBoard.Storage.Tests.Storage;

public sealed class ImportRoundTripTests : DatabaseTest
{
    // Rows deliberately out of day order: the frame is ordered by day, file order within a day.
    private static InMemoryFolder Folder() => new()
    {
        ["predictions.csv"] = InMemoryTable.Of("txn_id,ts,score,amount,country,is_new,merchant",
            $"a,{Iso(Ms(Day0 + 1, 5))},0.9,12.5,US,true,m1",
            $"b,{Iso(Ms(Day0, 3))},0.1,NA,FR,0,m2",
            $"c,{Ms(Day0, 4) / 1000},0.5,-3,,yes,",
            $"d,{Ms(Day0 + 1, 1)},NaN,7,DE,,m4"),
        ["chargebacks.csv"] = NoChargebacks(),
        ["training.csv"] = Training("10,US,0,0", "900,BR,1,1", "NA,,,"),
    };

    [Fact]
    public void Import_then_load_gives_back_every_value_ordered_by_day()
    {
        var result = Db.Import(Card(), Folder());

        Assert.Equal(("fraud-scorer-2.1", 4L, 3L, 0L), (result.DatasetId, result.Rows, result.TrainingRows, result.QuarantinedRows));
        var frame = Db.Store.LoadProduction(result.DatasetId);
        // b and c are on Day0 (file order), a and d on Day0 + 1 (file order); c's time was Unix seconds, d's Unix ms.
        Assert.Equal([Ms(Day0, 3), Ms(Day0, 4), Ms(Day0 + 1, 5), Ms(Day0 + 1, 1)], frame.Timestamps);
        Assert.Equal([0.1, 0.5, 0.9, double.NaN], frame.Scores);
        Assert.Equal(new byte[] { 0, 1, 1, 0 }, frame.Predictions); // score >= 0.5; NaN is not flagged
        Assert.Equal([double.NaN, -3, 12.5, 7], ((NumericColumn)frame.Features["amount"]).Values);
        Assert.Equal([0, 1, 1, double.NaN], ((NumericColumn)frame.Features["is_new"]).Values);

        var country = (CategoricalColumn)frame.Features["country"];
        // The card's values get codes 0 and 1 in card order; FR is new (BR comes from training). c has no country.
        Assert.Equal(["US", "DE", "FR", "BR"], country.Categories);
        Assert.Equal([2, CategoricalColumn.Missing, 0, 1], country.Codes);

        Assert.Equal(["b", "c", "a", "d"], Db.Store.LoadText(result.DatasetId, "txn_id"));
        Assert.Equal(["m2", "", "m1", "m4"], Db.Store.LoadText(result.DatasetId, "merchant"));
    }

    [Fact]
    public void Training_rows_share_category_codes_and_keep_labels()
    {
        var id = Db.Import(Card(), Folder()).DatasetId;

        var training = Db.Store.LoadTraining(id);

        Assert.Equal([10, 900, double.NaN], ((NumericColumn)training.Features["amount"]).Values);
        var country = (CategoricalColumn)training.Features["country"];
        Assert.Equal(["US", "DE", "FR", "BR"], country.Categories);
        Assert.Equal([0, 3, CategoricalColumn.Missing], country.Codes);
        Assert.Equal(new sbyte[] { 0, 1, LabelValue.Unknown }, training.Labels);
        Assert.All(training.Scores, s => Assert.True(double.IsNaN(s)));
        Assert.Equal(new long[3], training.Timestamps);
    }

    [Fact]
    public void A_prediction_column_overrides_the_threshold_rule()
    {
        var folder = new InMemoryFolder
        {
            ["predictions.csv"] = InMemoryTable.Of("txn_id,ts,score,flagged,amount,country,is_new",
                $"a,{Iso(Ms(Day0))},0.9,0,1,US,0", $"b,{Iso(Ms(Day0, 1))},0.1,1,1,US,0", $"c,{Iso(Ms(Day0, 2))},0.7,,1,US,0"),
            ["chargebacks.csv"] = NoChargebacks(),
            ["training.csv"] = Training(),
        };

        var frame = Db.Store.LoadProduction(Db.Import(Card(predictionColumn: "flagged"), folder).DatasetId);

        Assert.Equal(new byte[] { 0, 1, 1 }, frame.Predictions); // c has no decision: the threshold rule fills it
    }

    [Fact]
    public void Dataset_info_and_card_round_trip()
    {
        var card = Card();
        Db.Import(card, Folder(), new ImportOptions(Name: "Fraud Q3 / replay", MaxBadRowShare: 1));

        var info = Assert.Single(Db.Store.List());

        Assert.Equal(("fraud-q3-replay", "Fraud Q3 / replay", 4L, 3L), (info.Id, info.Name, info.Rows, info.TrainingRows));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(Ms(Day0, 3)), info.FirstEvent);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(Ms(Day0 + 1, 5)), info.LastEvent);
        Assert.Equal(((PositiveEventsLabels)card.Labels).AsOf, info.AsOf);
        Assert.Equal(DateTimeOffset.Parse("2025-01-01T00:00:00Z"), info.ImportedAt);
        var labels = Assert.IsType<PositiveEventsLabels>(info.Card.Labels);
        Assert.Equal(card.Labels, labels);
        Assert.Equal(card with { Labels = labels, Features = info.Card.Features, MetricsAtLaunch = info.Card.MetricsAtLaunch }, info.Card);
        Assert.Equal(card.Features.Select(f => (f.Name, f.Type, string.Join("|", f.Values ?? []))),
            info.Card.Features.Select(f => (f.Name, f.Type, string.Join("|", f.Values ?? []))));
        Assert.Equal(card.MetricsAtLaunch, info.Card.MetricsAtLaunch);
        var found = Db.Store.Find("fraud-q3-replay");
        Assert.NotNull(found);
        Assert.Equal(info, found with { Card = info.Card });
        Assert.Null(Db.Store.Find("other"));
    }

    [Fact]
    public void Explicit_label_source_round_trips_as_its_own_type()
    {
        var card = Card(new ExplicitLabels("labels.csv", "txn_id", "label", null));
        var folder = Folder();
        folder.Remove("chargebacks.csv");
        folder["labels.csv"] = InMemoryTable.Of("txn_id,label", "a,1");

        Db.Import(card, folder);

        Assert.Equal(card.Labels, Assert.Single(Db.Store.List()).Card.Labels);
    }

    [Fact]
    public void Day_stats_aggregate_each_day_without_reading_chunks()
    {
        var id = Db.Import(Card(), Folder()).DatasetId;

        var production = Db.Store.DailyStats(id).Where(d => d.Source == "production").ToList();

        Assert.Equal([Day0, Day0 + 1], production.Select(d => d.Day));
        Assert.Equal([2L, 2L], production.Select(d => d.Rows));
        Assert.Equal([1L, 1L], production.Select(d => d.Flagged));
        Assert.Equal(0.3, production[0].MeanScore, 12);
        Assert.Equal(0.9, production[1].MeanScore, 12); // d has no score
        Assert.Equal(0, Db.Store.ChunksRead);
    }
}
