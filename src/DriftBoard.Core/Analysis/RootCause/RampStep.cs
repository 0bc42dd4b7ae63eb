namespace DriftBoard.Core.Analysis.RootCauses;

/// <summary>
/// The best fit of a daily series by one level change: level <see cref="Before"/> up to day <see cref="Start"/>, a linear
/// ramp over <see cref="RampDays"/> days (0 = a step), then level <see cref="After"/> to the end.
/// </summary>
/// <param name="Start">Index of the first day that differs from the before level (the first ramp day, or the step day).</param>
/// <param name="RampDays">Days the change takes to reach full size; 0 is a step from one day to the next.</param>
/// <param name="Before">Fitted level before <see cref="Start"/>.</param>
/// <param name="After">Fitted level once the ramp is complete.</param>
/// <param name="ResidualSd">Standard deviation of the residuals around the fit (day-to-day noise).</param>
/// <param name="Persistence">
/// How much of the change the last days still show: (mean of the last 7 fitted days − Before) / (After − Before),
/// clamped to [0, 1]. 1 for a change that stays, near 0 for one that went away again.
/// </param>
/// <param name="Days">Days with a value (NaN days are skipped).</param>
public sealed record RampStepFit(int Start, int RampDays, double Before, double After, double ResidualSd, double Persistence, int Days)
{
    /// <summary>No fit: too few days.</summary>
    public static RampStepFit None { get; } = new(-1, 0, double.NaN, double.NaN, double.NaN, 0, 0);

    public bool Found => Start >= 0;

    public double Jump => After - Before;

    /// <summary>|Jump| / ResidualSd, with the noise floored at <paramref name="noiseFloor"/> so a perfectly clean series does not divide by zero.</summary>
    public double SignalToNoise(double noiseFloor) => Found ? Math.Abs(Jump) / Math.Max(ResidualSd, noiseFloor) : 0;
}

/// <summary>
/// Fits <see cref="RampStepFit"/> to a daily series by least squares over every start day and ramp length:
/// for each (start, ramp) the two levels solve a 2×2 linear regression (the ramp's weight λ runs 1/(w+1) … w/(w+1)),
/// and the pair with the smallest squared error wins. Prefix sums make every candidate O(1), so the cost is
/// O(days × maxRamp). A short ramp separates a pipeline fault (one day, or a rollout over a few days) from a market
/// that grows over weeks.
/// </summary>
public static class RampStep
{
    /// <summary>
    /// The best single change of <paramref name="daily"/> (NaN = no value that day). Each side needs at least
    /// <paramref name="minSideDays"/> days with a value. <see cref="RampStepFit.None"/> when the series is too short.
    /// Ties keep the earliest start and then the shortest ramp, so the result is deterministic.
    /// </summary>
    public static RampStepFit Fit(ReadOnlySpan<double> daily, int maxRampDays = 28, int minSideDays = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRampDays);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSideDays, 1);
        var sums = new PrefixSums(daily);
        if (sums.Total < 2 * minSideDays)
        {
            return RampStepFit.None;
        }

        var best = double.PositiveInfinity;
        int bestStart = -1, bestRamp = 0;
        double bestBefore = 0, bestAfter = 0;
        for (var ramp = 0; ramp <= maxRampDays; ramp++)
        {
            for (var start = 1; start + ramp < daily.Length; start++)
            {
                if (Evaluate(daily, sums, start, ramp, minSideDays) is not { } fit
                    || (bestStart >= 0 && !(fit.Sse < best - (1e-12 * Math.Max(1, Math.Abs(best))))))
                {
                    continue;
                }

                var (a, b, sse) = fit;

                best = sse;
                bestStart = start;
                bestRamp = ramp;
                bestBefore = a;
                bestAfter = b;
            }
        }

        if (bestStart < 0)
        {
            return RampStepFit.None;
        }

        var residualSd = Math.Sqrt(Math.Max(best, 0) / Math.Max(1, sums.Total - 2));
        return new RampStepFit(bestStart, bestRamp, bestBefore, bestAfter, residualSd, Persistence(daily, bestBefore, bestAfter), sums.Total);
    }

    /// <summary>
    /// The earliest start day among the fits that explain <paramref name="daily"/> about as well as <paramref name="best"/>
    /// (squared error within <paramref name="slack"/> residual variances of it; the default 4 is about the 95% point of χ² with one degree of freedom, the start) and change in the same direction. A gradual
    /// change's first days are hidden in noise, so the best fit tends to start late; this is the onset the data cannot
    /// rule out, for when the question is "since when". Returns <paramref name="best"/>'s start when nothing earlier qualifies.
    /// </summary>
    public static int EarliestConsistentStart(ReadOnlySpan<double> daily, RampStepFit best, int maxRampDays = 28, int minSideDays = 3, double slack = 4)
    {
        if (!best.Found)
        {
            return best.Start;
        }

        var sums = new PrefixSums(daily);
        var variance = best.ResidualSd * best.ResidualSd;
        var limit = (variance * Math.Max(1, best.Days - 2)) + (slack * variance);
        var earliest = best.Start;
        for (var ramp = 0; ramp <= maxRampDays; ramp++)
        {
            for (var start = 1; start < earliest && start + ramp < daily.Length; start++)
            {
                if (Evaluate(daily, sums, start, ramp, minSideDays) is { } fit && fit.Sse <= limit && Math.Sign(fit.After - fit.Before) == Math.Sign(best.Jump))
                {
                    earliest = start;
                    break;
                }
            }
        }

        return earliest;
    }

    /// <summary>
    /// Least-squares levels and squared error of the fit starting at <paramref name="start"/> with ramp
    /// <paramref name="ramp"/>; null when a side is too short. O(1): the ramp's sums come from prefix sums of the day
    /// index, its square and its product with the value, since λ is linear in the day.
    /// </summary>
    private static (double Before, double After, double Sse)? Evaluate(ReadOnlySpan<double> daily, PrefixSums sums, int start, int ramp, int minSideDays)
    {
        var n = daily.Length;
        var before = sums.Count[start];
        var after = sums.Count[n] - sums.Count[start + ramp];
        if (before < minSideDays || after < minSideDays)
        {
            return null;
        }

        // Ramp days d in [start, start + ramp) have λ = (d − start + 1) / (ramp + 1) = (d − o) / (ramp + 1), o = start − 1.
        double sumLambda = 0, sumLambdaSquared = 0, sumLambdaY = 0, rampCount = 0, rampY = 0;
        if (ramp > 0)
        {
            int from = start, to = start + ramp;
            double o = start - 1, width = ramp + 1;
            rampCount = sums.Count[to] - sums.Count[from];
            rampY = sums.Sum[to] - sums.Sum[from];
            var sumD = sums.SumDay[to] - sums.SumDay[from];
            var sumD2 = sums.SumDaySquared[to] - sums.SumDaySquared[from];
            var sumDY = sums.SumDayValue[to] - sums.SumDayValue[from];
            sumLambda = (sumD - (o * rampCount)) / width;
            sumLambdaSquared = (sumD2 - (2 * o * sumD) + (o * o * rampCount)) / (width * width);
            sumLambdaY = (sumDY - (o * rampY)) / width;
        }

        // Normal equations of y = a (1 − λ) + b λ.
        var suu = before + rampCount - (2 * sumLambda) + sumLambdaSquared;
        var svv = after + sumLambdaSquared;
        var suv = sumLambda - sumLambdaSquared;
        var suy = sums.Sum[start] + rampY - sumLambdaY;
        var svy = sums.Sum[n] - sums.Sum[start + ramp] + sumLambdaY;
        var determinant = (suu * svv) - (suv * suv);
        if (determinant <= 1e-12)
        {
            return null;
        }

        var a = ((suy * svv) - (svy * suv)) / determinant;
        var b = ((svy * suu) - (suy * suv)) / determinant;
        return (a, b, sums.SumSquares[n] - (a * suy) - (b * svy));
    }

    /// <summary>Prefix sums over day index of the count, sum, sum of squares, day, day² and day × value of the non-NaN values.</summary>
    private sealed class PrefixSums
    {
        public PrefixSums(ReadOnlySpan<double> daily)
        {
            var n = daily.Length;
            Count = new int[n + 1];
            Sum = new double[n + 1];
            SumSquares = new double[n + 1];
            SumDay = new double[n + 1];
            SumDaySquared = new double[n + 1];
            SumDayValue = new double[n + 1];
            for (var d = 0; d < n; d++)
            {
                var y = daily[d];
                var valid = !double.IsNaN(y);
                Count[d + 1] = Count[d] + (valid ? 1 : 0);
                Sum[d + 1] = Sum[d] + (valid ? y : 0);
                SumSquares[d + 1] = SumSquares[d] + (valid ? y * y : 0);
                SumDay[d + 1] = SumDay[d] + (valid ? d : 0);
                SumDaySquared[d + 1] = SumDaySquared[d] + (valid ? (double)d * d : 0);
                SumDayValue[d + 1] = SumDayValue[d] + (valid ? d * y : 0);
            }
        }

        public int[] Count { get; }

        public double[] Sum { get; }

        public double[] SumSquares { get; }

        public double[] SumDay { get; }

        public double[] SumDaySquared { get; }

        public double[] SumDayValue { get; }

        public int Total => Count[^1];
    }

    private static double Persistence(ReadOnlySpan<double> daily, double before, double after)
    {
        double sum = 0;
        var days = 0;
        for (var d = daily.Length - 1; d >= 0 && days < 7; d--)
        {
            if (!double.IsNaN(daily[d]))
            {
                sum += daily[d];
                days++;
            }
        }

        var jump = after - before;
        return days == 0 || jump == 0 ? 0 : Math.Clamp(((sum / days) - before) / jump, 0, 1);
    }
}
