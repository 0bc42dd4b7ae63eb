using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.RootCauses;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Tests.TestSupport;

namespace DriftBoard.Core.Tests.Analysis.RootCauses;

/// <summary>
/// The classifier on a second, independent generator (explicit 45-day maturity, 3% positives, a continuous amount that
/// drives the score) and on degenerate input, without the optional drift table and attribution.
/// </summary>
public class SyntheticIncidentTests
{
    [Fact]
    public void A_default_filling_the_main_input_is_a_schema_change_on_that_input_from_its_day()
    {
        var synthetic = new SyntheticFeatureFrame { ZeroFillFromDay = 100, ExtraFeatures = 3 };

        var verdict = Classify(synthetic);

        Assert.True(verdict.Category == RootCauseCategory.SchemaChange, verdict.Summary);
        Assert.Equal("amount", verdict.Features[0]);
        Assert.Equal(synthetic.DayOf(100), verdict.StartDate);
        Assert.Contains("exactly 0", verdict.Summary);
        Assert.Contains("never holds", verdict.Summary);
        Assert.InRange(verdict.Confidence, 0.5, 1);
    }

    [Fact]
    public void A_benign_shift_of_an_unused_input_is_no_degradation_and_the_summary_says_so()
    {
        var synthetic = new SyntheticFeatureFrame { AgeShift = day => day < 90 ? 0 : Math.Min(day - 90, 20) * 0.6 };

        var verdict = Classify(synthetic);

        Assert.True(verdict.Category == RootCauseCategory.None, verdict.Summary);
        Assert.Empty(verdict.Features);
        Assert.Null(verdict.StartDate);
        Assert.Contains("`age`", verdict.Summary);
        Assert.Contains("benign", verdict.Summary);
    }

    [Fact]
    public void An_empty_log_gives_no_degradation_without_throwing()
    {
        var synthetic = new SyntheticFeatureFrame();
        var empty = new DatasetFrame
        {
            Timestamps = [],
            Scores = [],
            Predictions = [],
            Labels = [],
            LabelKnownAt = [],
            Features = synthetic.Specs.ToDictionary(
                s => s.Name,
                s => s.Type == FeatureType.Categorical ? (FeatureColumn)new CategoricalColumn(s, [], SyntheticFeatureFrame.Channels) : new NumericColumn(s, [])),
        };
        var context = new AnalysisContext(synthetic.AsOf, synthetic.MaturityDays);
        var drop = RecallDrop.Detect([], context.Settings);

        var verdict = RootCauseClassifier.Classify(new RootCauseInputs(empty, synthetic.Reference(), Card(synthetic), context, [], drop));

        Assert.Equal(RootCauseCategory.None, verdict.Category);
        Assert.Equal(4, verdict.Alternatives.Count);
        // Nothing mature to judge recall on: the verdict says so instead of claiming certainty.
        Assert.Equal(0, verdict.Confidence);
        Assert.StartsWith("Only 0 window(s) have enough mature labels", verdict.Summary);
    }

    private static RootCause Classify(SyntheticFeatureFrame synthetic)
    {
        var production = synthetic.Production();
        var context = new AnalysisContext(synthetic.AsOf, synthetic.MaturityDays, Settings: new PerformanceSettings { BootstrapReplicates = 0 });
        var windows = WindowPlanner.Plan(production.Timestamps[0], production.Timestamps[^1], WindowSize.Week);
        var timeline = PerformanceTimeline.Compute(production, windows, context);
        var drop = RecallDrop.Detect(timeline, context.Settings);
        return RootCauseClassifier.Classify(new RootCauseInputs(production, synthetic.Reference(), Card(synthetic), context, timeline, drop));
    }

    private static ModelCard Card(SyntheticFeatureFrame synthetic) => new(
        "synthetic", "1", "binary_classification", "y", "1", 0.5, "id", "ts", "score", null, "predictions.csv",
        new ExplicitLabels("labels.csv", "id", "y", "known_at"), new TrainingSpec("training.csv", "y", null),
        synthetic.Specs, new Dictionary<string, double>(), "");
}
