using DriftBoard.Core.Analysis.Aggregates;
using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Demo;
using DriftBoard.Core.Domain;
using DriftBoard.Storage.Aggregates;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Tests.Storage;

namespace DriftBoard.Storage.Tests.Aggregates;

/// <summary>The SQLite store's per-day counts against the same counts taken from the loaded frame.</summary>
public sealed class ChunkAggregateSourceTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "driftboard-tests", Guid.NewGuid().ToString("N"));
    private readonly string _id;
    private readonly DatasetFrame _production;
    private readonly DatasetFrame _training;

    public ChunkAggregateSourceTests()
    {
        DemoDatasetWriter.Write(_folder, DemoSettings.Default with { PerDay = 150, TrainingRows = 3000 });
        _id = new DatasetImporter(_db.Database).Import(_folder, new ImportOptions(), null, CancellationToken.None).DatasetId;
        _production = _db.Store.LoadProduction(_id);
        _training = _db.Store.LoadTraining(_id);
    }

    [Fact]
    public void Every_features_daily_counts_equal_the_counts_of_the_loaded_rows()
    {
        var chunks = new ChunkAggregateSource(_db.Database);
        var frame = new FrameAggregateSource(_production);
        var card = _db.Store.Find(_id)!.Card;
        var profiles = DriftTable.Profiles(_training, card.Features);
        Assert.Contains(profiles, p => p.Type == FeatureType.Numeric);
        Assert.Contains(profiles, p => p.Type != FeatureType.Numeric);
        foreach (var profile in profiles)
        {
            if (profile.Type == FeatureType.Numeric)
            {
                var binning = NumericBinning.From(profile);
                var expected = frame.NumericCounts(_id, profile.Feature, binning);
                var actual = chunks.NumericCounts(_id, profile.Feature, binning);
                Assert.Equal(expected.Select(d => d.Day), actual.Select(d => d.Day));
                for (var d = 0; d < expected.Count; d++)
                {
                    Assert.Equal(expected[d].Counts.Rows, actual[d].Counts.Rows);
                    Assert.Equal(expected[d].Counts.Cells, actual[d].Counts.Cells);
                }
            }
            else
            {
                var expected = frame.CategoryCounts(_id, profile.Feature);
                var actual = chunks.CategoryCounts(_id, profile.Feature);
                Assert.Equal(expected.Count, actual.Count);
                for (var d = 0; d < expected.Count; d++)
                {
                    Assert.Equal(expected[d].Day, actual[d].Day);
                    Assert.Equal(expected[d].Counts.Names, actual[d].Counts.Names);
                    Assert.Equal(expected[d].Counts.Counts, actual[d].Counts.Counts);
                    Assert.Equal(expected[d].Counts.Missing, actual[d].Counts.Missing);
                }
            }
        }

        Assert.Empty(chunks.CategoryCounts(_id, "no_such_feature"));
    }

    [Fact]
    public void Outcomes_and_the_row_sample_equal_those_of_the_loaded_rows()
    {
        var chunks = new ChunkAggregateSource(_db.Database);
        double[] edges = [0.1, 0.42, 0.9];
        var expected = new FrameAggregateSource(_production).OutcomeCounts(_id, edges);
        var actual = chunks.OutcomeCounts(_id, edges);
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(expected.Sum(d => d.Counts.TotalPositives) > 0);
        for (var d = 0; d < expected.Count; d++)
        {
            Assert.Equal(expected[d].Day, actual[d].Day);
            Assert.Equal(expected[d].Counts.FlaggedPositives, actual[d].Counts.FlaggedPositives);
            Assert.Equal(expected[d].Counts.Labelled, actual[d].Counts.Labelled);
            Assert.Equal(expected[d].Counts.Rows, actual[d].Counts.Rows);
        }

        var sampling = new RowSampling(MaxRowsPerDay: 40);
        var sample = chunks.Sample(_id, sampling);
        var reference = RowSampler.Sample(_production, sampling);
        Assert.InRange(sample.Count, 1, _production.Count / 3);
        Assert.Equal(reference.Timestamps, sample.Timestamps);
        Assert.Equal(reference.Labels, sample.Labels);
        var feature = _production.Features.Keys.First();
        Assert.Equal(reference.Features[feature].Length, sample.Features[feature].Length);
    }

    public void Dispose()
    {
        _db.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
