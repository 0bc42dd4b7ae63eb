using DriftBoard.Cli.Benchmarks;
using DriftBoard.Core.Demo;
using DriftBoard.Core.Domain;

namespace DriftBoard.Cli.Tests.Benchmarks;

public sealed class MeasurementTests
{
    [Fact]
    public void Spread_takes_the_middle_value_or_the_mean_of_the_two_middle_values()
    {
        Assert.Equal(new Spread(2, 1, 9), Spread.Of([9, 1, 2]));
        Assert.Equal(new Spread(2.5, 1, 9), Spread.Of([9, 1, 2, 3]));
        var empty = Spread.Of([]);
        Assert.True(double.IsNaN(empty.Median) && double.IsNaN(empty.Min) && double.IsNaN(empty.Max));
    }

    [Fact]
    public void Rates_are_computed_per_run()
    {
        var m = new Measurement("parse", "", rows: 1000, bytes: 2_000_000);
        m.Add(TimeSpan.FromSeconds(1));
        m.Add(TimeSpan.FromSeconds(4));

        Assert.Equal(new Spread(2.5, 1, 4), m.Seconds);
        // Per run: 1000/s and 250/s; the median of two is their mean, not 1000 / 2.5.
        Assert.Equal(new Spread(625, 250, 1000), m.RowsPerSecond);
        Assert.Equal(new Spread(1.25, 0.5, 2), m.MegabytesPerSecond);
        Assert.Null(new Measurement("setup", "", rows: 0).RowsPerSecond);
        Assert.Null(m.CpuSeconds);
    }

    [Fact]
    public void Cpu_time_gives_rows_per_cpu_second_beside_the_wall_rate()
    {
        var m = new Measurement("import", "", rows: 1000);
        m.Add(new Timing(Wall: TimeSpan.FromSeconds(4), Cpu: TimeSpan.FromSeconds(2)));

        Assert.Equal(new Spread(250, 250, 250), m.RowsPerSecond);
        Assert.Equal(new Spread(500, 500, 500), m.RowsPerCpuSecond);
        Assert.Equal(2, m.CpuSeconds!.Median);
    }

    [Fact]
    public void Scaling_keeps_the_demo_days_and_its_training_share()
    {
        var demo = DemoSettings.Default with { Days = 100, PerDay = 1000, TrainingRows = 25_000 };

        var scaled = ImportBenchmark.Scale(demo, 1_000_000);

        Assert.Equal(100, scaled.Days);
        Assert.Equal(10_000, scaled.PerDay);
        Assert.Equal(250_000, scaled.TrainingRows);
        Assert.Equal(1, ImportBenchmark.Scale(demo, 3).PerDay);
    }

    [Fact]
    public void The_middle_month_is_the_calendar_month_holding_the_middle_of_the_period()
    {
        var first = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var last = new DateTimeOffset(2026, 9, 30, 23, 0, 0, TimeSpan.Zero);
        var card = new ModelCard("m", "1", "binary-classification", "y", "1", 0.5, "id", "ts", "score", null, "p.csv",
            new PositiveEventsLabels("l.csv", "id", "t", 30, last), new TrainingSpec("t.csv", "y", null),
            [new FeatureSpec("x", FeatureType.Numeric)], new Dictionary<string, double>(), "");
        var info = new DatasetInfo("d", "d", "m", "1", 10, 0, 0, 0, first, last, last, last, card);

        var (from, to) = ImportBenchmark.MiddleMonth(info);

        // Half of the 182 days 23 hours after 1 April 00:00 is 1 July 11:30, so July: the day numbers of 1 July and 1 August.
        Assert.Equal(new DateOnly(2026, 7, 1).DayNumber - new DateOnly(1970, 1, 1).DayNumber, from);
        Assert.Equal(new DateOnly(2026, 8, 1).DayNumber - new DateOnly(1970, 1, 1).DayNumber, to);
    }
}
