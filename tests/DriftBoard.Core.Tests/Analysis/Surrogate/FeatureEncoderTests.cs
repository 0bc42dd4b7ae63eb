using DriftBoard.Core.Analysis.Surrogate;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Tests.Analysis.Surrogate;

public class FeatureEncoderTests
{
    static DatasetFrame Frame(double[] numbers, int[] codes, IReadOnlyList<string> categories, double[] flags)
    {
        var n = numbers.Length;
        return new DatasetFrame
        {
            Timestamps = new long[n],
            Scores = new double[n],
            Predictions = new byte[n],
            Labels = new sbyte[n],
            LabelKnownAt = new long[n],
            Features = new Dictionary<string, FeatureColumn>
            {
                ["x"] = new NumericColumn(new FeatureSpec("x", FeatureType.Numeric), numbers),
                ["c"] = new CategoricalColumn(new FeatureSpec("c", FeatureType.Categorical), codes, categories),
                ["b"] = new NumericColumn(new FeatureSpec("b", FeatureType.Boolean), flags),
            },
        };
    }

    /// <summary>1000 reference rows: x = 0..999, c mostly "a"/"b" with "rare" at 0.2%, b alternating.</summary>
    static DatasetFrame Reference()
    {
        var n = 1000;
        var x = new double[n];
        var codes = new int[n];
        var flags = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = i;
            codes[i] = i < 2 ? 2 : i % 2;
            flags[i] = i % 2;
        }
        return Frame(x, codes, ["a", "b", "rare"], flags);
    }

    static int Column(FeatureEncoder encoder, string name) => encoder.ColumnNames.ToList().IndexOf(name);

    [Fact]
    public void Columns_follow_feature_order_and_drop_rare_categories_into_other()
    {
        var encoder = FeatureEncoder.Fit(Reference(), RowSets.Range(0, 1000));

        Assert.Equal(["b", "c", "x"], encoder.Features);
        Assert.Equal(["b", "b:missing", "c=a", "c=b", "c:other", "c:missing", "x"], encoder.ColumnNames.Take(7));
        Assert.Equal(4, encoder.ColumnNames.Count(name => name.StartsWith("x:hinge@", StringComparison.Ordinal)));
        Assert.Equal("x:missing", encoder.ColumnNames[^1]);
        Assert.DoesNotContain("c=rare", encoder.ColumnNames);
    }

    [Fact]
    public void Unseen_categories_missing_values_and_out_of_range_numbers_encode_deterministically()
    {
        var encoder = FeatureEncoder.Fit(Reference(), RowSets.Range(0, 1000));
        // A production frame with a different category list: "b" at another code, a new category, an invalid code.
        var production = Frame(
            [double.NaN, 1e9, -1e9, 499.5],
            [0, 1, CategoricalColumn.Missing, 7],
            ["brand_new", "b"],
            [double.NaN, 1, 0, 2]);

        var x = encoder.Encode(production, [0, 1, 2, 3]);
        var width = encoder.ColumnCount;
        double At(int row, string column) => x[row * width + Column(encoder, column)];

        Assert.Equal(1, At(0, "c:other"));          // unseen category
        Assert.Equal(1, At(1, "c=b"));              // matched by name, not by code
        Assert.Equal(1, At(2, "c:missing"));
        Assert.Equal(1, At(3, "c:other"));          // invalid code
        Assert.Equal(0, At(0, "x"));                // NaN: neutral value plus indicator
        Assert.Equal(1, At(0, "x:missing"));
        Assert.Equal(5, At(1, "x"));                // clipped at +5
        Assert.Equal(-5, At(2, "x"));
        Assert.Equal(0, At(3, "x"), 9);             // the median
        Assert.Equal(0, At(1, "x:missing"));
        Assert.Equal(1, At(0, "b:missing"));
        Assert.Equal(0, At(0, "b"));
        Assert.Equal(1, At(3, "b"));                // any non-zero boolean is true
        for (var row = 0; row < 4; row++)
        {
            // Exactly one categorical slot is hot per row.
            var hot = 0.0;
            foreach (var name in new[] { "c=a", "c=b", "c:other", "c:missing" })
            {
                hot += At(row, name);
            }
            Assert.Equal(1, hot);
        }
    }

    [Fact]
    public void Hinges_are_zero_below_their_knot_and_grow_linearly_above()
    {
        var reference = Reference();
        var encoder = FeatureEncoder.Fit(reference, RowSets.Range(0, 1000));
        var x = encoder.Encode(reference, [0, 999]);
        var width = encoder.ColumnCount;
        var hinges = Enumerable.Range(0, width).Where(j => encoder.ColumnNames[j].StartsWith("x:hinge@", StringComparison.Ordinal)).ToArray();

        Assert.All(hinges, j => Assert.Equal(0, x[j]));
        // At the top value each hinge is z − knot: positive, smaller for later (higher) knots, by exactly the knot spacing.
        var zTop = x[width + Column(encoder, "x")];
        for (var k = 0; k < hinges.Length; k++)
        {
            var knot = zTop - x[width + hinges[k]];
            Assert.True(x[width + hinges[k]] > 0);
            Assert.Equal(double.Parse(encoder.ColumnNames[hinges[k]]["x:hinge@".Length..], System.Globalization.CultureInfo.InvariantCulture), knot, 3);
            if (k > 0)
            {
                Assert.True(x[width + hinges[k]] < x[width + hinges[k - 1]]);
            }
        }
    }

    [Fact]
    public void A_replacement_column_encodes_like_a_frame_holding_those_values()
    {
        var reference = Reference();
        var encoder = FeatureEncoder.Fit(reference, RowSets.Range(0, 1000));
        int[] rows = [10, 500, 990];
        var replacement = new NumericColumn(new FeatureSpec("x", FeatureType.Numeric), [990, double.NaN, 10]);
        var replaced = encoder.Encode(reference, rows, "x", replacement);

        var x = (double[])((NumericColumn)reference.Features["x"]).Values.Clone();
        x[10] = 990;
        x[500] = double.NaN;
        x[990] = 10;
        var expectedFrame = Frame(x, ((CategoricalColumn)reference.Features["c"]).Codes, ["a", "b", "rare"], ((NumericColumn)reference.Features["b"]).Values);

        Assert.Equal(encoder.Encode(expectedFrame, rows), replaced);
        Assert.NotEqual(encoder.Encode(reference, rows), replaced);
    }

    [Fact]
    public void A_feature_missing_everywhere_in_the_reference_still_encodes()
    {
        var n = 100;
        var frame = Frame(Enumerable.Repeat(double.NaN, n).ToArray(), new int[n], ["a"], new double[n]);
        var encoder = FeatureEncoder.Fit(frame, RowSets.Range(0, n));

        Assert.Equal(["x", "x:missing"], encoder.ColumnNames.Where(c => c.StartsWith('x')));
        var probe = Frame([3], [0], ["a"], [0]);
        var x = encoder.Encode(probe, [0]);
        Assert.Equal(3, x[Column(encoder, "x")]); // median 0, scale 1: the value itself, within the clip
    }
}
