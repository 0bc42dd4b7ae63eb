using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Tests.Analysis.Drift;

public class DriftTableTests
{
    private const long Day = 86_400_000;

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

        var windows = WindowPlanner.Plan(timestamps[0], timestamps[^1], WindowSize.Day);
        var table = DriftTable.Compute(profiles, production, windows, WindowRows.Ranges(timestamps, windows));
        Assert.Equal(6, table.Count);
        var severities = table.Select(r => $"{r.Window.Label(WindowSize.Day)}/{r.Statistics.Feature}={r.Statistics.Severity}").ToArray();
        Assert.Equal(
            [
                "1970-01-01/amount=None", "1970-01-01/channel=None",
                "1970-01-02/amount=Major", "1970-01-02/channel=None",
                "1970-01-03/amount=None", "1970-01-03/channel=None",
            ],
            severities);
        Assert.All(table.Where(r => r.Window.Label(WindowSize.Day) == "1970-01-03"), r => Assert.True(r.Statistics.TooSmall));
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
