using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Fixes;
using DriftBoard.Core.Analysis.Surrogate;
using Xunit.Abstractions;

namespace DriftBoard.Core.Tests.Analysis.Fixes;

public class UpstreamRestoreTests(ITestOutputHelper output)
{
    const double Threshold = SyntheticIncident.Threshold;

    /// <summary>From row 40,000 of 80,000 a broken join fills the amount with a default on 35% of rows, at random.</summary>
    static (SyntheticIncident.Result Incident, int[] Healthy, int[] Affected) PartialDefault(int seed)
    {
        var incident = SyntheticIncident.Build(new(Rows: 80_000, Seed: seed, AmountDefaultFrom: 40_000, AmountDefaultShare: 0.35));
        return (incident, RowSets.Range(0, 40_000), RowSets.Range(40_000, 40_000));
    }

    [Fact]
    public void A_partial_default_fill_is_recognised_with_the_rows_it_broke()
    {
        var (incident, healthy, affected) = PartialDefault(seed: 51);
        var frame = incident.Frame;

        var plan = InputRepair.Infer(frame, healthy, frame, affected, SyntheticIncident.Amount, seed: 3);

        Assert.NotNull(plan);
        Assert.Equal("default_fill", plan.Kind);
        Assert.NotNull(plan.IsBroken);
        var broken = affected.Count(plan.IsBroken);
        Assert.InRange(broken, 0.33 * affected.Length, 0.37 * affected.Length);
        Assert.DoesNotContain(healthy, row => plan.IsBroken(row));
        Assert.Contains(SyntheticIncident.Amount, plan.BrokenDescription);
    }

    [Fact]
    public void Restoring_the_source_is_estimated_on_the_intact_rows_and_recovers_what_imputation_cannot()
    {
        var (incident, healthy, affected) = PartialDefault(seed: 52);
        var frame = incident.Frame;
        var actual = SyntheticIncident.Recall(frame.Scores, frame, affected, Threshold);
        var truth = SyntheticIncident.Recall(incident.CleanScores, frame, affected, Threshold);
        var plan = InputRepair.Infer(frame, healthy, frame, affected, SyntheticIncident.Amount, seed: 3)!;
        var surrogate = SurrogateModel.Fit(frame, healthy, Threshold);

        var restore = FixSimulator.RestoreUpstream(frame, affected, Threshold, plan.Feature, plan.IsBroken!, plan.BrokenDescription!);
        var impute = FixSimulator.RepairInput(surrogate, frame, affected, plan.Feature, plan.Repair, plan.Description);
        output.WriteLine($"actual {actual} truth {truth}\n{restore}\n{impute}");

        Assert.Equal(FixKind.ShortTerm, restore.Kind);
        Assert.True(truth - actual > 0.1, "the planted fault must cost recall");
        Assert.InRange(truth, restore.ExpectedRecallLow, restore.ExpectedRecallHigh);
        Assert.True(restore.ExpectedRecallHigh > restore.ExpectedRecallLow);
        Assert.True(restore.ExpectedRecall > impute.ExpectedRecall, $"restore {restore.ExpectedRecall} vs impute {impute.ExpectedRecall}");
        Assert.True(restore.AlertRateChange > 0, "restored values bring back the alerts the default suppressed");
        Assert.Contains("intact", restore.Method);
        Assert.StartsWith("Restore the upstream source of 'amount'", restore.Title);
    }

    [Fact]
    public void The_input_contract_takes_the_numbers_of_the_fix_it_is_based_on()
    {
        var (incident, healthy, affected) = PartialDefault(seed: 53);
        var frame = incident.Frame;
        var plan = InputRepair.Infer(frame, healthy, frame, affected, SyntheticIncident.Amount, seed: 3)!;
        var restore = FixSimulator.RestoreUpstream(frame, affected, Threshold, plan.Feature, plan.IsBroken!, plan.BrokenDescription!);

        var contract = FixSimulator.InputContract(restore, plan.Feature, "reject batches where one amount dominates");

        Assert.Equal(FixKind.Structural, contract.Kind);
        Assert.Equal((restore.ExpectedRecall, restore.ExpectedRecallLow, restore.ExpectedRecallHigh), (contract.ExpectedRecall, contract.ExpectedRecallLow, contract.ExpectedRecallHigh));
        Assert.Contains(restore.Title, contract.Method);
    }
}
