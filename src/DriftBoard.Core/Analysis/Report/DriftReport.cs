using DriftBoard.Core.Analysis.Drift;

namespace DriftBoard.Core.Analysis.Report;

/// <summary>Series kinds in <c>drift[]</c>: the card's feature types plus the model's score and the label rate.</summary>
public static class DriftSeriesType
{
    public const string Numeric = "numeric";
    public const string Categorical = "categorical";
    public const string Boolean = "boolean";
    public const string Score = "score";
    public const string Label = "label";
}

/// <summary>
/// One window of a drift series. Statistics that do not apply to the series' type are null.
/// <see cref="Positives"/> is the same feature among the window's labelled positives against the reference's positives
/// (null for the score and label series, and when the window has no labelled positive). For the label series,
/// <see cref="PositiveRate"/> is the share of positives among the labelled rows and <see cref="MissingRate"/> the share unlabelled.
/// </summary>
public sealed record DriftWindowReport(
    DateOnly Start,
    DateOnly End,
    int Rows,
    bool TooSmall,
    string Severity,
    double? Psi,
    double? Ks,
    double? KsPValue,
    double? ChiSquare,
    double? ChiSquarePValue,
    double? JensenShannon,
    double? Wasserstein,
    double MissingRate,
    double? OutOfRangeRate,
    IReadOnlyList<string> NewCategories,
    IReadOnlyList<string> MissingCategories,
    PositivesDrift? Positives,
    double? PositiveRate = null)
{
    public static DriftWindowReport From(DateOnly start, DateOnly end, DriftStatistics s, PositivesDrift? positives) => new(
        start, end, s.Rows, s.TooSmall, SeverityName(s.Severity), s.Psi, s.Ks, s.KsPValue, s.ChiSquare, s.ChiSquarePValue,
        s.JensenShannon, s.Wasserstein, s.MissingRate, s.OutOfRangeRate, s.NewCategories, s.MissingCategories, positives);

    public static string SeverityName(DriftSeverity severity) => severity switch
    {
        DriftSeverity.Major => "major",
        DriftSeverity.Moderate => "moderate",
        _ => "none",
    };
}

/// <summary>A feature's drift among labelled positives only: how the fraud itself looks now against the reference's fraud.</summary>
public sealed record PositivesDrift(int Rows, bool TooSmall, string Severity, double? Psi, double? Ks, double? KsPValue, double? ChiSquarePValue, double? JensenShannon);

/// <summary>One row of the drift heatmap: a feature (or the score, or the label rate) over the windows.</summary>
public sealed record FeatureDriftSeries(string Feature, string Type, IReadOnlyList<DriftWindowReport> Windows);
