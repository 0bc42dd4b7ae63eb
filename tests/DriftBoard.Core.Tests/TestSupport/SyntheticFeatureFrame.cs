using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Tests.TestSupport;

/// <summary>
/// Seeded production and training frames with features the score depends on, for monitor replays. Features:
/// <c>amount</c> (numeric, log-normal, no card range: the score's main input), <c>age</c> (numeric, card range 18–100,
/// not used by the score), <c>channel</c> (categorical with card values), <c>is_new</c> (boolean). Positives have larger
/// amounts, so zeroing amounts (a broken join filling a default) lowers their scores and the model's recall. Positive
/// labels arrive after a seeded delay; negatives become known after <see cref="MaturityDays"/>, as with a chargeback feed.
/// </summary>
internal sealed record SyntheticFeatureFrame
{
    public static readonly string[] Channels = ["web", "app", "pos", "phone"];

    public DateOnly Start { get; init; } = new(2026, 1, 5);
    public int Days { get; init; } = 180;
    public int RowsPerDay { get; init; } = 1000;
    public int ReferenceRows { get; init; } = 20_000;
    public double PositiveRate { get; init; } = 0.03;
    public int MaturityDays { get; init; } = 45;
    public int Seed { get; init; } = 11;

    /// <summary>Extra numeric features (<c>extra_1</c>, …, standard normal, unused by the score), to reach a realistic width.</summary>
    public int ExtraFeatures { get; init; }

    /// <summary>From this day index on, a share <see cref="ZeroFillShare"/> of rows get amount 0; null for never.</summary>
    public int? ZeroFillFromDay { get; init; }

    public double ZeroFillShare { get; init; } = 0.4;

    /// <summary>
    /// From this day index on, the logged score is multiplied by <see cref="ScoreScale"/> before the threshold (a
    /// redeployed model with a different calibration); null for never.
    /// </summary>
    public int? ScoreScaleFromDay { get; init; }

    public double ScoreScale { get; init; } = 0.8;

    /// <summary>Added to the mean age on day index d (a benign drift: age does not enter the score).</summary>
    public Func<int, double> AgeShift { get; init; } = _ => 0;

    /// <summary>Positive label delay, in milliseconds.</summary>
    public Func<Random, long> PositiveDelayMs { get; init; } = random => (long)((3 + (random.NextDouble() * 27)) * UtcDays.MsPerDay);

    public DateTimeOffset AsOf => DateTimeOffset.FromUnixTimeMilliseconds(UtcDays.ToUnixMs(Start.AddDays(Days)));

    public DateOnly DayOf(int dayIndex) => Start.AddDays(dayIndex);

    public IReadOnlyList<FeatureSpec> Specs =>
    [
        new("amount", FeatureType.Numeric),
        new("age", FeatureType.Numeric, RangeMin: 18, RangeMax: 100),
        new("channel", FeatureType.Categorical, Values: Channels),
        new("is_new", FeatureType.Boolean),
        .. Enumerable.Range(1, ExtraFeatures).Select(k => new FeatureSpec($"extra_{k}", FeatureType.Numeric)),
    ];

    public DatasetFrame Production()
    {
        var random = new Random(Seed);
        var columns = new Columns(Days * RowsPerDay, ExtraFeatures);
        var asOf = AsOf.ToUnixTimeMilliseconds();
        var row = 0;
        for (var d = 0; d < Days; d++)
        {
            var dayStart = UtcDays.ToUnixMs(DayOf(d));
            for (var r = 0; r < RowsPerDay; r++, row++)
            {
                var ts = dayStart + (long)((r + 0.5) / RowsPerDay * UtcDays.MsPerDay);
                var zeroFill = d >= ZeroFillFromDay && random.NextDouble() < ZeroFillShare;
                var positive = columns.Draw(random, row, PositiveRate, AgeShift(d), zeroFill, d >= ScoreScaleFromDay ? ScoreScale : 1);
                columns.Timestamps[row] = ts;
                var known = positive ? ts + PositiveDelayMs(random) : ts + (MaturityDays * UtcDays.MsPerDay);
                columns.Labels[row] = known > asOf ? LabelValue.Unknown : positive ? LabelValue.Positive : LabelValue.Negative;
                columns.KnownAt[row] = known > asOf ? long.MaxValue : known;
            }
        }

        return columns.Frame(Specs, withScores: true);
    }

    /// <summary>Training rows from the healthy process: labels known, no scores (NaN), no timestamps (0).</summary>
    public DatasetFrame Reference()
    {
        var random = new Random(Seed + 1);
        var columns = new Columns(ReferenceRows, ExtraFeatures);
        for (var row = 0; row < ReferenceRows; row++)
        {
            var positive = columns.Draw(random, row, PositiveRate, 0, zeroFill: false, scoreScale: 1);
            columns.Labels[row] = positive ? LabelValue.Positive : LabelValue.Negative;
        }

        return columns.Frame(Specs, withScores: false);
    }

    private sealed class Columns(int count, int extra)
    {
        public long[] Timestamps { get; } = new long[count];
        public double[] Scores { get; } = new double[count];
        public byte[] Predictions { get; } = new byte[count];
        public sbyte[] Labels { get; } = new sbyte[count];
        public long[] KnownAt { get; } = new long[count];
        private readonly double[] _amount = new double[count];
        private readonly double[] _age = new double[count];
        private readonly int[] _channel = new int[count];
        private readonly double[] _isNew = new double[count];
        private readonly double[][] _extra = [.. Enumerable.Range(0, extra).Select(_ => new double[count])];

        /// <summary>Draws one row's features, score and decision; returns whether it is a positive.</summary>
        public bool Draw(Random random, int row, double positiveRate, double ageShift, bool zeroFill, double scoreScale)
        {
            var positive = random.NextDouble() < positiveRate;
            var amount = Math.Exp((positive ? 5.8 : 4.0) + (0.8 * Normal(random)));
            var isNew = random.NextDouble() < (positive ? 0.5 : 0.2) ? 1.0 : 0.0;
            var channelDraw = random.NextDouble();
            double[] cumulative = positive ? [0.5, 0.7, 0.9] : [0.3, 0.7, 0.9];
            var channel = 0;
            while (channel < cumulative.Length && channelDraw >= cumulative[channel])
            {
                channel++;
            }

            _amount[row] = zeroFill ? 0 : amount;
            _age[row] = Math.Clamp(40 + ageShift - (positive ? 4 : 0) + (10 * Normal(random)), 18, 95);
            _channel[row] = channel;
            _isNew[row] = isNew;
            foreach (var column in _extra)
            {
                column[row] = Normal(random);
            }

            var logit = (2.0 * (Math.Log(1 + _amount[row]) - 5.5)) + (0.8 * isNew) + (0.7 * Normal(random));
            Scores[row] = scoreScale / (1 + Math.Exp(-logit));
            Predictions[row] = Scores[row] >= 0.5 ? (byte)1 : (byte)0;
            return positive;
        }

        public DatasetFrame Frame(IReadOnlyList<FeatureSpec> specs, bool withScores)
        {
            var features = new Dictionary<string, FeatureColumn>
            {
                ["amount"] = new NumericColumn(specs[0], _amount),
                ["age"] = new NumericColumn(specs[1], _age),
                ["channel"] = new CategoricalColumn(specs[2], _channel, Channels),
                ["is_new"] = new NumericColumn(specs[3], _isNew),
            };
            for (var k = 0; k < _extra.Length; k++)
            {
                features[specs[4 + k].Name] = new NumericColumn(specs[4 + k], _extra[k]);
            }

            if (!withScores)
            {
                Array.Fill(Scores, double.NaN);
            }

            return new DatasetFrame
            {
                Timestamps = Timestamps,
                Scores = Scores,
                Predictions = Predictions,
                Labels = Labels,
                LabelKnownAt = withScores ? KnownAt : [.. Labels.Select(_ => 0L)],
                Features = features,
            };
        }

        private static double Normal(Random random) =>
            Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
