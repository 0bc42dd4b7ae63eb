using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Tests.Analysis.Drift;

public class LabelRateSeriesTests
{
    private static readonly FeatureSpec Amount = new("amount", FeatureType.Numeric);

    [Fact]
    public void The_label_rate_counts_positives_over_all_rows_and_judges_only_windows_whose_labels_arrived()
    {
        // Reference: 1% positives. Production: two weeks of 1,000 rows with 10 positives each; a chargeback feed has
        // confirmed none of the negatives yet (labelled = positives only). The second week is still provisional.
        var reference = Frame(new long[1000], Labels(1000, positives: 10, unknown: false));
        var start = new DateOnly(2026, 6, 1);
        long[] timestamps = [.. Enumerable.Repeat(UtcDays.ToUnixMs(start), 1000), .. Enumerable.Repeat(UtcDays.ToUnixMs(start.AddDays(7)), 1000)];
        var production = Frame(timestamps, [.. Labels(1000, 10, unknown: true), .. Labels(1000, 10, unknown: true)]);
        var windows = WindowPlanner.Plan(timestamps[0], timestamps[^1], WindowSize.Week);
        var ranges = WindowRows.Ranges(timestamps, windows);
        WindowPerformance[] performance = [Window(windows[0], provisional: false), Window(windows[1], provisional: true)];
        var profiles = DriftTable.Profiles(reference, [Amount]);
        var table = DriftTable.Compute(profiles, production, windows, ranges);

        var series = DriftSeriesBuilder.Build(Card(), reference, production, windows, ranges, profiles, table, ranges[0], performance, DriftThresholds.Default);

        var label = Assert.Single(series, s => s.Type == DriftSeriesType.Label);
        Assert.Equal(0.01, label.Windows[0].PositiveRate!.Value, 12);
        Assert.False(label.Windows[0].TooSmall);
        Assert.Equal("none", label.Windows[0].Severity);
        Assert.True(label.Windows[0].Psi < 1e-9);
        Assert.True(label.Windows[1].TooSmall);
        Assert.Null(label.Windows[1].Psi);
        Assert.Equal("none", label.Windows[1].Severity);
    }

    private static sbyte[] Labels(int rows, int positives, bool unknown) =>
        [.. Enumerable.Range(0, rows).Select(i => i < positives ? LabelValue.Positive : unknown ? LabelValue.Unknown : LabelValue.Negative)];

    private static WindowPerformance Window(TimeWindow w, bool provisional) =>
        new(w.Start, w.EndExclusive, Rows: 1000, Labelled: 10, Positives: 10, TruePositives: 8, Flagged: 20, LabelMaturity: provisional ? 0.5 : 1,
            PastMaturityShare: 0, Provisional: provisional, TooSmall: true, Recall: 0.8, RecallLow: 0.5, RecallHigh: 0.9, Precision: double.NaN,
            PrecisionLow: double.NaN, PrecisionHigh: double.NaN, AlertRate: 0.02, RocAuc: double.NaN, RocAucLow: double.NaN, RocAucHigh: double.NaN,
            PrAuc: double.NaN, PrAucLow: double.NaN, PrAucHigh: double.NaN);

    private static DatasetFrame Frame(long[] timestamps, sbyte[] labels) => new()
    {
        Timestamps = timestamps,
        Scores = [.. timestamps.Select(_ => 0.5)],
        Predictions = new byte[timestamps.Length],
        Labels = labels,
        LabelKnownAt = [.. timestamps.Select(_ => long.MaxValue)],
        Features = new Dictionary<string, FeatureColumn> { ["amount"] = new NumericColumn(Amount, [.. timestamps.Select((_, i) => (double)(i % 97))]) },
    };

    private static ModelCard Card() => new("m", "1", "binary-classification", "y", "1", 0.5, "id", "ts", "score", null, "p.csv",
        new PositiveEventsLabels("c.csv", "id", "ts", 120, DateTimeOffset.UnixEpoch), new TrainingSpec("t.csv", "y", null), [Amount],
        new Dictionary<string, double>(), "");
}
