using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Tests.Analysis.Drift;

/// <summary>Deterministic synthetic columns for the drift tests.</summary>
internal static class Synthetic
{
    public static double[] Normal(int seed, int n, double mean = 0, double std = 1)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Box-Muller.
            values[i] = mean + std * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        }

        return values;
    }

    /// <summary>Replaces the first <paramref name="count"/> values with NaN.</summary>
    public static double[] WithMissing(double[] values, int count)
    {
        var copy = (double[])values.Clone();
        Array.Fill(copy, double.NaN, 0, count);
        return copy;
    }

    /// <summary>Codes laid out block by block: <paramref name="counts"/>[i] rows of code i, shuffled deterministically.</summary>
    public static int[] Codes(int seed, params int[] counts)
    {
        var codes = new List<int>();
        for (var code = 0; code < counts.Length; code++)
        {
            codes.AddRange(Enumerable.Repeat(code, counts[code]));
        }

        var array = codes.ToArray();
        new Random(seed).Shuffle(array);
        return array;
    }

    public static FeatureSpec NumericSpec(string name = "amount", double? min = null, double? max = null)
        => new(name, FeatureType.Numeric, RangeMin: min, RangeMax: max);

    public static FeatureSpec CategoricalSpec(string name = "channel", IReadOnlyList<string>? values = null)
        => new(name, FeatureType.Categorical, Values: values);
}
