using System.Numerics;
using MathNet.Numerics.LinearAlgebra.Double;

namespace DriftBoard.Core.Analysis.Surrogate;

/// <summary>
/// Streams encoded rows in blocks with a leading intercept column, so models never hold the full design matrix.
/// </summary>
internal static class Design
{
    public const int BlockRows = 2048;

    public delegate void BlockAction(ReadOnlySpan<double> block, int start, int count);

    /// <summary>Calls <paramref name="action"/> for consecutive blocks of rows; block row r holds [1, x_1..x_p] at r * (p + 1).</summary>
    public static void ForEachBlock(FeatureEncoder.BoundEncoder bound, int columns, int[] rows, BlockAction action)
    {
        var stride = columns + 1;
        var buffer = new double[BlockRows * stride];
        for (var start = 0; start < rows.Length; start += BlockRows)
        {
            var count = Math.Min(BlockRows, rows.Length - start);
            var block = buffer.AsSpan(0, count * stride);
            bound.EncodeBlock(rows, start, count, block, stride, 1);
            for (var r = 0; r < count; r++)
            {
                block[r * stride] = 1;
            }
            action(block, start, count);
        }
    }

    /// <summary>x_i · beta for every row (beta[0] is the intercept).</summary>
    public static double[] LinearPredictor(FeatureEncoder.BoundEncoder bound, int[] rows, double[] beta)
    {
        var result = new double[rows.Length];
        var stride = beta.Length;
        ForEachBlock(bound, stride - 1, rows, (block, start, count) =>
        {
            for (var r = 0; r < count; r++)
            {
                result[start + r] = Dot(block.Slice(r * stride, stride), beta);
            }
        });
        return result;
    }

    /// <summary>sigmoid(x_i · beta) for every row: the probabilities of a logit-scale linear model.</summary>
    public static double[] Probabilities(FeatureEncoder.BoundEncoder bound, int[] rows, double[] beta)
    {
        var result = LinearPredictor(bound, rows, beta);
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Sigmoid(result[i]);
        }
        return result;
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    public static double Sigmoid(double eta) => eta >= 0 ? 1 / (1 + Math.Exp(-eta)) : Math.Exp(eta) / (1 + Math.Exp(eta));

    public static double Logit(double p, double epsilon = 1e-6)
    {
        var q = Math.Clamp(p, epsilon, 1 - epsilon);
        return Math.Log(q / (1 - q));
    }
}

/// <summary>
/// Weighted sufficient statistics of a linear model, X'WX, X'Wy, y'Wy, accumulated row by row
/// (zeros, common in indicator and hinge columns, are skipped).
/// Column 0 is the intercept and is never penalised.
/// </summary>
internal sealed class Gram(int dimension)
{
    readonly double[] _xtx = new double[dimension * dimension];

    public int Dimension { get; } = dimension;
    public double[] Xty { get; } = new double[dimension];
    public double Yty { get; private set; }
    public double SumWeights { get; private set; }
    public double SumWeightedY { get; private set; }

    public void Add(ReadOnlySpan<double> row, double y, double weight)
    {
        var p = Dimension;
        for (var j = 0; j < p; j++)
        {
            var xj = row[j] * weight;
            if (xj == 0)
            {
                continue;
            }
            Xty[j] += xj * y;
            Axpy(_xtx.AsSpan(j * p + j, p - j), xj, row.Slice(j, p - j));
        }
        Yty += weight * y * y;
        SumWeights += weight;
        SumWeightedY += weight * y;
    }

    public void Add(Gram other)
    {
        for (var i = 0; i < _xtx.Length; i++)
        {
            _xtx[i] += other._xtx[i];
        }
        for (var i = 0; i < Dimension; i++)
        {
            Xty[i] += other.Xty[i];
        }
        Yty += other.Yty;
        SumWeights += other.SumWeights;
        SumWeightedY += other.SumWeightedY;
    }

    /// <summary>Mean of the non-intercept diagonal: the scale ridge penalties are expressed in.</summary>
    public double MeanDiagonal()
    {
        var p = Dimension;
        if (p <= 1)
        {
            return 1;
        }
        double sum = 0;
        for (var j = 1; j < p; j++)
        {
            sum += _xtx[j * p + j];
        }
        return sum / (p - 1);
    }

    /// <summary>Solves (X'WX + λ·D) β = rhs (X'Wy by default) with D = diag(0, 1, …, 1) by Cholesky; QR if Cholesky fails.</summary>
    public double[] Solve(double lambda, double[]? rhs = null)
    {
        var p = Dimension;
        var a = DenseMatrix.Create(p, p, 0);
        for (var i = 0; i < p; i++)
        {
            for (var j = i; j < p; j++)
            {
                var v = _xtx[i * p + j];
                a[i, j] = v;
                a[j, i] = v;
            }
            if (i > 0)
            {
                a[i, i] += lambda;
            }
        }
        // A tiny intercept ridge keeps the system solvable when no rows were added.
        a[0, 0] += 1e-9 * Math.Max(1, SumWeights);
        var b = DenseVector.OfArray(rhs ?? Xty);
        try
        {
            return a.Cholesky().Solve(b).ToArray();
        }
        catch (ArgumentException)
        {
            return a.QR().Solve(b).ToArray();
        }
    }

    /// <summary>Weighted residual sum of squares of β from the statistics alone: y'Wy − 2β'X'Wy + β'X'WXβ.</summary>
    public double SumOfSquaredErrors(double[] beta)
    {
        var p = Dimension;
        double quadratic = 0;
        for (var i = 0; i < p; i++)
        {
            var row = _xtx.AsSpan(i * p, p);
            quadratic += beta[i] * beta[i] * row[i];
            double cross = 0;
            for (var j = i + 1; j < p; j++)
            {
                cross += row[j] * beta[j];
            }
            quadratic += 2 * beta[i] * cross;
        }
        return Math.Max(0, Yty - 2 * Design.Dot(beta, Xty) + quadratic);
    }

    static void Axpy(Span<double> destination, double scale, ReadOnlySpan<double> source)
    {
        var i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && destination.Length >= Vector<double>.Count)
        {
            var s = new Vector<double>(scale);
            for (; i <= destination.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var d = new Vector<double>(destination.Slice(i));
                (d + s * new Vector<double>(source.Slice(i))).CopyTo(destination.Slice(i));
            }
        }
        for (; i < destination.Length; i++)
        {
            destination[i] += scale * source[i];
        }
    }
}
