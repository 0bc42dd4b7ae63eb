using DriftBoard.Core.Analysis.Surrogate;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Fixes;

/// <param name="L2">
/// Ridge penalty on the non-intercept coefficients, per unit of training weight (the penalty is L2 · Σw · ‖β‖² / 2, so it
/// means the same on 1,000 rows as on 1,000,000); null chooses it from <see cref="RelativeL2Grid"/> by the log-loss on a
/// deterministic holdout (every fifth training row). The design is already standardised by the encoder (robust z, clipped),
/// so one penalty fits every column. A positive penalty keeps the coefficients finite on separable data.
/// </param>
/// <param name="BalanceClasses">Weight each class to half the total, for rare positives; scores are then not calibrated probabilities.</param>
/// <param name="MaxRows">Labelled rows beyond this are subsampled (seeded) before fitting.</param>
public sealed record LabelModelOptions(
    double? L2 = null,
    bool BalanceClasses = false,
    int MaxIterations = 30,
    double Tolerance = 1e-8,
    int MaxRows = 200_000,
    int Seed = 11,
    IReadOnlyList<string>? Features = null,
    FeatureEncoderOptions? Encoder = null)
{
    public static LabelModelOptions Default { get; } = new();

    /// <summary>Penalties tried when <see cref="L2"/> is null, strongest first (each fit warm-starts the next).</summary>
    public static IReadOnlyList<double> RelativeL2Grid { get; } = [1e-1, 1e-2, 1e-3, 1e-4];
}

/// <summary>
/// An L2-regularised logistic regression of the label on the encoded features, fitted by Newton's method (IRLS) with step
/// halving: each iteration streams the rows once, accumulating X'WX and the penalised log-loss, and solves the penalised
/// normal equations by Cholesky; a step that raises the loss is halved, so the fit cannot diverge on (nearly) separable data.
/// Deterministic: same rows and options, same coefficients. It stands for "retrain the model on a recent window".
/// Thresholds should be chosen on <see cref="LinearPredictor"/>: probabilities of confident rows round to exactly 0 or 1 and tie.
/// </summary>
public sealed class LabelModel
{
    /// <summary>Step halvings tried before a Newton step is taken as it is.</summary>
    const int MaxHalvings = 30;

    readonly double[] _beta;

    LabelModel(FeatureEncoder encoder, double[] beta, double l2, int iterations, bool converged, int trainRows, int positives)
    {
        Encoder = encoder;
        _beta = beta;
        L2 = l2;
        Iterations = iterations;
        Converged = converged;
        TrainRows = trainRows;
        Positives = positives;
    }

    public FeatureEncoder Encoder { get; }

    /// <summary>Intercept first, then one coefficient per encoded column.</summary>
    public IReadOnlyList<double> Coefficients => _beta;

    /// <summary>The penalty used, per unit of training weight (given or chosen on the holdout).</summary>
    public double L2 { get; }

    /// <summary>Newton iterations of the final fit.</summary>
    public int Iterations { get; }
    public bool Converged { get; }
    public int TrainRows { get; }
    public int Positives { get; }

    /// <summary>Fits on the rows of <paramref name="rows"/> with a known label; the encoder is fitted on the same rows.</summary>
    /// <exception cref="ArgumentException">The labelled rows do not contain both classes, or a given L2 is negative.</exception>
    public static LabelModel Fit(DatasetFrame frame, int[] rows, LabelModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        options ??= LabelModelOptions.Default;
        if (options.L2 is < 0 or double.NaN)
        {
            throw new ArgumentException($"The L2 penalty must be non-negative; got {options.L2}.", nameof(options));
        }
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
        var weights = new ClassWeights(
            options.BalanceClasses ? train.Length / (2.0 * positives) : 1,
            options.BalanceClasses ? train.Length / (2.0 * (train.Length - positives)) : 1);

        var encoder = FeatureEncoder.Fit(frame, train, options.Features, options.Encoder);
        var problem = new Problem(encoder.Bind(frame, null, null), encoder.ColumnCount + 1, labels, weights, options);
        // Start at the base rate so the first step is already in the right region.
        var start = new double[problem.Dimension];
        var rate = (double)positives / train.Length;
        start[0] = Math.Log(rate / (1 - rate));

        var l2 = options.L2 ?? ChooseL2(problem, train, start);
        var (beta, iterations, converged) = problem.Newton(train, l2, start);
        return new LabelModel(encoder, beta, l2, iterations, converged, train.Length, positives);
    }

    /// <summary>The grid penalty with the lowest holdout log-loss (every fifth row held out); the stronger penalty on ties.</summary>
    static double ChooseL2(Problem problem, int[] train, double[] start)
    {
        var fit = new List<int>(train.Length);
        var holdout = new List<int>(train.Length / 5 + 1);
        for (var i = 0; i < train.Length; i++)
        {
            (i % 5 == 4 ? holdout : fit).Add(train[i]);
        }
        var fitRows = fit.ToArray();
        var holdoutRows = holdout.ToArray();
        var grid = LabelModelOptions.RelativeL2Grid;
        var best = grid[0];
        var bestLoss = double.PositiveInfinity;
        var beta = start;
        foreach (var l2 in grid)
        {
            (beta, _, _) = problem.Newton(fitRows, l2, beta);
            var loss = problem.LogLoss(holdoutRows, beta);
            if (loss < bestLoss * (1 - 1e-4))
            {
                (best, bestLoss) = (l2, loss);
            }
        }
        return best;
    }

    /// <summary>Predicted probabilities of a positive label for <paramref name="rows"/>, aligned with them.</summary>
    public double[] Score(DatasetFrame frame, int[] rows) => Design.Probabilities(Encoder.Bind(frame, null, null), rows, _beta);

    /// <summary>The log-odds x·β for <paramref name="rows"/>, aligned with them: the same order as <see cref="Score"/>, without its ties at 0 and 1.</summary>
    public double[] LinearPredictor(DatasetFrame frame, int[] rows) => Design.LinearPredictor(Encoder.Bind(frame, null, null), rows, _beta);

    readonly record struct ClassWeights(double Positive, double Negative);

    /// <summary>The weighted, penalised logistic log-likelihood over a bound design.</summary>
    sealed class Problem(FeatureEncoder.BoundEncoder bound, int dimension, sbyte[] labels, ClassWeights weights, LabelModelOptions options)
    {
        public int Dimension => dimension;

        /// <summary>Newton (IRLS) from <paramref name="start"/>, halving any step that raises the penalised loss.</summary>
        public (double[] Beta, int Iterations, bool Converged) Newton(int[] rows, double relativeL2, double[] start)
        {
            var beta = (double[])start.Clone();
            double[]? previous = null;
            var previousObjective = double.PositiveInfinity;
            var converged = false;
            var iteration = 0;
            var halvings = 0;
            while (iteration < options.MaxIterations && !converged)
            {
                var (gram, loss) = Pass(rows, beta);
                var lambda = relativeL2 * gram.SumWeightsOfRows;
                var objective = loss + lambda / 2 * Penalty(beta);
                if (previous is not null && objective > previousObjective * (1 + 1e-12) && halvings < MaxHalvings)
                {
                    halvings++;
                    for (var j = 0; j < beta.Length; j++)
                    {
                        beta[j] = previous[j] + (beta[j] - previous[j]) / 2;
                    }
                    continue;
                }
                halvings = 0;
                iteration++;
                var next = gram.Statistics.Solve(lambda);
                var change = 0.0;
                var size = 1.0;
                for (var j = 0; j < next.Length; j++)
                {
                    change = Math.Max(change, Math.Abs(next[j] - beta[j]));
                    size = Math.Max(size, Math.Abs(next[j]));
                }
                converged = change <= options.Tolerance * size;
                (previous, previousObjective, beta) = (beta, objective, next);
            }
            return (beta, iteration, converged);
        }

        /// <summary>Mean unweighted log-loss of <paramref name="rows"/> under <paramref name="beta"/> (class weights left out: it scores probabilities).</summary>
        public double LogLoss(int[] rows, double[] beta)
        {
            var eta = Design.LinearPredictor(bound, rows, beta);
            double sum = 0;
            for (var i = 0; i < rows.Length; i++)
            {
                sum += NegativeLogLikelihood(eta[i], labels[rows[i]] == LabelValue.Positive);
            }
            return rows.Length == 0 ? double.NaN : sum / rows.Length;
        }

        (WeightedGram Gram, double Loss) Pass(int[] rows, double[] beta)
        {
            var gram = new Gram(dimension);
            double loss = 0, totalWeight = 0;
            Design.ForEachBlock(bound, dimension - 1, rows, (block, start, count) =>
            {
                for (var r = 0; r < count; r++)
                {
                    var x = block.Slice(r * dimension, dimension);
                    var eta = Design.Dot(x, beta);
                    var mu = Design.Sigmoid(eta);
                    var variance = Math.Max(mu * (1 - mu), 1e-10);
                    var positive = labels[rows[start + r]] == LabelValue.Positive;
                    var weight = positive ? weights.Positive : weights.Negative;
                    loss += weight * NegativeLogLikelihood(eta, positive);
                    totalWeight += weight;
                    // Working response of IRLS: eta + (y − mu) / variance, weighted by sample weight × variance.
                    gram.Add(x, eta + ((positive ? 1 : 0) - mu) / variance, weight * variance);
                }
            });
            return (new WeightedGram(gram, totalWeight), loss);
        }

        static double Penalty(double[] beta)
        {
            double sum = 0;
            for (var j = 1; j < beta.Length; j++)
            {
                sum += beta[j] * beta[j];
            }
            return sum;
        }

        /// <summary>−log P(y | eta), computed without overflow: softplus(−eta) for a positive, softplus(eta) for a negative.</summary>
        static double NegativeLogLikelihood(double eta, bool positive)
        {
            var x = positive ? -eta : eta;
            return Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
        }
    }

    readonly record struct WeightedGram(Gram Statistics, double SumWeightsOfRows);
}
