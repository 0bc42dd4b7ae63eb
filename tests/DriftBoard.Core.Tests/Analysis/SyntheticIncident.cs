using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Tests.Analysis;

/// <summary>
/// A seeded synthetic production log for a fraud-like binary classifier: five mixed features, a logistic "true model"
/// whose sigmoid is the logged score, labels drawn from the label-generating logit on the true (uncorrupted) inputs.
/// Optional incidents: from <see cref="Options.UnitChangeFrom"/> the logged <c>tenure</c> is ×100 (the pipeline changed units,
/// the model scores the wrong values); from <see cref="Options.AmountDefaultFrom"/> the logged amount is a constant default; from <see cref="Options.ConceptChangeFrom"/> the labels follow a different logit
/// (a new fraud pattern the model does not know).
/// </summary>
internal static class SyntheticIncident
{
    public const double Threshold = 0.25;
    public const string Tenure = "tenure";
    public const string Amount = "amount";
    public const string Velocity = "velocity";
    public const string Channel = "channel";
    public const string Foreign = "is_foreign";
    static readonly string[] Channels = ["web", "app", "phone", "fax"];

    /// <param name="AmountDefaultFrom">From this row the logged amount is the constant <see cref="AmountDefault"/> (a broken join filling a default).</param>
    /// <param name="AmountDefaultShare">The share of rows from <paramref name="AmountDefaultFrom"/> that get the default (drawn at random); 1 = all.</param>
    public sealed record Options(int Rows, int Seed, int UnitChangeFrom = int.MaxValue, int ConceptChangeFrom = int.MaxValue, int AmountDefaultFrom = int.MaxValue, double AmountDefaultShare = 1);

    public const double AmountDefault = 1.0;

    /// <summary>The frame and, per row, the model's score on the true inputs (what it would have logged without the unit change).</summary>
    public sealed record Result(DatasetFrame Frame, double[] CleanScores);

    public static Result Build(Options options)
    {
        var n = options.Rows;
        var random = new Random(options.Seed);
        var tenure = new double[n];
        var amount = new double[n];
        var velocity = new double[n];
        var channel = new int[n];
        var foreign = new double[n];
        var scores = new double[n];
        var clean = new double[n];
        var labels = new sbyte[n];
        var timestamps = new long[n];
        var knownAt = new long[n];
        var predictions = new byte[n];
        const long start = 1_767_225_600_000; // 2026-01-01 UTC
        for (var i = 0; i < n; i++)
        {
            tenure[i] = Math.Max(0.05, 3 + Normal(random));
            amount[i] = random.NextDouble() < 0.05 ? double.NaN : Math.Exp(4 + 0.5 * Normal(random));
            velocity[i] = 10 * random.NextDouble();
            var u = random.NextDouble();
            channel[i] = u < 0.03 ? CategoricalColumn.Missing : u < 0.50 ? 0 : u < 0.85 ? 1 : u < 0.998 ? 2 : 3;
            foreign[i] = random.NextDouble() < 0.15 ? 1 : 0;

            var trueLogit = ModelLogit(tenure[i], amount[i], velocity[i], channel[i], foreign[i]);
            var loggedTenure = i >= options.UnitChangeFrom ? tenure[i] * 100 : tenure[i];
            // Only a partial default draws from the generator, so frames with a full default stay as they were.
            var defaulted = i >= options.AmountDefaultFrom && (options.AmountDefaultShare >= 1 || random.NextDouble() < options.AmountDefaultShare);
            var loggedAmount = defaulted ? AmountDefault : amount[i];
            clean[i] = Sigmoid(trueLogit);
            scores[i] = Sigmoid(ModelLogit(loggedTenure, loggedAmount, velocity[i], channel[i], foreign[i]));
            var labelLogit = i >= options.ConceptChangeFrom
                ? ChangedLogit(tenure[i], amount[i], velocity[i], channel[i], foreign[i])
                : trueLogit;
            labels[i] = random.NextDouble() < Sigmoid(labelLogit) ? LabelValue.Positive : LabelValue.Negative;
            tenure[i] = loggedTenure;
            amount[i] = loggedAmount;
            timestamps[i] = start + i * 60_000L;
            knownAt[i] = timestamps[i] + 30 * 86_400_000L;
            predictions[i] = scores[i] >= Threshold ? (byte)1 : (byte)0;
        }
        var frame = new DatasetFrame
        {
            Timestamps = timestamps,
            Scores = scores,
            Predictions = predictions,
            Labels = labels,
            LabelKnownAt = knownAt,
            Features = new Dictionary<string, FeatureColumn>
            {
                [Tenure] = new NumericColumn(new FeatureSpec(Tenure, FeatureType.Numeric), tenure),
                [Amount] = new NumericColumn(new FeatureSpec(Amount, FeatureType.Numeric), amount),
                [Velocity] = new NumericColumn(new FeatureSpec(Velocity, FeatureType.Numeric), velocity),
                [Channel] = new CategoricalColumn(new FeatureSpec(Channel, FeatureType.Categorical), channel, Channels),
                [Foreign] = new NumericColumn(new FeatureSpec(Foreign, FeatureType.Boolean), foreign),
            },
        };
        return new Result(frame, clean);
    }

    /// <summary>The deployed model: linear in tenure, log-amount (missing is risky), a velocity hinge, channel and foreign effects.</summary>
    static double ModelLogit(double tenure, double amount, double velocity, int channel, double foreign) =>
        -3.2
        - 0.9 * (tenure - 3)
        + (double.IsNaN(amount) ? 0.8 : 1.6 * (Math.Log(amount) - 4))
        + 0.7 * Math.Max(0, velocity - 6)
        + channel switch { 1 => 0.4, 2 => 0.9, 3 => 1.5, CategoricalColumn.Missing => 0.3, _ => 0 }
        + 1.2 * foreign;

    /// <summary>A new pattern: low-velocity app traffic with small amounts becomes risky; the old velocity signal fades.</summary>
    static double ChangedLogit(double tenure, double amount, double velocity, int channel, double foreign) =>
        -3.2
        - 0.9 * (tenure - 3)
        + (double.IsNaN(amount) ? 0.8 : -1.2 * (Math.Log(amount) - 4))
        + 0.1 * Math.Max(0, velocity - 6)
        + channel switch { 1 => 1.8, 2 => 0.9, 3 => 1.5, CategoricalColumn.Missing => 0.3, _ => 0 }
        + 1.2 * foreign;

    public static double Recall(double[] scores, DatasetFrame frame, int[] rows, double threshold)
    {
        int positives = 0, hits = 0;
        foreach (var row in rows)
        {
            if (frame.Labels[row] == LabelValue.Positive)
            {
                positives++;
                hits += scores[row] >= threshold ? 1 : 0;
            }
        }
        return (double)hits / positives;
    }

    /// <summary>Mean |scores[i] − reference[rows[i]]|: scores aligned with rows, reference indexed by row.</summary>
    public static double MeanAbsoluteError(double[] scores, double[] reference, int[] rows)
    {
        var sum = 0.0;
        for (var i = 0; i < rows.Length; i++)
        {
            sum += Math.Abs(scores[i] - reference[rows[i]]);
        }
        return sum / rows.Length;
    }

    static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
