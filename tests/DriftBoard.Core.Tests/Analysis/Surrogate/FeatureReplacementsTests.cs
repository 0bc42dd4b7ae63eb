using DriftBoard.Core.Analysis.Surrogate;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Tests.Analysis.Surrogate;

public class FeatureReplacementsTests
{
    static readonly FeatureSpec CategorySpec = new("c", FeatureType.Categorical);
    static readonly FeatureSpec NumberSpec = new("x", FeatureType.Numeric);

    static DatasetFrame Reference(double[] numbers, int[] codes, IReadOnlyList<string> categories) => new()
    {
        Timestamps = new long[numbers.Length],
        Scores = new double[numbers.Length],
        Predictions = new byte[numbers.Length],
        Labels = new sbyte[numbers.Length],
        LabelKnownAt = new long[numbers.Length],
        Features = new Dictionary<string, FeatureColumn>
        {
            ["x"] = new NumericColumn(NumberSpec, numbers),
            ["c"] = new CategoricalColumn(CategorySpec, codes, categories),
        },
    };

    static string[] Names(CategoricalColumn column) =>
        Array.ConvertAll(column.Codes, code => code == CategoricalColumn.Missing ? "<missing>" : column.Categories[code]);

    [Fact]
    public void Mapping_categories_back_renames_only_the_mapped_ones()
    {
        var recoded = new CategoricalColumn(CategorySpec, [0, 1, CategoricalColumn.Missing, 2], ["WEB", "app", "PHONE"]);
        var map = new Dictionary<string, string> { ["WEB"] = "web", ["PHONE"] = "phone" };

        var result = (CategoricalColumn)FeatureReplacements.MapCategories(map)(recoded, [3, 0, 1, 2]);

        Assert.Equal(["phone", "web", "app", "<missing>"], Names(result));
    }

    [Fact]
    public void Imputing_a_constant_default_replaces_only_that_value_with_reference_values()
    {
        var reference = Reference([10, 20, 30], [0, 0, 0], ["a"]);
        var filled = new NumericColumn(NumberSpec, [0, 5, 0, double.NaN, 0]);

        var result = (NumericColumn)FeatureReplacements.ImputeConstantFrom(0, reference, [0, 1, 2], seed: 1)(filled, [0, 1, 2, 3, 4]);

        Assert.Equal(5, result.Values[1]);
        Assert.True(double.IsNaN(result.Values[3]));
        foreach (var i in new[] { 0, 2, 4 })
        {
            Assert.Contains(result.Values[i], new[] { 10.0, 20, 30 });
        }
    }

    [Fact]
    public void Resampling_translates_between_category_lists_and_is_seeded()
    {
        var reference = Reference([1, 2, 3, 4], [0, 1, 0, 1], ["app", "web"]);
        var production = new CategoricalColumn(CategorySpec, [0, 1, 1, 0], ["web", "new"]);
        int[] rows = [0, 1, 2, 3];

        var resampled = (CategoricalColumn)FeatureReplacements.ResampleFrom(reference, [0, 1, 2, 3], seed: 5)(production, rows);
        var again = (CategoricalColumn)FeatureReplacements.ResampleFrom(reference, [0, 1, 2, 3], seed: 5)(production, rows);
        var imputed = (CategoricalColumn)FeatureReplacements.ImputeCategoryFrom("new", reference, [0, 1, 2, 3], seed: 5)(production, rows);

        Assert.All(Names(resampled), name => Assert.Contains(name, new[] { "app", "web" }));
        Assert.Equal(Names(resampled), Names(again));
        Assert.Equal("web", Names(imputed)[0]);   // kept, re-expressed in the reference's list
        Assert.Equal("web", Names(imputed)[3]);
        Assert.All(Names(imputed)[1..3], name => Assert.Contains(name, new[] { "app", "web" }));
    }
}
