using DriftBoard.Core.Analysis.Fixes;
using DriftBoard.Core.Analysis.Surrogate;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Tests.Analysis.Fixes;

public class LabelModelTests
{
    [Fact]
    public void Learns_the_label_generating_probabilities()
    {
        var incident = SyntheticIncident.Build(new(Rows: 60_000, Seed: 31));
        var frame = incident.Frame;

        var model = LabelModel.Fit(frame, RowSets.Range(0, 40_000));
        var test = RowSets.Range(40_000, 20_000);
        var scores = model.Score(frame, test);

        Assert.True(model.Converged);
        Assert.InRange(model.Iterations, 2, 15);
        var meanAbsoluteError = SyntheticIncident.MeanAbsoluteError(scores, incident.CleanScores, test);
        // Labels are drawn from the clean scores, so a good fit lands close to them.
        Assert.True(meanAbsoluteError < 0.015, $"mean absolute error {meanAbsoluteError}");
    }

    [Fact]
    public void Class_balancing_raises_the_scores_of_rare_positives()
    {
        var frame = SyntheticIncident.Build(new(Rows: 20_000, Seed: 32)).Frame;
        var rows = RowSets.Range(0, 20_000);

        var plain = LabelModel.Fit(frame, rows).Score(frame, rows);
        var balanced = LabelModel.Fit(frame, rows, new LabelModelOptions(BalanceClasses: true)).Score(frame, rows);

        Assert.True(balanced.Average() > 2 * plain.Average());
    }

    [Fact]
    public void Rows_without_both_classes_are_rejected()
    {
        var frame = SyntheticIncident.Build(new(Rows: 5_000, Seed: 33)).Frame;
        var negatives = RowSets.Range(0, 5_000).Where(row => frame.Labels[row] == LabelValue.Negative).ToArray();
        Assert.Throws<ArgumentException>(() => LabelModel.Fit(frame, negatives));
    }
}
