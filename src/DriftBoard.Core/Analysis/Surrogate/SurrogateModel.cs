using DriftBoard.Core.Domain;
using MathNet.Numerics.Statistics;

namespace DriftBoard.Core.Analysis.Surrogate;

/// <summary>How well the surrogate reproduces the logged model on held-out healthy rows.</summary>
/// <param name="R2OnLogit">R² of the surrogate's logit against logit(clamped logged score).</param>
/// <param name="SpearmanOnScore">Rank correlation of surrogate and logged scores.</param>
/// <param name="FlagAgreement">Share of rows where surrogate and logged score fall on the same side of the threshold.</param>
public sealed record SurrogateFidelity(double R2OnLogit, double SpearmanOnScore, double FlagAgreement, int TrainRows, int HoldoutRows);

/// <param name="MaxRows">Healthy rows beyond this are subsampled (seeded) before fitting.</param>
/// <param name="HoldoutEvery">Every n-th fitted row (in time order) is held out to choose λ and to measure fidelity.</param>
/// <param name="RelativeLambdas">Ridge penalties tried, as multiples of the mean diagonal of X'X.</param>
/// <param name="Features">Features to use; null uses every feature of the frame.</param>
public sealed record SurrogateOptions(
    int MaxRows = 200_000,
    int Seed = 7,
    int HoldoutEvery = 5,
    IReadOnlyList<double>? RelativeLambdas = null,
    IReadOnlyList<string>? Features = null,
    FeatureEncoderOptions? Encoder = null)
{
    public static SurrogateOptions Default { get; } = new();
    internal IReadOnlyList<double> Lambdas => RelativeLambdas ?? [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1];
}

/// <summary>
/// A stand-in for the logged model, which the logs hold only as scores: a ridge regression of
/// logit(clamp(score, 1e-6, 1 − 1e-6)) on the encoded features of healthy rows. It re-scores rows with one feature
/// replaced, so drops can be attributed to features and input repairs priced.
/// </summary>
public sealed class SurrogateModel
{
    /// <summary>Fewer scored healthy rows than this cannot give a meaningful holdout.</summary>
    public const int MinimumRows = 50;

    readonly double[] _beta;

    SurrogateModel(FeatureEncoder encoder, double[] beta, double lambda, double threshold, SurrogateFidelity fidelity)
    {
        Encoder = encoder;
        _beta = beta;
        Lambda = lambda;
        Threshold = threshold;
        Fidelity = fidelity;
    }

    public FeatureEncoder Encoder { get; }

    /// <summary>Intercept first, then one coefficient per <see cref="FeatureEncoder.ColumnNames"/> entry (on the logit scale).</summary>
    public IReadOnlyList<double> Coefficients => _beta;

    /// <summary>The chosen ridge penalty (absolute, on the sum of squared logit errors).</summary>
    public double Lambda { get; }

    /// <summary>The model's decision threshold: flag when score ≥ threshold.</summary>
    public double Threshold { get; }

    public SurrogateFidelity Fidelity { get; }

    /// <summary>
    /// Fits on the rows of <paramref name="healthyRows"/> that have a finite score. λ is chosen on a deterministic holdout
    /// (every <see cref="SurrogateOptions.HoldoutEvery"/>-th row), fidelity is that holdout's, and the final coefficients
    /// are refitted on all rows with the chosen relative λ.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than <see cref="MinimumRows"/> scored rows.</exception>
    public static SurrogateModel Fit(DatasetFrame frame, int[] healthyRows, double threshold, SurrogateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        options ??= SurrogateOptions.Default;
        var rows = RowSets.Subsample(RowSets.Scored(frame, healthyRows), options.MaxRows, options.Seed);
        if (rows.Length < MinimumRows)
        {
            throw new ArgumentException($"The surrogate needs at least {MinimumRows} scored rows; got {rows.Length}.", nameof(healthyRows));
        }
        var every = Math.Max(2, options.HoldoutEvery);
        var encoder = FeatureEncoder.Fit(frame, rows, options.Features, options.Encoder);
        var p = encoder.ColumnCount + 1;
        var train = new Gram(p);
        var holdout = new Gram(p);
        var bound = encoder.Bind(frame, null, null);
        var scores = frame.Scores;
        Design.ForEachBlock(bound, p - 1, rows, (block, start, count) =>
        {
            for (var r = 0; r < count; r++)
            {
                var position = start + r;
                var target = position % every == every - 1 ? holdout : train;
                target.Add(block.Slice(r * p, p), Design.Logit(scores[rows[position]]), 1);
            }
        });

        var totalSquares = holdout.Yty - holdout.SumWeightedY * holdout.SumWeightedY / holdout.SumWeights;
        var bestRelative = options.Lambdas[0];
        var bestR2 = double.NegativeInfinity;
        double[] bestBeta = [];
        foreach (var relative in options.Lambdas)
        {
            var beta = train.Solve(relative * train.MeanDiagonal());
            var r2 = totalSquares > 0 ? 1 - holdout.SumOfSquaredErrors(beta) / totalSquares : 0;
            if (r2 > bestR2 + 1e-12)
            {
                (bestR2, bestRelative, bestBeta) = (r2, relative, beta);
            }
        }

        var fidelity = MeasureFidelity(frame, rows, every, bound, bestBeta, bestR2, threshold, (int)train.SumWeights);
        var all = new Gram(p);
        all.Add(train);
        all.Add(holdout);
        var lambda = bestRelative * all.MeanDiagonal();
        return new SurrogateModel(encoder, all.Solve(lambda), lambda, threshold, fidelity);
    }

    static SurrogateFidelity MeasureFidelity(
        DatasetFrame frame, int[] rows, int every, FeatureEncoder.BoundEncoder bound, double[] beta, double r2, double threshold, int trainRows)
    {
        var heldOut = new int[rows.Length / every];
        for (var i = 0; i < heldOut.Length; i++)
        {
            heldOut[i] = rows[i * every + every - 1];
        }
        var predicted = Design.Probabilities(bound, heldOut, beta);
        var logged = new double[heldOut.Length];
        var agree = 0;
        for (var i = 0; i < heldOut.Length; i++)
        {
            logged[i] = frame.Scores[heldOut[i]];
            if (predicted[i] >= threshold == logged[i] >= threshold)
            {
                agree++;
            }
        }
        var spearman = Correlation.Spearman(predicted, logged);
        return new SurrogateFidelity(r2, double.IsFinite(spearman) ? spearman : 0, (double)agree / heldOut.Length, trainRows, heldOut.Length);
    }

    /// <summary>Surrogate scores (probabilities) for <paramref name="rows"/>, aligned with them.</summary>
    public double[] Score(DatasetFrame frame, int[] rows) => Design.Probabilities(Encoder.Bind(frame, null, null), rows, _beta);

    /// <summary>
    /// Counterfactual surrogate scores for <paramref name="rows"/> with <paramref name="feature"/>'s values replaced by
    /// <paramref name="replacement"/> (all other features as logged).
    /// </summary>
    public double[] ScoreWith(DatasetFrame frame, int[] rows, string feature, FeatureReplacement replacement)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(replacement);
        if (!frame.Features.TryGetValue(feature, out var column))
        {
            throw new ArgumentException($"The frame has no feature '{feature}'.", nameof(feature));
        }
        var replaced = replacement(column, rows);
        if (replaced.Length != rows.Length)
        {
            throw new InvalidOperationException($"The replacement for '{feature}' returned {replaced.Length} values for {rows.Length} rows.");
        }
        return Design.Probabilities(Encoder.Bind(frame, feature, replaced), rows, _beta);
    }
}
