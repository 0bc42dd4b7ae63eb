using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Tests.Analysis.Drift;

public class DriftTableTests
{
    private const long Day = 86_400_000;

    [Fact]
    public void Windows_split_a_day_ordered_frame_by_day_week_and_month()
    {
        // 2026-12-30 (Wed), 2026-12-31, 2027-01-01, 2027-01-04 (Mon): 20817..20822 days since the epoch.
        long[] timestamps = [20817 * Day, 20817 * Day + 5, 20818 * Day, 20819 * Day + 1, 20822 * Day];

        var days = DriftWindows.Split(timestamps, WindowSize.Day);
        Assert.Equal(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-04"], days.Select(w => w.Label));
        Assert.Equal([2, 1, 1, 1], days.Select(w => w.RowCount));
        Assert.Equal([0, 2, 3, 4], days.Select(w => w.FirstRow));

        // 2027-01-01 is a Friday of ISO week 2026-W53; 2027-01-04 starts 2027-W01.
        var weeks = DriftWindows.Split(timestamps, WindowSize.IsoWeek);
        Assert.Equal(["2026-W53", "2027-W01"], weeks.Select(w => w.Label));
        Assert.Equal(new DateOnly(2026, 12, 28), weeks[0].Start);
        Assert.Equal(new DateOnly(2027, 1, 3), weeks[0].End);

        var months = DriftWindows.Split(timestamps, WindowSize.Month);
        Assert.Equal(["2026-12", "2027-01"], months.Select(w => w.Label));
        Assert.Equal([3, 2], months.Select(w => w.RowCount));
        Assert.Empty(DriftWindows.Split([], WindowSize.Day));
    }

    [Fact]
    public void The_table_flags_only_the_window_where_the_feature_moved()
    {
        var amount = Synthetic.NumericSpec();
        var channel = Synthetic.CategoricalSpec();
        string[] categories = ["web", "store"];

        var training = Frame(
            new long[4000],
            new NumericColumn(amount, Synthetic.Normal(1, 4000, 50, 10)),
            new CategoricalColumn(channel, Synthetic.Codes(1, 2400, 1600), categories));

        // Day 0: like training. Day 1: amount shifted by a standard deviation. Day 2: 100 rows only, shifted.
        long[] timestamps = [.. Enumerable.Repeat(0L, 1000), .. Enumerable.Repeat(Day, 1000), .. Enumerable.Repeat(2 * Day, 100)];
        double[] amounts = [.. Synthetic.Normal(2, 1000, 50, 10), .. Synthetic.Normal(3, 1000, 60, 10), .. Synthetic.Normal(4, 100, 60, 10)];
        int[] codes = [.. Synthetic.Codes(2, 600, 400), .. Synthetic.Codes(3, 600, 400), .. Synthetic.Codes(4, 60, 40)];
        var production = Frame(timestamps, new NumericColumn(amount, amounts), new CategoricalColumn(channel, codes, categories));

        var profiles = DriftTable.Profiles(training, [amount, channel, new FeatureSpec("absent", FeatureType.Numeric)]);
        Assert.Equal(["amount", "channel"], profiles.Select(p => p.Feature));

        var table = DriftTable.Compute(profiles, production, DriftWindows.Split(timestamps, WindowSize.Day));
        Assert.Equal(6, table.Count);
        var severities = table.Select(r => $"{r.Window.Label}/{r.Statistics.Feature}={r.Statistics.Severity}").ToArray();
        Assert.Equal(
            [
                "1970-01-01/amount=None", "1970-01-01/channel=None",
                "1970-01-02/amount=Major", "1970-01-02/channel=None",
                "1970-01-03/amount=None", "1970-01-03/channel=None",
            ],
            severities);
        Assert.All(table.Where(r => r.Window.Label == "1970-01-03"), r => Assert.True(r.Statistics.TooSmall));
        Assert.Equal(1000, table[2].Statistics.Rows);
    }

    private static DatasetFrame Frame(long[] timestamps, params FeatureColumn[] columns) => new()
    {
        Timestamps = timestamps,
        Scores = new double[timestamps.Length],
        Predictions = new byte[timestamps.Length],
        Labels = new sbyte[timestamps.Length],
        LabelKnownAt = new long[timestamps.Length],
        Features = columns.ToDictionary(c => c.Spec.Name),
    };
}
