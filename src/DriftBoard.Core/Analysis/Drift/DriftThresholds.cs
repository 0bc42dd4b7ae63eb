using DriftBoard.Core.Statistics;

namespace DriftBoard.Core.Analysis.Drift;

/// <summary>How severe a feature's drift is in one window, judged by effect size (never by p-value).</summary>
public enum DriftSeverity
{
    None,
    Moderate,
    Major,
}

/// <summary>The rules that fired for a window; <see cref="DriftStatistics.Severity"/> is the worst of them.</summary>
[Flags]
public enum DriftSignals
{
    None = 0,

    /// <summary>PSI in [ModeratePsi, MajorPsi).</summary>
    PsiModerate = 1,

    /// <summary>PSI at or above MajorPsi.</summary>
    PsiMajor = 2,

    /// <summary>A category absent from the reference holds more than NewCategoryMajorShare of the window.</summary>
    NewCategoryMajor = 4,

    /// <summary>A reference category with at least VanishedCategoryMajorShare of the reference is absent from the window.</summary>
    VanishedCategoryMajor = 8,

    /// <summary>The missing rate rose by at least MissingRateRiseMajor (absolute) over the reference's.</summary>
    MissingRateRise = 16,
}

/// <summary>
/// Settings of the drift table. Defaults: PSI &lt; 0.1 none, 0.1-0.25 moderate, &gt;= 0.25 major; a new category with
/// more than 5% of the window or a vanished reference category of at least 5% is major; a missing-rate rise of 0.2 is
/// major; reference categories under 1% are not reported as missing; windows under 200 rows are too small to call.
/// </summary>
public sealed record DriftThresholds
{
    public static DriftThresholds Default { get; } = new();

    public double ModeratePsi { get; init; } = 0.1;

    public double MajorPsi { get; init; } = 0.25;

    /// <summary>A new category holding more than this share of the window's present values makes the drift major.</summary>
    public double NewCategoryMajorShare { get; init; } = 0.05;

    /// <summary>A reference category with at least this share vanishing from the window makes the drift major.</summary>
    public double VanishedCategoryMajorShare { get; init; } = 0.05;

    /// <summary>Reference categories with at least this share are listed in <see cref="DriftStatistics.MissingCategories"/> when absent.</summary>
    public double MissingCategoryMinShare { get; init; } = 0.01;

    /// <summary>An absolute rise of the missing rate over the reference's of at least this much is major.</summary>
    public double MissingRateRiseMajor { get; init; } = 0.2;

    /// <summary>Windows with fewer rows are <see cref="DriftStatistics.TooSmall"/> and never called drifted.</summary>
    public int MinimumRows { get; init; } = 200;

    /// <summary>How the KS p-value is computed (scipy's rule by default: exact up to 10,000 values per sample).</summary>
    public KsMethod KsMethod { get; init; } = KsMethod.Auto;
}
