using DriftBoard.Core.Analysis.Surrogate;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Fixes;

/// <param name="L2">Ridge penalty on the non-intercept coefficients (absolute, on the weighted log-likelihood).</param>
/// <param name="BalanceClasses">Weight each class to half the total, for rare positives; scores are then not calibrated probabilities.</param>
/// <param name="MaxRows">Labelled rows beyond this are subsampled (seeded) before fitting.</param>
public sealed record LabelModelOptions(
    double L2 = 1.0,
    bool BalanceClasses = false,
    int MaxIterations = 30,
    double Tolerance = 1e-8,
    int MaxRows = 200_000,
    int Seed = 11,
    IReadOnlyList<string>? Features = null,
    FeatureEncoderOptions? Encoder = null)
{
    public static LabelModelOptions Default { get; } = new();
}

/// <summary>
/// An L2-regularised logistic regression of the label on the encoded features, fitted by Newton's method (IRLS):
/// each iteration streams the rows once, accumulating X'WX, and solves the penalised normal equations by Cholesky.
/// Deterministic: same rows and options, same coefficients. It stands for "retrain the model on a recent window".
/// </summary>
public sealed class LabelModel
{
    readonly double[] _beta;

    LabelModel(FeatureEncoder encoder, double[] beta, int iterations, bool converged, int trainRows, int positives)
    {
        Encoder = encoder;
        _beta = beta;
        Iterations = iterations;
        Converged = converged;
        TrainRows = trainRows;
        Positives = positives;
    }

    public FeatureEncoder Encoder { get; }

    /// <summary>Intercept first, then one coefficient per encoded column.</summary>
    public IReadOnlyList<double> Coefficients => _beta;

    public int Iterations { get; }
    public bool Converged { get; }
    public int TrainRows { get; }
    public int Positives { get; }

    /// <summary>Fits on the rows of <paramref name="rows"/> with a known label; the encoder is fitted on the same rows.</summary>
    /// <exception cref="ArgumentException">The labelled rows do not contain both classes.</exception>
    public static LabelModel Fit(DatasetFrame frame, int[] rows, LabelModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        options ??= LabelModelOptions.Default;
        var train = RowSets.Subsample(RowSets.Labelled(frame, rows), options.MaxRows, options.Seed);
        var labels = frame.Labels;
        var positives = 0;
        foreach (var row in train)
        {
            positives += labels[row] == LabelValue.Positive ? 1 : 0;
        }
        if (positives == 0 || positives == train.Length)
        {
            throw new ArgumentException($"A label model needs both classes; the {train.Length} labelled rows have {positives} positives.", nameof(rows));
        }
        var positiveWeight = options.BalanceClasses ? train.Length / (2.0 * positives) : 1;
        var negativeWeight = options.BalanceClasses ? train.Length / (2.0 * (train.Length - positives)) : 1;

        var encoder = FeatureEncoder.Fit(frame, train, options.Features, options.Encoder);
        var bound = encoder.Bind(frame, null, null);
        var p = encoder.ColumnCount + 1;
        var beta = new double[p];
        // Start at the base rate so the first step is already in the right region.
        var rate = (double)positives / train.Length;
        beta[0] = Math.Log(rate / (1 - rate));
        var converged = false;
        var iteration = 0;
        while (iteration < options.MaxIterations && !converged)
        {
            iteration++;
            var gram = new Gram(p);
            var current = beta;
            Design.ForEachBlock(bound, p - 1, train, (block, start, count) =>
            {
                for (var r = 0; r < count; r++)
                {
                    var x = block.Slice(r * p, p);
                    var eta = Design.Dot(x, current);
                    var mu = Design.Sigmoid(eta);
                    var variance = Math.Max(mu * (1 - mu), 1e-10);
                    var positive = labels[train[start + r]] == LabelValue.Positive;
                    var y = positive ? 1.0 : 0.0;
                    // Working response of IRLS: eta + (y − mu) / variance, weighted by sample weight × variance.
                    gram.Add(x, eta + (y - mu) / variance, (positive ? positiveWeight : negativeWeight) * variance);
                }
            });
            var next = gram.Solve(options.L2);
            var change = 0.0;
            var size = 1.0;
            for (var j = 0; j < p; j++)
            {
                change = Math.Max(change, Math.Abs(next[j] - beta[j]));
                size = Math.Max(size, Math.Abs(next[j]));
            }
            beta = next;
            converged = change <= options.Tolerance * size;
        }
        return new LabelModel(encoder, beta, iteration, converged, train.Length, positives);
    }

    /// <summary>Predicted probabilities of a positive label for <paramref name="rows"/>, aligned with them.</summary>
    public double[] Score(DatasetFrame frame, int[] rows) => Design.Probabilities(Encoder.Bind(frame, null, null), rows, _beta);
}
