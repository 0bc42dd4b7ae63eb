using DriftBoard.Core.Analysis.Detail;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;
using static DriftBoard.Core.Tests.Analysis.Detail.DetailFrames;

namespace DriftBoard.Core.Tests.Analysis.Detail;

public sealed class FeatureDetailTests
{
    private const sbyte P = LabelValue.Positive, N = LabelValue.Negative;

    [Fact]
    public void Numeric_feature_is_binned_on_the_reference_deciles_with_recall_per_bin()
    {
        var spec = new FeatureSpec("x", FeatureType.Numeric);
        // Five 1s and five 2s: the deciles collapse to the edges [1, 1.5, 2]; one reference value is missing.
        double[] referenceValues = [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, double.NaN];
        sbyte[] referenceLabels = [P, P, N, N, N, P, N, N, N, N, N];
        var reference = Frame([.. referenceLabels.Select(l => (0, double.NaN, false, l))], new NumericColumn(spec, referenceValues));
        // Day 0 is the production reference period, day 1 the chosen window.
        var production = Frame(
            [
                (0, 0.9, true, P), (0, 0.1, false, P), (0, 0.9, true, P), (0, 0.1, false, N),
                (1, 0.1, false, P), (1, 0.9, true, P), (1, 0.9, true, P), (1, 0.9, true, N), (1, 0.9, true, P), (1, 0.1, false, N),
            ],
            new NumericColumn(spec, [1, 1, 2, 2, 1, 3, 3, 3, double.NaN, 1.2]));
        var ranges = WindowRows.Ranges(production.Timestamps, [Day(0), Day(1)]);
        var statistics = new DriftWindowReport(Day0.AddDays(1), Day0.AddDays(1), 6, true, "none", 0.42, null, null, null, null, null, null, 1.0 / 6, null, [], [], null);
        var series = new FeatureDriftSeries("x", DriftSeriesType.Numeric, [statistics]);

        var detail = FeatureDetail.Compute(spec, reference, Day(1), new RowSample(production, ranges[1]), Day(0), new RowSample(production, ranges[0]), series);

        Assert.Equal(["≤ 1", "1 – 1.5", "1.5 – 2", "> 2", FeatureDetail.MissingLabel], detail.Segments.Select(s => s.Label));
        Assert.Equal((11L, 6L, 3L, 4L), (detail.ReferenceRows, detail.WindowRows, detail.ReferencePositives, detail.WindowPositives));
        Assert.Equal([5L, 0, 5, 0, 1], detail.Segments.Select(s => s.ReferenceRows));
        Assert.Equal([1L, 1, 0, 3, 1], detail.Segments.Select(s => s.WindowRows));
        Assert.Equal([2L, 0, 1, 0, 0], detail.Segments.Select(s => s.ReferencePositives));
        Assert.Equal([1L, 0, 0, 2, 1], detail.Segments.Select(s => s.WindowPositives));
        Assert.Equal(5.0 / 11, detail.Segments[0].ReferenceShare, 12);
        Assert.Equal(0.5, detail.Segments[3].WindowShare, 12);
        Assert.Equal(0.5, detail.Segments[3].WindowPositiveShare, 12);
        Assert.Equal(2.0 / 3, detail.Segments[0].ReferencePositiveShare, 12);
        Assert.Equal((null, 1.0), (detail.Segments[0].Lower, detail.Segments[0].Upper));
        Assert.Equal((1.5, 2.0), (detail.Segments[2].Lower, detail.Segments[2].Upper));

        // Recall by segment: the window misses its positive at 1, catches those above 2 and the missing one.
        Assert.Equal(0.0, detail.Segments[0].WindowRecall.Recall);
        Assert.True(double.IsNaN(detail.Segments[1].WindowRecall.Recall));
        Assert.Equal(1.0, detail.Segments[3].WindowRecall.Recall);
        Assert.Equal(1.0, detail.Segments[4].WindowRecall.Recall);
        Assert.Equal(new SegmentRecall(2, 1), detail.Segments[0].ReferencePeriodRecall);
        Assert.Equal(new SegmentRecall(1, 1), detail.Segments[2].ReferencePeriodRecall);

        Assert.Same(statistics, detail.Statistics);
        Assert.Same(series, detail.Series);
    }

    [Fact]
    public void Categorical_feature_shows_new_categories_and_folds_the_rarest_past_the_cap()
    {
        var spec = new FeatureSpec("c", FeatureType.Categorical);
        string[] categories = ["a", "b", "c"];
        var reference = Frame([(0, double.NaN, false, P), (0, double.NaN, false, N), (0, double.NaN, false, N), (0, double.NaN, false, N)],
            new CategoricalColumn(spec, [0, 0, 1, -1], categories));
        var production = Frame([(1, 0.9, true, P), (1, 0.1, false, P), (1, 0.1, false, N)], new CategoricalColumn(spec, [0, 2, 2], categories));
        var window = new RowRange(0, 3);

        var all = FeatureDetail.Compute(spec, reference, Day(1), new RowSample(production, window), null, null, null);

        Assert.Equal(["a", "b", "c", FeatureDetail.MissingLabel], all.Segments.Select(s => s.Label));
        Assert.Equal([2L, 1, 0, 1], all.Segments.Select(s => s.ReferenceRows));
        Assert.Equal([1L, 0, 2, 0], all.Segments.Select(s => s.WindowRows));
        Assert.Equal(0.0, all.Segments[2].WindowRecall.Recall);
        Assert.Equal(1.0, all.Segments[0].WindowRecall.Recall);
        Assert.Equal(0, all.OtherCategories);
        Assert.Null(all.Statistics);

        // a: 3 rows over both samples, c: 2, b: 1 — with a cap of 2, b goes into "(other)".
        var capped = FeatureDetail.Compute(spec, reference, Day(1), new RowSample(production, window), null, null, null, maxCategories: 2);

        Assert.Equal(["a", "c", FeatureDetail.OtherLabel, FeatureDetail.MissingLabel], capped.Segments.Select(s => s.Label));
        Assert.Equal([2L, 0, 1, 1], capped.Segments.Select(s => s.ReferenceRows));
        Assert.Equal(1, capped.OtherCategories);
    }

    [Fact]
    public void Boolean_feature_has_false_and_true_and_no_missing_segment_when_nothing_is_missing()
    {
        var spec = new FeatureSpec("flag", FeatureType.Boolean);
        var reference = Frame([(0, double.NaN, false, N), (0, double.NaN, false, P)], new NumericColumn(spec, [0, 1]));
        var production = Frame([(1, 0.9, true, P), (1, 0.9, true, N), (1, 0.9, true, N)], new NumericColumn(spec, [1, 1, 1]));

        var detail = FeatureDetail.Compute(spec, reference, Day(1), new RowSample(production, new RowRange(0, 3)), null, null, null);

        Assert.Equal(["false", "true"], detail.Segments.Select(s => s.Label));
        Assert.Equal([0.0, 1.0], detail.Segments.Select(s => s.WindowShare));
        Assert.Equal([0.5, 0.5], detail.Segments.Select(s => s.ReferenceShare));
        Assert.Equal(DriftSeriesType.Boolean, detail.Type);
    }

    [Fact]
    public void Default_window_is_the_largest_PSI_among_windows_large_enough_to_judge()
    {
        static DriftWindowReport W(int day, double? psi, bool tooSmall) =>
            new(Day0.AddDays(day), Day0.AddDays(day), 100, tooSmall, "none", psi, null, null, null, null, null, null, 0, null, [], [], null);

        Assert.Equal(Day0.AddDays(2), FeatureDetail.DefaultWindow(new FeatureDriftSeries("x", "numeric", [W(0, 0.1, false), W(1, 0.9, true), W(2, 0.3, false), W(3, null, false)])));
        Assert.Equal(Day0.AddDays(1), FeatureDetail.DefaultWindow(new FeatureDriftSeries("x", "numeric", [W(0, 0.1, true), W(1, 0.9, true)])));
        Assert.Null(FeatureDetail.DefaultWindow(new FeatureDriftSeries("x", "numeric", [W(0, null, false)])));
    }
}
