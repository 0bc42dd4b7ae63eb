namespace DriftBoard.Core.Demo;

/// <summary>
/// xoshiro256** seeded through SplitMix64: the same numbers for a seed on every platform and runtime
/// (unlike relying on <see cref="Random"/>'s unspecified algorithm). Not thread-safe; one instance per stream.
/// </summary>
public sealed class DemoRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal = double.NaN;

    public DemoRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>A generator for an independent purpose (training rows, label delays, ...) derived from one seed.</summary>
    public static DemoRandom ForStream(int seed, ulong stream) => new(unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ stream * 0xD1B54A32D192ED03UL));

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int NextInt(int maxExclusive) => (int)((NextUInt64() >> 33) * (ulong)maxExclusive >> 31);

    /// <summary>Standard normal (polar Box–Muller, caching the second value).</summary>
    public double NextNormal()
    {
        if (!double.IsNaN(_spareNormal))
        {
            var spare = _spareNormal;
            _spareNormal = double.NaN;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * factor;
        return u * factor;
    }

    /// <summary>Gamma(shape, 1) by Marsaglia–Tsang; shapes below 1 use the boost U^(1/shape).</summary>
    public double NextGamma(double shape)
    {
        if (shape < 1) return NextGamma(shape + 1) * Math.Pow(NextDouble() + double.Epsilon, 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextNormal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            var u = NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    public double NextBeta(double a, double b)
    {
        var x = NextGamma(a);
        return x / (x + NextGamma(b));
    }

    /// <summary>Poisson by inversion (fine for the small means of count features; large means use the normal approximation).</summary>
    public int NextPoisson(double mean)
    {
        if (mean > 60) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * NextNormal()));
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = NextDouble();
        while (p > limit)
        {
            k++;
            p *= NextDouble();
        }
        return k;
    }

    /// <summary>Index drawn from cumulative weights (last entry the total).</summary>
    public int NextIndex(ReadOnlySpan<double> cumulative)
    {
        var u = NextDouble() * cumulative[^1];
        for (var i = 0; i < cumulative.Length - 1; i++)
            if (u < cumulative[i]) return i;
        return cumulative.Length - 1;
    }
}
