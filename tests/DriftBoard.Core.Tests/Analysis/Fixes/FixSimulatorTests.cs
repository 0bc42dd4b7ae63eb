using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Fixes;
using DriftBoard.Core.Analysis.Surrogate;
using DriftBoard.Core.Domain;
using Xunit.Abstractions;

namespace DriftBoard.Core.Tests.Analysis.Fixes;

public class FixSimulatorTests(ITestOutputHelper output)
{
    const double Threshold = SyntheticIncident.Threshold;

    [Fact]
    public void Repairing_a_unit_change_recovers_most_of_the_lost_recall_with_an_interval_containing_the_truth()
    {
        var (frame, surrogate, _, affected, actual, truth) = InputIncident(new(Rows: 60_000, Seed: 21, UnitChangeFrom: 40_000));

        var repair = FixSimulator.RepairInput(surrogate, frame, affected, SyntheticIncident.Tenure, FeatureReplacements.Scale(0.01),
            "Divide tenure by 100 (the feed switched units)");
        output.WriteLine($"actual {actual} truth {truth}\n{repair}");

        Assert.Equal(FixKind.ShortTerm, repair.Kind);
        Assert.True(truth - actual > 0.3, "the planted incident must cost recall");
        Assert.True(repair.ExpectedRecall - actual >= 0.8 * (truth - actual), $"recovered {repair.ExpectedRecall - actual} of {truth - actual}");
        Assert.InRange(truth, repair.ExpectedRecallLow, repair.ExpectedRecallHigh);
        Assert.InRange(repair.ExpectedRecall, repair.ExpectedRecallLow, repair.ExpectedRecallHigh);
        Assert.True(repair.AlertRateChange > 0.5, "undoing the change brings back the alerts the model stopped raising");
        Assert.InRange(repair.ExpectedPrecision, 0.05, 1);
    }

    [Fact]
    public void Imputing_a_constant_default_from_the_reference_recovers_most_of_the_lost_recall()
    {
        var (frame, surrogate, healthy, affected, actual, truth) = InputIncident(new(Rows: 60_000, Seed: 27, AmountDefaultFrom: 40_000));

        var repair = FixSimulator.RepairInput(surrogate, frame, affected, SyntheticIncident.Amount,
            FeatureReplacements.ImputeConstantFrom(SyntheticIncident.AmountDefault, frame, healthy, seed: 4), "Impute amount where it is the default");
        output.WriteLine($"actual {actual} truth {truth}\n{repair}");

        Assert.True(truth - actual > 0.3, "the planted incident must cost recall");
        // Imputation draws from the marginal, not from each row's own value, so it recovers less than undoing a unit change.
        Assert.True(repair.ExpectedRecall - actual >= 0.5 * (truth - actual), $"recovered {repair.ExpectedRecall - actual} of {truth - actual}");
        Assert.True(repair.ExpectedRecall < truth + 0.05);
    }

    [Fact]
    public void An_input_contract_carries_the_repair_numbers_and_says_so()
    {
        var repair = new Fix(FixKind.ShortTerm, "Repair", "d", 0.6, 0.55, 0.65, 0.3, 0.4, "surrogate");
        var contract = FixSimulator.InputContract(repair, "tenure", "Reject tenure above 80 years");

        Assert.Equal(FixKind.Structural, contract.Kind);
        Assert.Equal((0.6, 0.55, 0.65, 0.3, 0.4), (contract.ExpectedRecall, contract.ExpectedRecallLow, contract.ExpectedRecallHigh, contract.ExpectedPrecision, contract.AlertRateChange));
        Assert.Contains("repair", contract.Method, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Reject tenure above 80 years", contract.Description);
    }

    [Fact]
    public void Rethresholding_restores_recall_near_the_baseline_at_lower_precision()
    {
        var frame = SyntheticIncident.Build(new(Rows: 100_000, Seed: 22, ConceptChangeFrom: 40_000)).Frame;
        var baseline = SyntheticIncident.Recall(frame.Scores, frame, RowSets.Range(0, 40_000), Threshold);
        var affected = RowSets.Range(40_000, 60_000);
        var (_, later) = RowSets.SplitInTime(affected);
        var current = SyntheticIncident.Recall(frame.Scores, frame, later, Threshold);
        var currentPrecision = Precision(frame.Scores, frame, later, Threshold);

        var fix = FixSimulator.Rethreshold(frame, affected, Threshold, baseline);
        output.WriteLine($"baseline {baseline} current {current} precision {currentPrecision}\n{fix}");

        Assert.True(current < baseline - 0.1, "the concept change must cost recall");
        Assert.True(Math.Abs(fix.ExpectedRecall - baseline) < 0.05, $"recall {fix.ExpectedRecall} vs baseline {baseline}");
        Assert.InRange(fix.ExpectedRecall, fix.ExpectedRecallLow, fix.ExpectedRecallHigh);
        Assert.True(fix.ExpectedRecallHigh - fix.ExpectedRecallLow < 0.1);
        Assert.True(fix.ExpectedPrecision < currentPrecision, $"precision {fix.ExpectedPrecision} vs current {currentPrecision}");
        Assert.True(fix.AlertRateChange > 0);
        Assert.StartsWith("Lower the alert threshold from 0.25 to ", fix.Title);
    }

    [Fact]
    public void A_rethreshold_that_more_than_triples_the_alerts_says_so_and_the_capped_one_stays_within_budget()
    {
        var (frame, _, healthy, affected, actual, _) = InputIncident(new(Rows: 60_000, Seed: 28, AmountDefaultFrom: 40_000, AmountDefaultShare: 0.85));
        var baseline = SyntheticIncident.Recall(frame.Scores, frame, healthy, Threshold);

        var full = FixSimulator.Rethreshold(frame, affected, Threshold, baseline);
        var capped = FixSimulator.RethresholdWithinAlertBudget(frame, affected, Threshold, FixSimulator.CostlyAlertMultiple);
        output.WriteLine($"baseline {baseline} actual {actual}\n{full}\n{capped}");

        var multiple = full.AlertRateChange + 1;
        Assert.True(multiple > FixSimulator.CostlyAlertMultiple, $"the fixture must need more than 3× the alerts; needs {multiple}");
        Assert.Contains($"restores recall only by flagging {multiple.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}× as many transactions", full.Description);
        Assert.DoesNotContain("restores recall only", capped.Description);
        Assert.InRange(capped.AlertRateChange + 1, 2.5, 3.5);
        Assert.True(capped.ExpectedRecall > actual && capped.ExpectedRecall < full.ExpectedRecall,
            $"capped {capped.ExpectedRecall} between current {actual} and uncapped {full.ExpectedRecall}");
        Assert.InRange(capped.ExpectedRecall, capped.ExpectedRecallLow, capped.ExpectedRecallHigh);
    }

    [Fact]
    public void A_rethreshold_within_three_times_the_alerts_carries_no_warning()
    {
        var frame = SyntheticIncident.Build(new(Rows: 100_000, Seed: 22, ConceptChangeFrom: 40_000)).Frame;
        var baseline = SyntheticIncident.Recall(frame.Scores, frame, RowSets.Range(0, 40_000), Threshold);

        var fix = FixSimulator.Rethreshold(frame, RowSets.Range(40_000, 60_000), Threshold, baseline);

        Assert.True(fix.AlertRateChange + 1 <= FixSimulator.CostlyAlertMultiple, $"alert multiple {fix.AlertRateChange + 1}");
        Assert.DoesNotContain("Warning", fix.Description);
    }

    [Fact]
    public void Retraining_on_a_concept_changed_window_beats_the_old_model_on_the_next_window()
    {
        var frame = SyntheticIncident.Build(new(Rows: 100_000, Seed: 23, ConceptChangeFrom: 40_000)).Frame;
        var baseline = SyntheticIncident.Recall(frame.Scores, frame, RowSets.Range(0, 40_000), Threshold);

        var result = FixSimulator.Retrain(frame, RowSets.Range(40_000, 30_000), RowSets.Range(70_000, 30_000), Threshold, baseline);
        output.WriteLine($"{result}");

        Assert.True(result.Converged);
        Assert.Equal(30_000, result.TrainRows);
        Assert.True(result.AtCurrentAlertRate.ExpectedRecall > result.CurrentRecall + 0.1,
            $"retrained {result.AtCurrentAlertRate.ExpectedRecall} vs current {result.CurrentRecall}");
        Assert.True(result.AtCurrentAlertRate.ExpectedRecallLow > result.CurrentRecall);
        Assert.True(Math.Abs(result.AtCurrentAlertRate.AlertRateChange) < 0.01);
        Assert.True(result.AtCurrentAlertRate.ExpectedPrecision > result.CurrentPrecision);
        Assert.True(Math.Abs(result.AtBaselineRecall.ExpectedRecall - baseline) < 0.05,
            $"at the baseline-recall threshold {result.AtBaselineRecall.ExpectedRecall} vs {baseline}");
        Assert.Equal(FixKind.Structural, result.AtBaselineRecall.Kind);
    }

    [Fact]
    public void A_backtest_window_that_does_not_follow_the_training_window_is_rejected()
    {
        var frame = SyntheticIncident.Build(new(Rows: 4_000, Seed: 24)).Frame;
        Assert.Throws<ArgumentException>(() =>
            FixSimulator.Retrain(frame, RowSets.Range(2_000, 2_000), RowSets.Range(0, 2_000), Threshold, 0.6));
    }

    [Fact]
    public void Without_positives_a_fix_is_reported_as_not_estimable_and_a_recall_outside_zero_to_one_is_rejected()
    {
        var frame = SyntheticIncident.Build(new(Rows: 4_000, Seed: 26)).Frame;
        var negatives = RowSets.Range(0, 4_000).Where(row => frame.Labels[row] == 0).ToArray();

        var fix = FixSimulator.Rethreshold(frame, negatives, Threshold, 0.6);

        Assert.True(double.IsNaN(fix.ExpectedRecall) && double.IsNaN(fix.ExpectedRecallLow) && double.IsNaN(fix.ExpectedPrecision));
        Assert.StartsWith("Not estimable", fix.Method);
        Assert.Throws<ArgumentOutOfRangeException>(() => FixSimulator.Rethreshold(frame, negatives, Threshold, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixSimulator.Rethreshold(frame, negatives, Threshold, 1.5));
    }

    [Fact]
    public void Two_runs_give_identical_numbers()
    {
        Assert.Equal(RunPipeline(), RunPipeline());
    }

    static string RunPipeline()
    {
        var frame = SyntheticIncident.Build(new(Rows: 30_000, Seed: 25, UnitChangeFrom: 20_000, ConceptChangeFrom: 20_000)).Frame;
        var healthy = RowSets.Range(0, 20_000);
        var affected = RowSets.Range(20_000, 10_000);
        var surrogate = SurrogateModel.Fit(frame, healthy, Threshold);
        var attribution = FeatureAttribution.Compute(surrogate, frame, affected, frame, healthy);
        var repair = FixSimulator.RepairInput(surrogate, frame, affected, SyntheticIncident.Tenure,
            FeatureReplacements.ResampleFrom(frame, healthy, seed: 3), "Resample tenure");
        var rethreshold = FixSimulator.Rethreshold(frame, affected, Threshold, 0.6);
        var retrain = FixSimulator.Retrain(frame, RowSets.Range(20_000, 5_000), RowSets.Range(25_000, 5_000), Threshold, 0.6);
        // Round-trip formatting ("R") so any difference in the last bit shows.
        return string.Join('\n',
            string.Join(',', surrogate.Coefficients.Select(c => c.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
            surrogate.Fidelity, string.Join(';', attribution), repair, rethreshold, retrain);
    }

    /// <summary>
    /// An input incident from row 40,000 of 60,000: the surrogate fitted on the healthy rows before it, the model's recall on
    /// the affected rows and the truth (its recall had the inputs been right).
    /// </summary>
    static (DatasetFrame Frame, SurrogateModel Surrogate, int[] Healthy, int[] Affected, double Actual, double Truth) InputIncident(SyntheticIncident.Options options)
    {
        var incident = SyntheticIncident.Build(options);
        var frame = incident.Frame;
        var healthy = RowSets.Range(0, 40_000);
        var affected = RowSets.Range(40_000, 20_000);
        var surrogate = SurrogateModel.Fit(frame, healthy, Threshold);
        return (frame, surrogate, healthy, affected,
            SyntheticIncident.Recall(frame.Scores, frame, affected, Threshold),
            SyntheticIncident.Recall(incident.CleanScores, frame, affected, Threshold));
    }

    static double Precision(double[] scores, DatasetFrame frame, int[] rows, double threshold)
    {
        int flagged = 0, hits = 0;
        foreach (var row in rows)
        {
            if (scores[row] >= threshold)
            {
                flagged++;
                hits += frame.Labels[row] == 1 ? 1 : 0;
            }
        }
        return (double)hits / flagged;
    }
}
