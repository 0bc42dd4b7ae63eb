namespace DriftBoard.Core.Statistics;

/// <summary>
/// The two-sided one-sample Kolmogorov-Smirnov distribution of D_n, as scipy's <c>kstwo</c> evaluates it
/// (<c>scipy/stats/_ksstats.py</c>, <c>_kolmogn</c>, scipy 1.10). The method is chosen by the rules of
/// Simard &amp; L'Ecuyer (2011), "Computing the Two-Sided Kolmogorov-Smirnov Distribution", J. Stat. Softw. 39(11):
/// Ruben-Gambino closed forms at the extremes, the Durbin matrix as evaluated by Marsaglia, Tsang &amp; Wang (2003),
/// the Pomeranz (1974) recursion, the Pelz-Good (1976) asymptotic series, and twice the one-sided Smirnov tail.
/// Used for the asymptotic two-sample p-value with n = round(m*n/(m+n)).
/// </summary>
internal static class KolmogorovDistribution
{
    private const int Scale128 = 128;
    private static readonly double TwoPow128 = Math.ScaleB(1.0, Scale128);
    private static readonly double TwoPowMinus128 = Math.ScaleB(1.0, -Scale128);

    private static readonly double LogMachineEpsilon = Math.Log(Math.BitIncrement(1.0) - 1.0);

    // cephes MINLOG: exp of anything below underflows a double.
    private const double MinLog = -7.08396418532264106224E2;

    /// <summary>Pr(D_n &gt;= x): scipy's <c>kstwo.sf(x, n)</c>. NaN when n &lt; 1 or x is NaN.</summary>
    public static double Survival(long n, double x)
    {
        if (n <= 0 || double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x >= 1.0)
        {
            return 0.0;
        }

        if (x <= 0.0)
        {
            return 1.0;
        }

        var t = n * x;
        if (t <= 1.0)
        {
            // Ruben-Gambino: for 1/(2n) <= x <= 1/n the CDF is n!/n^n (2t-1)^n.
            if (t <= 0.5)
            {
                return 1.0;
            }

            double cdf;
            if (n <= 140)
            {
                cdf = 1.0;
                for (long i = 1; i <= n; i++)
                {
                    cdf *= i * (1.0 / n) * (2 * t - 1);
                }
            }
            else
            {
                cdf = Math.Exp(LogFactorialOverPower(n) + n * Math.Log(2 * t - 1));
            }

            return Clip(1.0 - cdf);
        }

        if (t >= n - 1)
        {
            // Ruben-Gambino upper end.
            return Clip(2 * Math.Pow(1.0 - x, n));
        }

        if (x >= 0.5)
        {
            // D_n+ >= x and D_n- >= x cannot both happen when x > 0.5, so the two tails add exactly.
            return Clip(2 * Smirnov(n, x));
        }

        var nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693)
            {
                return Clip(1.0 - DurbinMatrix(n, x));
            }

            if (nxSquared <= 4)
            {
                return Clip(1.0 - Pomeranz(n, x));
            }

            return Clip(2 * Smirnov(n, x));
        }

        // The survival function has its own cut-offs (Simard & L'Ecuyer, section 4).
        if (nxSquared >= 370.0)
        {
            return 0.0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * Smirnov(n, x));
        }

        var lower = n <= 100000 && n * Math.Pow(x, 1.5) <= 1.4
            ? DurbinMatrix(n, x)
            : PelzGood(n, x);
        return Clip(1.0 - lower);
    }

    private static double Clip(double p) => double.IsNaN(p) ? p : Math.Clamp(p, 0.0, 1.0);

    /// <summary>log(n!/n^n) by Stirling's series with n log n removed up front (scipy's <c>_log_nfactorial_div_n_pow_n</c>).</summary>
    private static double LogFactorialOverPower(long n)
    {
        // B_{2j}/(2j)/(2j-1) for j = 8..1, highest power first.
        ReadOnlySpan<double> stirling =
        [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
            -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ];
        var rn = 1.0 / n;
        var z = rn / n;
        var poly = 0.0;
        foreach (var c in stirling)
        {
            poly = poly * z + c;
        }

        return Math.Log(n) / 2 - n + Math.Log(2 * Math.PI) / 2 + rn * poly;
    }

    /// <summary>
    /// Pr(D_n &lt;= d) by Durbin's matrix, evaluated as Marsaglia, Tsang &amp; Wang (2003) do: the k-th diagonal
    /// entry of H^n scaled by n!/n^n, with powers of two split off to avoid overflow.
    /// </summary>
    private static double DurbinMatrix(long n, double d)
    {
        if (d >= 1.0)
        {
            return 1.0;
        }

        var nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        var k = (int)Math.Ceiling(nd);
        var h = k - nd;
        var m = 2 * k - 1;

        var v = new double[m];
        var w = new double[m];
        var fac = 1.0;
        for (var j = 1; j <= m; j++)
        {
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] = (1.0 - Math.Pow(h, j)) * fac;
        }

        var tt = Math.Pow(Math.Max(2 * h - 1.0, 0), m) - 2 * Math.Pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;

        var hMatrix = new double[m * m];
        for (var i = 1; i < m; i++)
        {
            for (var row = i - 1; row < m; row++)
            {
                hMatrix[row * m + i] = w[row - (i - 1)];
            }
        }

        for (var row = 0; row < m; row++)
        {
            hMatrix[row * m] = v[row];
        }

        for (var col = 0; col < m; col++)
        {
            hMatrix[(m - 1) * m + col] = v[m - 1 - col];
        }

        var power = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            power[i * m + i] = 1.0;
        }

        var scratch = new double[m * m];
        var exponent = 0;
        var hExponent = 0;
        var nn = n;
        while (nn > 0)
        {
            if (nn % 2 == 1)
            {
                Multiply(power, hMatrix, scratch, m);
                (power, scratch) = (scratch, power);
                exponent += hExponent;
            }

            Multiply(hMatrix, hMatrix, scratch, m);
            (hMatrix, scratch) = (scratch, hMatrix);
            hExponent *= 2;
            if (Math.Abs(hMatrix[(k - 1) * m + (k - 1)]) > TwoPow128)
            {
                for (var i = 0; i < hMatrix.Length; i++)
                {
                    hMatrix[i] /= TwoPow128;
                }

                hExponent += Scale128;
            }

            nn /= 2;
        }

        var p = power[(k - 1) * m + (k - 1)];
        for (long i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < TwoPowMinus128)
            {
                p *= TwoPow128;
                exponent -= Scale128;
            }
        }

        if (exponent != 0)
        {
            p = Math.ScaleB(p, exponent);
        }

        return Clip(p);
    }

    private static void Multiply(double[] a, double[] b, double[] result, int m)
    {
        Array.Clear(result);
        for (var i = 0; i < m; i++)
        {
            for (var l = 0; l < m; l++)
            {
                var ail = a[i * m + l];
                if (ail == 0)
                {
                    continue;
                }

                for (var j = 0; j < m; j++)
                {
                    result[i * m + j] += ail * b[l * m + j];
                }
            }
        }
    }

    private static (int J1, int J2) PomeranzBounds(long i, long n, long ll, int ceilF, int roundF)
    {
        long j1, j2;
        if (i == 0)
        {
            j1 = -ll - ceilF - 1;
            j2 = ll + ceilF - 1;
        }
        else
        {
            var half = (i + 1) / 2;
            if ((i + 1) % 2 == 0)
            {
                if (half == n + 1)
                {
                    j1 = n - ll - ceilF - 1;
                    j2 = n + ll + ceilF - 1;
                }
                else
                {
                    j1 = half - 1 - ll - roundF - 1;
                    j2 = half + ll - 1 + ceilF - 1;
                }
            }
            else
            {
                j1 = half - 1 - ll - 1;
                j2 = half + ll + roundF - 1;
            }
        }

        return ((int)Math.Max(j1 + 2, 0), (int)Math.Min(j2, n));
    }

    /// <summary>Pr(D_n &lt;= x) by the Pomeranz (1974) recursion (scipy's <c>_kolmogn_Pomeranz</c>).</summary>
    private static double Pomeranz(long n, double x)
    {
        var t = n * x;
        var ll = (long)Math.Floor(t);
        var f = t - ll;
        var g = Math.Min(f, 1.0 - f);
        var ceilF = f > 0 ? 1 : 0;
        var roundF = f > 0.5 ? 1 : 0;
        var powers = (int)(2 * (ll + 1));
        var gPower = new double[powers];
        var twoGPower = new double[powers];
        var oneMinusTwoGPower = new double[powers];
        gPower[0] = twoGPower[0] = oneMinusTwoGPower[0] = 1.0;
        double gOverN = g / n, twoGOverN = 2 * g / n, oneMinusTwoGOverN = (1 - 2 * g) / n;
        for (var m = 1; m < powers; m++)
        {
            gPower[m] = gPower[m - 1] * gOverN / m;
            twoGPower[m] = twoGPower[m - 1] * twoGOverN / m;
            oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * oneMinusTwoGOverN / m;
        }

        var v0 = new double[powers];
        var v1 = new double[powers];
        v1[0] = 1;
        int v0Start = 0, v1Start = 0;
        var exponent = 0;
        var (j1, j2) = PomeranzBounds(0, n, ll, ceilF, roundF);
        for (long i = 1; i < 2 * n + 2; i++)
        {
            var k1 = j1;
            (v0, v1) = (v1, v0);
            (v0Start, v1Start) = (v1Start, v0Start);
            Array.Clear(v1);
            (j1, j2) = PomeranzBounds(i, n, ll, ceilF, roundF);
            var pwrs = i == 1 || i == 2 * n + 1 ? gPower : (i % 2 == 1 ? twoGPower : oneMinusTwoGPower);
            var length = j2 - k1 + 1;
            if (length <= 0)
            {
                continue;
            }

            // The entries conv[j1-k1 .. j2-k1] of the full convolution of V0[k1-V0s ..][:length] with pwrs[:length].
            var segmentStart = k1 - v0Start;
            var convStart = j1 - k1;
            var convLength = j2 - j1 + 1;
            var max = 0.0;
            for (var c = 0; c < convLength; c++)
            {
                var index = convStart + c;
                var sum = 0.0;
                var aFrom = Math.Max(0, index - (length - 1));
                var aTo = Math.Min(index, length - 1);
                for (var a = aFrom; a <= aTo; a++)
                {
                    var s = segmentStart + a;
                    if (s >= 0 && s < v0.Length)
                    {
                        sum += v0[s] * pwrs[index - a];
                    }
                }

                v1[c] = sum;
                max = Math.Max(max, sum);
            }

            if (max > 0 && max < TwoPowMinus128)
            {
                for (var c = 0; c < v1.Length; c++)
                {
                    v1[c] *= TwoPow128;
                }

                exponent -= Scale128;
            }

            v1Start = v0Start + j1 - k1;
        }

        var answer = v1[n - v1Start];
        for (long m = 1; m <= n; m++)
        {
            if (Math.Abs(answer) > TwoPow128)
            {
                answer *= TwoPowMinus128;
                exponent += Scale128;
            }

            answer *= m;
        }

        if (exponent != 0)
        {
            answer = Math.ScaleB(answer, exponent);
        }

        return Clip(answer);
    }

    /// <summary>
    /// The Pelz-Good (1976) approximation to Pr(D_n &lt;= x): the Li-Chien/Korolyuk expansion in 1/sqrt(n)
    /// transformed with Jacobi theta identities for small z = x sqrt(n) (scipy's <c>_kolmogn_PelzGood</c>).
    /// </summary>
    private static double PelzGood(long n, double x)
    {
        if (x <= 0.0)
        {
            return 0.0;
        }

        if (x >= 1.0)
        {
            return 1.0;
        }

        const double piSquared = Math.PI * Math.PI;
        var piFour = piSquared * piSquared;
        var piSix = piFour * piSquared;
        var sqrt2Pi = Math.Sqrt(2 * Math.PI);

        var z = Math.Sqrt(n) * x;
        double zSquared = z * z, zThree = z * z * z, zFour = zSquared * zSquared, zSix = zFour * zSquared;
        var qLog = -piSquared / 8 / zSquared;
        if (qLog < -708)
        {
            return 0.0;
        }

        var q = Math.Exp(qLog);
        var k1a = -zSquared;
        var k1b = piSquared / 4;
        var k2a = 6 * zSix + 2 * zFour;
        var k2b = (2 * zFour - 5 * zSquared) * piSquared / 4;
        var k2c = piFour * (1 - 2 * zSquared) / 16;
        var k3d = piSix * (5 - 30 * zSquared) / 64;
        var k3c = piFour * (-60 * zSquared + 212 * zFour) / 16;
        var k3b = piSquared * (135 * zFour - 96 * zSix) / 4;
        var k3a = -30 * zSix - 90 * Math.Pow(z, 8);

        // Horner scheme over the odd terms of sum c_i q^(i^2).
        Span<double> k0to3 = stackalloc double[4];
        var maxK = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxK; k > 0; k--)
        {
            double m = 2 * k - 1;
            double mSquared = m * m, mFour = mSquared * mSquared, mSix = mFour * mSquared;
            var qPower = Math.Pow(q, 8 * k);
            k0to3[0] = k0to3[0] * qPower + 1.0;
            k0to3[1] = k0to3[1] * qPower + k1a + k1b * mSquared;
            k0to3[2] = k0to3[2] * qPower + k2a + k2b * mSquared + k2c * mFour;
            k0to3[3] = k0to3[3] * qPower + k3a + k3b * mSquared + k3c * mFour + k3d * mSix;
        }

        k0to3[0] *= q * sqrt2Pi / z;
        k0to3[1] *= q * sqrt2Pi / (6 * zFour);
        k0to3[2] *= q * sqrt2Pi / (72 * Math.Pow(z, 7));
        k0to3[3] *= q * sqrt2Pi / (6480 * Math.Pow(z, 10));

        // The remaining sums over all integers k for K_2 and K_3.
        q = Math.Exp(-piSquared / 2 / zSquared);
        var sqrt3Z = Math.Sqrt(3) * z;
        var k2Extra = 0.0;
        var k3Extra = 0.0;
        for (var k = maxK; k > 0; k--)
        {
            double kSquared = (double)k * k;
            var qPowers = Math.Pow(q, kSquared);
            var kPi = Math.PI * k;
            k2Extra += kSquared * qPowers;
            k3Extra += (sqrt3Z + kPi) * (sqrt3Z - kPi) * kSquared * qPowers;
        }

        k0to3[2] += k2Extra * piSquared * sqrt2Pi / (-36 * zThree);
        k0to3[3] += k3Extra * piSquared * sqrt2Pi / (216 * zSix);

        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            sum += k0to3[i] / Math.Pow(n, i / 2.0);
        }

        return sum;
    }

    /// <summary>
    /// The one-sided Smirnov tail Pr(D_n+ &gt;= x), by the Smirnov (1944) / Birnbaum-Tingey (1951) sum
    /// x * sum_{v=0}^{floor(n(1-x))} C(n,v) (x+v/n)^(v-1) (1-x-v/n)^(n-v), following scipy's cephes
    /// <c>_smirnov</c> (van Mulbregt 2018, arXiv:1802.06966) for the special cases and the early stop.
    /// The terms are summed in log space, which keeps tails far below 1e-300 exact where scipy uses double-double.
    /// </summary>
    internal static double Smirnov(long n, double x)
    {
        if (!(n > 0 && x >= 0.0 && x <= 1.0))
        {
            return double.NaN;
        }

        if (n == 1)
        {
            return 1 - x;
        }

        if (x == 0.0)
        {
            return 1.0;
        }

        if (x == 1.0)
        {
            return 0.0;
        }

        // floor(n x) and its remainder alpha, exactly: the fused multiply-add recovers the rounding error of n*x.
        double nLong = n;
        var nxHigh = nLong * x;
        var nxLow = Math.FusedMultiplyAdd(nLong, x, -nxHigh);
        var nxFloor = Math.Floor(nxHigh);
        var alpha = nxHigh - nxFloor + nxLow;
        if (alpha < 0)
        {
            nxFloor -= 1;
            alpha += 1;
        }

        if (alpha >= 1)
        {
            nxFloor += 1;
            alpha -= 1;
        }

        var nxfl = (long)nxFloor;
        var lastTerm = n - nxfl - (alpha == 0 ? 0 : 1);
        if (alpha == 0)
        {
            // The term with 1 - x - v/n == 0 vanishes.
            lastTerm -= 1;
        }

        if (nxfl == 0 || (nxfl == 1 && alpha == 0))
        {
            // x <= 1/n: cdf = x (1+x)^(n-1).
            return 1 - x * Math.Pow(1 + x, n - 1);
        }

        if (-2 * n * x * x < MinLog)
        {
            // The tail is below exp(-2 n x^2), which underflows.
            return 0.0;
        }

        if (nxfl >= n - 1)
        {
            return Math.Pow(1 - x, n);
        }

        if (n > 1_000_000)
        {
            // cephes' approximation beyond SMIRNOV_MAX_COMPUTE_N: p ~ exp(-(6nx+1)^2 / 18n).
            var logp = -Math.Pow(6.0 * n * x + 1, 2) / 18.0 / n;
            return logp < -Math.Log(2) ? Math.Exp(logp) : 1 - (-double.ExpM1(logp));
        }

        var terms = lastTerm + 1;
        var logBinomial = 0.0;
        var scaleLog = double.NegativeInfinity;
        var scaledSum = 0.0;
        for (long v = 0; v < terms; v++)
        {
            // x + v/n and 1 - x - v/n from the exact split n x = nxfl + alpha, so neither loses digits to cancellation.
            var up = (nxfl + v + alpha) / nLong;
            var down = (n - v - nxfl - alpha) / nLong;
            var logTerm = logBinomial + (v - 1) * Math.Log(up) + (n - v) * Math.Log(down);
            if (logTerm > scaleLog)
            {
                scaledSum = scaledSum * Math.Exp(scaleLog - logTerm) + 1.0;
                scaleLog = logTerm;
            }
            else
            {
                scaledSum += Math.Exp(logTerm - scaleLog);
            }

            // Stop once the remaining terms cannot move the sum (cephes' criterion: 4 (terms left) |A_j| < eps * sum).
            if (v > 0 && v != terms - 1
                && Math.Log(4.0 * (terms - v)) + logTerm < LogMachineEpsilon + scaleLog + Math.Log(scaledSum))
            {
                break;
            }

            logBinomial += Math.Log((double)(n - v) / (v + 1));
        }

        return Clip(Math.Exp(Math.Log(x) + scaleLog + Math.Log(scaledSum)));
    }
}
