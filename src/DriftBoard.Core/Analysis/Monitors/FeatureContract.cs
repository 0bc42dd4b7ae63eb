using System.Globalization;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Monitors;

/// <summary>Where a contract's bounds come from.</summary>
public static class ContractSource
{
    /// <summary>The model card's <c>range</c> or <c>values</c>.</summary>
    public const string Card = "card";

    /// <summary>The reference (training) data: its [p0.1%, p99.9%] widened, or the categories it holds.</summary>
    public const string Reference = "reference";

    /// <summary>A boolean's 0 and 1.</summary>
    public const string Boolean = "boolean";

    /// <summary>No bound could be derived (a numeric feature with no card range and no reference values).</summary>
    public const string None = "none";
}

/// <summary>
/// What a feature's values are allowed to be, checked by the input contract monitor.
/// </summary>
/// <param name="Min">Smallest allowed value (numeric and boolean; −∞ without a lower bound; NaN for categorical).</param>
/// <param name="Max">Largest allowed value (+∞ without an upper bound; NaN for categorical).</param>
/// <param name="Source">Where the range or category list comes from (<see cref="ContractSource"/>).</param>
/// <param name="AllowedCategories">Categorical only: the card's values, else the categories seen in the reference; empty otherwise.</param>
/// <param name="ReferenceMissingRate">Share of reference rows with the value missing (0 for an empty reference).</param>
public sealed record FeatureContract(
    string Feature,
    FeatureType Type,
    double Min,
    double Max,
    string Source,
    IReadOnlyList<string> AllowedCategories,
    double ReferenceMissingRate)
{
    /// <summary>A one-line description for rules and evidence, e.g. <c>amount in [0, 10000] (card)</c>.</summary>
    public string Describe() => Type switch
    {
        FeatureType.Categorical => string.Create(CultureInfo.InvariantCulture, $"{Feature} in {AllowedCategories.Count} known categories ({Source})"),
        FeatureType.Boolean => $"{Feature} in {{0, 1}}",
        _ => string.Create(CultureInfo.InvariantCulture, $"{Feature} in [{Min:G6}, {Max:G6}] ({Source})"),
    };
}
