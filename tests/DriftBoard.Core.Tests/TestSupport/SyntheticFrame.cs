using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Tests.TestSupport;

/// <summary>
/// Seeded synthetic production frames with a known truth: daily traffic, a positive rate, a recall per day, label delays
/// for positives and a negative-by-maturity rule, exactly as a positive-events feed would be imported.
/// </summary>
internal sealed record SyntheticFrame
{
    public DateOnly Start { get; init; } = new(2026, 1, 5); // a Monday
    public int Days { get; init; } = 7 * 30;
    public int RowsPerDay { get; init; } = 1000;
    public double PositiveRate { get; init; } = 0.02;
    public double FalsePositiveRate { get; init; } = 0.01;

    /// <summary>Probability that a positive on day index d (0-based) is flagged.</summary>
    public Func<int, double> RecallOnDay { get; init; } = _ => 0.8;

    /// <summary>Label delay of a positive, drawn from the seeded random source, in milliseconds.</summary>
    public Func<Random, long> PositiveDelayMs { get; init; } = random => (long)(random.NextDouble() * 30 * UtcDays.MsPerDay);

    /// <summary>Negative-by-maturity horizon; null makes every negative known at its prediction time.</summary>
    public int? MaturityDays { get; init; } = 45;

    public int Seed { get; init; } = 7;

    /// <summary>Labels are known as of midnight after the last day.</summary>
    public DateTimeOffset AsOf => DateTimeOffset.FromUnixTimeMilliseconds(UtcDays.ToUnixMs(Start.AddDays(Days)));

    public DateOnly DayOf(int dayIndex) => Start.AddDays(dayIndex);

    /// <summary>The analysis context matching this frame's as-of and maturity rule.</summary>
    public AnalysisContext Context(PerformanceSettings? settings = null) => new(AsOf, MaturityDays, Settings: settings);

    /// <summary>The ISO weeks covering a frame's rows.</summary>
    public static IReadOnlyList<TimeWindow> Weeks(DatasetFrame frame) => WindowPlanner.Plan(frame.Timestamps[0], frame.Timestamps[^1], WindowSize.Week);

    public DatasetFrame Build()
    {
        var random = new Random(Seed);
        var count = Days * RowsPerDay;
        var timestamps = new long[count];
        var scores = new double[count];
        var predictions = new byte[count];
        var labels = new sbyte[count];
        var knownAt = new long[count];
        var asOf = AsOf.ToUnixTimeMilliseconds();
        var row = 0;
        for (var d = 0; d < Days; d++)
        {
            var dayStart = UtcDays.ToUnixMs(DayOf(d));
            var recall = RecallOnDay(d);
            for (var r = 0; r < RowsPerDay; r++, row++)
            {
                var ts = dayStart + (long)((r + 0.5) / RowsPerDay * UtcDays.MsPerDay);
                var positive = random.NextDouble() < PositiveRate;
                var flagged = random.NextDouble() < (positive ? recall : FalsePositiveRate);
                timestamps[row] = ts;
                // Flagged rows score in [0.5, 1), the others in [0, 0.5): the threshold is 0.5.
                scores[row] = (flagged ? 0.5 : 0) + (random.NextDouble() * 0.5);
                predictions[row] = flagged ? (byte)1 : (byte)0;
                var known = positive ? ts + PositiveDelayMs(random) : ts + ((MaturityDays ?? 0) * UtcDays.MsPerDay);
                var isKnown = known <= asOf;
                labels[row] = !isKnown ? LabelValue.Unknown : positive ? LabelValue.Positive : LabelValue.Negative;
                knownAt[row] = isKnown ? known : long.MaxValue;
            }
        }

        return new DatasetFrame
        {
            Timestamps = timestamps,
            Scores = scores,
            Predictions = predictions,
            Labels = labels,
            LabelKnownAt = knownAt,
            Features = new Dictionary<string, FeatureColumn>(),
        };
    }
}
