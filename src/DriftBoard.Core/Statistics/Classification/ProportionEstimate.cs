using MathNet.Numerics.Distributions;

namespace DriftBoard.Core.Statistics.Classification;

/// <summary>A proportion (recall, precision, a rate) with a two-sided confidence interval. All NaN when undefined.</summary>
public sealed record ProportionEstimate(double Value, double Low, double High)
{
    public static ProportionEstimate Undefined { get; } = new(double.NaN, double.NaN, double.NaN);

    /// <summary>
    /// The observed proportion <c>successes / trials</c> with its Wilson score interval. Wilson rather than the normal
    /// (Wald) interval because recall is often computed on few positives and close to 0 or 1, where Wald collapses to
    /// a zero-width interval or leaves [0, 1]; Wilson stays inside [0, 1] and keeps close to nominal coverage.
    /// Empty input (<paramref name="trials"/> = 0) gives <see cref="Undefined"/>.
    /// </summary>
    /// <param name="confidence">Two-sided level in (0, 1), 0.95 by default; z is the standard normal quantile at 1 − (1 − level)/2.</param>
    public static ProportionEstimate Wilson(long successes, long trials, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be in (0, 1).");
        }

        if (trials == 0)
        {
            return Undefined;
        }

        var z = Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var halfWidth = z / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        // Clamp rounding only: at p = 0 or 1 the exact bound is 0 or 1.
        return new ProportionEstimate(p, Math.Max(0, centre - halfWidth), Math.Min(1, centre + halfWidth));
    }
}
