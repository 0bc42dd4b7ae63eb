using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Report;

namespace DriftBoard.Web.Tests.Analysis;

/// <summary>Small hand-made analysis reports: weekly windows from Monday 2026-06-01, a drop in the fourth week.</summary>
internal static class TestReports
{
    public static readonly DateOnly FirstMonday = new(2026, 6, 1);

    public static AnalysisReport Incident(string datasetId = "fraud", int weeks = 6, string window = "week")
    {
        var performance = new List<WindowPerformance>();
        var estimated = new List<EstimatedWindowPerformance>();
        for (var w = 0; w < weeks; w++)
        {
            var start = FirstMonday.AddDays(7 * w);
            var recall = w < 3 ? 0.82 : 0.55;
            // The last week's labels are still arriving; its precision is not meaningful yet (NaN, as the engine writes it).
            var provisional = w == weeks - 1;
            performance.Add(Window(start, start.AddDays(7), recall, recall - 0.04, recall + 0.04,
                provisional ? double.NaN : 0.31, provisional));
            estimated.Add(new EstimatedWindowPerformance(start, start.AddDays(7), 2100, 2100, w < 3 ? 0.8 : 0.78, 0.3, 0.02, 0.05));
        }

        return new AnalysisReport(
            AnalysisReport.CurrentSchemaVersion,
            new DatasetSection(datasetId, "fraud-gbm", "3.2", Rows: 12_600, LabelledRows: 11_000, TrainingRows: 5_000,
                new DateTimeOffset(FirstMonday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                new DateTimeOffset(FirstMonday.AddDays(7 * weeks - 1).ToDateTime(new TimeOnly(23, 0)), TimeSpan.Zero),
                new DateTimeOffset(FirstMonday.AddDays(7 * weeks).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                window, "training", 0.5),
            performance,
            estimated,
            new CalibrationReport(FirstMonday, FirstMonday.AddDays(28), 8_000, 160, 0.012),
            new RecallDropReport(Detected: true, Baseline: 0.8237, Current: 0.5512, StartDate: FirstMonday.AddDays(23), Significance: 0.001, Drop: 0.2725, WindowsTested: weeks),
            Drift(weeks),
            new RootCause(
                RootCauseCategory.DataDrift,
                ["amount", "merchant_category"],
                FirstMonday.AddDays(21),
                0.87,
                "`amount` shifted upward from 2026-06-22 and the model misses the new large-amount fraud.",
                [
                    new Evidence(RootCauseCategory.DataDrift, "PSI of amount rose above the major threshold", "amount",
                        [new NamedValue("psi", 0.3141), new NamedValue("ks_p_value", 0.00002)]),
                    new Evidence(RootCauseCategory.ConceptDrift, "Estimated recall stays close to realised recall", null,
                        [new NamedValue("gap", 0.02)]),
                ],
                [
                    new AlternativeCause(RootCauseCategory.ConceptDrift, 0.21, "The label-free estimate follows the realised recall."),
                    new AlternativeCause(RootCauseCategory.LabelShift, 0.05, "The positive rate is unchanged."),
                ]),
            [],
            null,
            [],
            new Detection(FirstMonday.AddDays(35), ["psi:amount"], "Visible in labels on 2026-07-06."),
            []);
    }

    public static WindowPerformance Window(DateOnly start, DateOnly end, double recall, double low, double high, double precision, bool provisional) =>
        new(start, end, Rows: 2100, Labelled: provisional ? 900 : 2000, Positives: 60, TruePositives: (int)(60 * recall), Flagged: 100,
            LabelMaturity: provisional ? 0.4 : 1, PastMaturityShare: provisional ? 0.1 : 1, provisional, TooSmall: false,
            recall, low, high, precision, precision - 0.05, precision + 0.05, AlertRate: 0.048,
            RocAuc: 0.9, RocAucLow: 0.88, RocAucHigh: 0.92, PrAuc: 0.5, PrAucLow: 0.45, PrAucHigh: 0.55);

    private static IReadOnlyList<FeatureDriftSeries> Drift(int weeks)
    {
        DriftWindowReport Cell(int w, double? psi, string severity, bool tooSmall = false, double? positiveRate = null) => new(
            FirstMonday.AddDays(7 * w), FirstMonday.AddDays(7 * w + 7), tooSmall ? 80 : 2100, tooSmall, severity, psi,
            null, null, null, null, null, null, 0, null, [], [], null, positiveRate);

        return
        [
            // The score series comes first in the report on purpose: the heatmap puts features first regardless.
            new FeatureDriftSeries("score", DriftSeriesType.Score, [.. Enumerable.Range(0, weeks).Select(w => Cell(w, w < 3 ? 0.02 : 0.12, w < 3 ? "none" : "moderate"))]),
            new FeatureDriftSeries("amount", DriftSeriesType.Numeric, [.. Enumerable.Range(0, weeks).Select(w => Cell(w, w < 3 ? 0.03 : 0.31, w < 3 ? "none" : "major"))]),
            new FeatureDriftSeries("merchant category", DriftSeriesType.Categorical,
                [.. Enumerable.Range(0, weeks).Select(w => w == 1 ? Cell(w, null, "none", tooSmall: true) : Cell(w, 0.15, "moderate"))]),
            new FeatureDriftSeries("label", DriftSeriesType.Label, [.. Enumerable.Range(0, weeks).Select(w => Cell(w, null, "none", positiveRate: 0.0286))]),
        ];
    }
}
