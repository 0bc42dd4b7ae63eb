using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Drift;

/// <summary>
/// Counts per category name for one sample of a categorical or boolean feature: only categories that occur, in the
/// order of the column's category list. Built in one pass over the codes (an array indexed by code, no per-row lookups).
/// </summary>
internal sealed record CategoryTally(string[] Names, long[] Counts, int Rows, long Missing, long NonBinary)
{
    /// <summary>Category names of boolean features, in code order (0, then 1).</summary>
    public static readonly string[] BooleanNames = ["false", "true"];

    public long Present => Rows - Missing;

    public static CategoryTally FromCodes(ReadOnlySpan<int> codes, IReadOnlyList<string> categories)
    {
        var perCode = new long[categories.Count];
        long missing = 0;
        foreach (var code in codes)
        {
            if (code < 0)
            {
                missing++;
            }
            else if (code >= perCode.Length)
            {
                throw new ArgumentException($"Category code {code} is outside the column's {perCode.Length} categories.", nameof(codes));
            }
            else
            {
                perCode[code]++;
            }
        }

        return FromPerCode(perCode, i => categories[i], codes.Length, missing, 0);
    }

    /// <summary>Booleans stored as 0/1 doubles: NaN is missing, 0 is false, anything else true (and counted as non-binary unless 1).</summary>
    public static CategoryTally FromBooleans(ReadOnlySpan<double> values)
    {
        var perCode = new long[2];
        long missing = 0, nonBinary = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                missing++;
            }
            else if (v == 0)
            {
                perCode[0]++;
            }
            else
            {
                perCode[1]++;
                if (v != 1)
                {
                    nonBinary++;
                }
            }
        }

        return FromPerCode(perCode, i => BooleanNames[i], values.Length, missing, nonBinary);
    }

    public static CategoryTally FromColumn(FeatureColumn column, int start, int length) => column switch
    {
        CategoricalColumn c when column.Spec.Type == FeatureType.Categorical => FromCodes(c.Codes.AsSpan(start, length), c.Categories),
        NumericColumn n when column.Spec.Type == FeatureType.Boolean => FromBooleans(n.Values.AsSpan(start, length)),
        _ => throw new ArgumentException($"Feature '{column.Spec.Name}' of type {column.Spec.Type} is not held in a {column.GetType().Name}."),
    };

    private static CategoryTally FromPerCode(long[] perCode, Func<int, string> name, int rows, long missing, long nonBinary)
    {
        var names = new List<string>();
        var counts = new List<long>();
        for (var i = 0; i < perCode.Length; i++)
        {
            if (perCode[i] > 0)
            {
                names.Add(name(i));
                counts.Add(perCode[i]);
            }
        }

        return new CategoryTally([.. names], [.. counts], rows, missing, nonBinary);
    }
}
