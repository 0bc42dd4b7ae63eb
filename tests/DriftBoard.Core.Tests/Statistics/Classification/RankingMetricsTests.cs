using DriftBoard.Core.Statistics.Classification;

namespace DriftBoard.Core.Tests.Statistics.Classification;

public class RankingMetricsTests
{
    // scikit-learn's documented example: roc_auc_score = 0.75, average_precision_score = 0.8333...
    private static readonly double[] ExampleScores = [0.1, 0.4, 0.35, 0.8];
    private static readonly sbyte[] ExampleLabels = [0, 0, 1, 1];

    [Fact]
    public void Sklearn_documented_example()
    {
        Assert.Equal(0.75, RocAuc.Compute(ExampleScores, ExampleLabels), 12);
        Assert.Equal(5.0 / 6, AveragePrecision.Compute(ExampleScores, ExampleLabels), 12);
    }

    [Fact]
    public void Ties_count_one_half_in_auc_and_enter_together_in_average_precision()
    {
        // By hand, descending: 0.9 negative; tie group 0.8 with two positives and one negative; 0.3 positive.
        // AUC: positives at 0.8 beat nothing, tie one negative (0.5 each) → 1.0; the 0.3 positive beats nothing → 1/6.
        // AP: after 0.8 group TP = 2, FP = 2, P = 1/2, ΔR = 2/3; after 0.3 TP = 3, FP = 2, P = 3/5, ΔR = 1/3 → 1/3 + 1/5.
        double[] scores = [0.9, 0.8, 0.8, 0.8, 0.3];
        sbyte[] labels = [0, 1, 1, 0, 1];

        Assert.Equal(1.0 / 6, RocAuc.Compute(scores, labels), 12);
        Assert.Equal((1.0 / 3) + (1.0 / 5), AveragePrecision.Compute(scores, labels), 12);
    }

    [Fact]
    public void All_tied_scores_give_chance_auc_and_base_rate_average_precision()
    {
        double[] scores = [0.5, 0.5, 0.5, 0.5];
        sbyte[] labels = [1, 0, 0, 0];

        Assert.Equal(0.5, RocAuc.Compute(scores, labels), 12);
        Assert.Equal(0.25, AveragePrecision.Compute(scores, labels), 12);
    }

    [Fact]
    public void Unknown_labels_and_nan_scores_are_skipped()
    {
        double[] scores = [0.1, 0.99, 0.4, double.NaN, 0.35, 0.8];
        sbyte[] labels = [0, -1, 0, 1, 1, 1];

        Assert.Equal(0.75, RocAuc.Compute(scores, labels), 12);
        Assert.Equal(5.0 / 6, AveragePrecision.Compute(scores, labels), 12);
    }

    [Fact]
    public void One_class_or_empty_is_undefined_except_average_precision_of_positives_only()
    {
        Assert.True(double.IsNaN(RocAuc.Compute([], [])));
        Assert.True(double.IsNaN(RocAuc.Compute([0.2, 0.3], [1, 1])));
        Assert.True(double.IsNaN(AveragePrecision.Compute([0.2, 0.3], [0, 0])));
        Assert.Equal(1.0, AveragePrecision.Compute([0.2, 0.3], [1, 1]));
    }

    [Fact]
    public void Weights_act_as_repeated_rows()
    {
        double[] scores = [0.9, 0.8, 0.8, 0.3, 0.1];
        sbyte[] labels = [0, 1, 0, 1, 0];
        var ranked = RankedScores.Create(scores, labels);
        // Sorted ascending: 0.1(0), 0.3(1), 0.8(?), 0.8(?), 0.9(0); weight 2 on the 0.3 positive and 0 on the 0.9 negative.
        int[] weights = [1, 2, 1, 1, 0];

        var weighted = ranked.Compute(weights);
        double[] repeatedScores = [0.8, 0.8, 0.3, 0.3, 0.1];
        sbyte[] repeatedLabels = [1, 0, 1, 1, 0];

        Assert.Equal(RocAuc.Compute(repeatedScores, repeatedLabels), weighted.RocAuc, 12);
        Assert.Equal(AveragePrecision.Compute(repeatedScores, repeatedLabels), weighted.AveragePrecision, 12);
    }
}
