using DriftBoard.Core.Analysis.Detail;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;
using static DriftBoard.Core.Tests.Analysis.Detail.DetailFrames;

namespace DriftBoard.Core.Tests.Analysis.Detail;

public sealed class ThresholdCurveTests
{
    private const sbyte P = LabelValue.Positive, N = LabelValue.Negative, U = LabelValue.Unknown;

    // Day 0 readable, day 1 provisional (ignored), day 2 readable.
    private static readonly (int, double, bool, sbyte)[] Rows =
    [
        (0, 0.10, false, P), (0, 0.29, false, N), (0, 0.29, false, P), (0, 0.50, true, U), (0, 0.90, true, P), (0, double.NaN, false, N),
        (1, 0.99, true, P), (1, 0.99, true, P),
        (2, 0.30, false, N), (2, 0.95, true, P),
    ];

    private static ThresholdCurve Curve(DateOnly? from)
    {
        var frame = Frame(Rows);
        var timeline = new[] { Window(0), Window(1, provisional: true), Window(2) };
        var ranges = WindowRows.Ranges(frame.Timestamps, [Day(0), Day(1), Day(2)]);
        return ThresholdCurve.Compute(frame, timeline, ranges, from, modelThreshold: 0.5);
    }

    [Fact]
    public void Counts_readable_windows_only_and_reads_every_point_from_the_buckets()
    {
        var curve = Curve(from: null);

        Assert.Equal(101, curve.Points.Count);
        Assert.Equal((2, 2, 8L, 4L, 1L), (curve.Windows, curve.Days, curve.Rows, curve.Positives, curve.PresumedNegatives));

        // A score equal to a grid value is flagged at that value: both 0.29 rows count at 0.29 and not at 0.30.
        var at029 = curve.Points[29];
        Assert.Equal(0.29, at029.Threshold);
        Assert.Equal((6L, 3L), (at029.Flagged, at029.TruePositives));
        Assert.Equal(0.75, at029.Recall, 12);
        // The unlabelled 0.50 row of a readable window is presumed negative.
        Assert.Equal(0.5, at029.Precision, 12);
        Assert.Equal(3.0, at029.DailyAlerts, 12);

        var at030 = curve.Points[30];
        Assert.Equal((4L, 2L), (at030.Flagged, at030.TruePositives));
        Assert.Equal(0.5, at030.Recall, 12);
        Assert.Equal(0.5, at030.Precision, 12);
        Assert.Equal(2.0, at030.DailyAlerts, 12);

        // Threshold 0 flags every scored row (the NaN score never); 1 flags none, so precision is undefined.
        Assert.Equal((7L, 4L), (curve.Points[0].Flagged, curve.Points[0].TruePositives));
        Assert.Equal(1.0, curve.Points[0].Recall);
        Assert.Equal(4.0 / 7, curve.Points[0].Precision, 12);
        Assert.Equal(0L, curve.Points[100].Flagged);
        Assert.Equal(0.0, curve.Points[100].Recall);
        Assert.True(double.IsNaN(curve.Points[100].Precision));
    }

    [Fact]
    public void From_keeps_only_rows_of_the_affected_period()
    {
        var curve = Curve(from: Day0.AddDays(2));

        Assert.Equal((1, 1, 2L, 1L), (curve.Windows, curve.Days, curve.Rows, curve.Positives));
        var at030 = curve.Points[30];
        Assert.Equal(1.0, at030.Recall);
        Assert.Equal(0.5, at030.Precision);
        Assert.Equal(2.0, at030.DailyAlerts);
    }

    [Fact]
    public void At_returns_the_nearest_grid_point()
    {
        var curve = Curve(from: null);

        Assert.Same(curve.Points[29], curve.At(0.2912));
        Assert.Same(curve.Points[30], curve.At(0.2962));
        Assert.Same(curve.Points[0], curve.At(-3));
        Assert.Same(curve.Points[100], curve.At(7));
        Assert.Null(curve.At(double.NaN));
    }

    [Fact]
    public void Without_readable_windows_every_rate_is_undefined()
    {
        var frame = Frame(Rows);
        var ranges = WindowRows.Ranges(frame.Timestamps, [Day(0), Day(1), Day(2)]);
        var curve = ThresholdCurve.Compute(frame, [Window(0, tooSmall: true), Window(1, provisional: true), Window(2, provisional: true)], ranges, null, 0.5);

        Assert.Equal(0L, curve.Rows);
        Assert.All(curve.Points, p => Assert.True(double.IsNaN(p.Recall) && double.IsNaN(p.Precision) && double.IsNaN(p.DailyAlerts)));
    }
}
