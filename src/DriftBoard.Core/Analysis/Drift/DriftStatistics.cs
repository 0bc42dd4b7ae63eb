using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.Drift;

/// <summary>
/// One feature in one window against the reference. A statistic that does not apply to the feature's type, or that
/// cannot be computed (no present values on one side), is null, never NaN, so the record serialises as plain JSON.
/// Numeric features get <see cref="Psi"/> on the reference's decile bins, KS, Wasserstein and Jensen-Shannon on those
/// bins; categorical and boolean features get PSI, chi-square and Jensen-Shannon on the categories.
/// </summary>
/// <param name="Rows">Rows in the window, missing values included.</param>
/// <param name="TooSmall">Fewer rows than <see cref="DriftThresholds.MinimumRows"/>: statistics are shown but the window is never called drifted.</param>
/// <param name="MissingRate">Share of the window's rows with a missing value (0 for an empty window).</param>
/// <param name="ReferenceMissingRate">The same share in the reference.</param>
/// <param name="Wasserstein">Wasserstein distance divided by the reference's population std (floored at 1e-3).</param>
/// <param name="OutOfRangeRate">Share of the window's present values outside the expected range: the card's
/// RangeMin/RangeMax where given, else the reference's [min, max]; for categorical features, values outside the card's
/// listed values where given, else categories the reference never had; for booleans, values other than 0 and 1.</param>
/// <param name="NewCategories">Categories present in the window and absent from the reference, most frequent first.</param>
/// <param name="MissingCategories">Reference categories with at least <see cref="DriftThresholds.MissingCategoryMinShare"/> of the reference that are absent from the window, largest first.</param>
public sealed record DriftStatistics(
    string Feature,
    FeatureType Type,
    int Rows,
    bool TooSmall,
    double MissingRate,
    double ReferenceMissingRate,
    double? Psi,
    double? Ks,
    double? KsPValue,
    double? ChiSquare,
    double? ChiSquarePValue,
    double? JensenShannon,
    double? Wasserstein,
    double? OutOfRangeRate,
    IReadOnlyList<string> NewCategories,
    IReadOnlyList<string> MissingCategories,
    DriftSeverity Severity,
    DriftSignals Signals);
