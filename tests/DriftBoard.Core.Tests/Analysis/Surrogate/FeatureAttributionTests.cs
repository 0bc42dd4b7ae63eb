using DriftBoard.Core.Analysis.Surrogate;
using Xunit.Abstractions;

namespace DriftBoard.Core.Tests.Analysis.Surrogate;

public class FeatureAttributionTests(ITestOutputHelper output)
{
    [Fact]
    public void A_planted_unit_change_is_ranked_first()
    {
        var incident = SyntheticIncident.Build(new(Rows: 60_000, Seed: 5, UnitChangeFrom: 40_000));
        var frame = incident.Frame;
        var healthy = RowSets.Range(0, 40_000);
        var affected = RowSets.Range(40_000, 20_000);
        var surrogate = SurrogateModel.Fit(frame, healthy, SyntheticIncident.Threshold);

        var before = SyntheticIncident.Recall(frame.Scores, frame, healthy, SyntheticIncident.Threshold);
        var after = SyntheticIncident.Recall(frame.Scores, frame, affected, SyntheticIncident.Threshold);
        var attribution = FeatureAttribution.Compute(surrogate, frame, affected, frame, healthy);
        foreach (var result in attribution)
        {
            output.WriteLine(result.ToString());
        }
        output.WriteLine($"recall before {before} after {after}");

        Assert.True(after < before - 0.2, $"the unit change should cost recall: {before} → {after}");
        Assert.Equal(SyntheticIncident.Tenure, attribution[0].Feature);
        Assert.True(attribution[0].Recovered > 0.5 * (before - after), $"recovered {attribution[0].Recovered}");
        Assert.All(attribution.Skip(1), result => Assert.True(Math.Abs(result.Recovered) < 0.05, result.ToString()));
        Assert.Equal(5, attribution.Count);
    }

    [Fact]
    public void Without_labelled_positives_recalls_are_NaN_and_order_is_by_name()
    {
        var frame = SyntheticIncident.Build(new(Rows: 2_000, Seed: 6)).Frame;
        var surrogate = SurrogateModel.Fit(frame, RowSets.Range(0, 2_000), SyntheticIncident.Threshold);
        var negatives = RowSets.Range(0, 2_000).Where(row => frame.Labels[row] == 0).ToArray();

        var attribution = FeatureAttribution.Compute(surrogate, frame, negatives, frame, RowSets.Range(0, 2_000));

        Assert.All(attribution, result => Assert.True(double.IsNaN(result.Recovered)));
        Assert.Equal(attribution.Select(r => r.Feature).Order(StringComparer.Ordinal), attribution.Select(r => r.Feature));
    }
}
