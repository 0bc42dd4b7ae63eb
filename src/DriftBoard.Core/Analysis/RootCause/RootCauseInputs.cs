using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Surrogate;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.RootCauses;

/// <summary>
/// Everything the root-cause classifier reads. The engine computes each analysis piece once and passes it in; the
/// classifier computes only the extra evidence it needs (per-day feature profiles, segment recall, class-conditional
/// drift, positive-rate and score series) from the frames' column arrays.
/// </summary>
/// <param name="Production">The production log, ordered by UTC day, labels as known at as-of.</param>
/// <param name="Reference">The training data (features and labels; no scores): what "values the model was trained on" means.</param>
/// <param name="Card">The model card: the features to examine and the threshold.</param>
/// <param name="Context">As-of, label rule and performance settings.</param>
/// <param name="Timeline">Realised performance per window, with label maturity (provisional windows are never read as a drop).</param>
/// <param name="RecallDrop">The recall change point over the readable windows.</param>
/// <param name="Drift">Optional per-window drift table (<see cref="DriftTable.Compute"/>); quoted in the evidence when given.</param>
/// <param name="Attribution">
/// Optional counterfactual attribution on the affected positives (<see cref="FeatureAttribution.Compute"/>): per feature,
/// the recall recovered when its values are drawn from the reference. Null or empty when no surrogate was fitted; the
/// classifier then attributes by segment recall alone.
/// </param>
public sealed record RootCauseInputs(
    DatasetFrame Production,
    DatasetFrame Reference,
    ModelCard Card,
    AnalysisContext Context,
    IReadOnlyList<WindowPerformance> Timeline,
    RecallDropResult RecallDrop,
    IReadOnlyList<WindowFeatureDrift>? Drift = null,
    IReadOnlyList<AttributionResult>? Attribution = null,
    RootCauseSettings? Settings = null)
{
    public RootCauseSettings Settings { get; init; } = Settings ?? new RootCauseSettings();
}

/// <summary>Tunable thresholds of the root-cause classifier; the defaults are the product's.</summary>
public sealed record RootCauseSettings
{
    /// <summary>Below this many readable (mature, large enough) windows the verdict's confidence shrinks in proportion (default 4).</summary>
    public int MinReadableWindows { get; init; } = 4;

    /// <summary>Days with fewer production rows are left out of every daily series (default 50).</summary>
    public int MinRowsPerDay { get; init; } = 50;

    /// <summary>Longest rollout still read as a step when fitting a change (default 28 days: longer changes fit as a slope).</summary>
    public int MaxRampDays { get; init; } = 28;

    /// <summary>A change this short or shorter is a step (default 4 days: a deploy or a rollout).</summary>
    public int StepDays { get; init; } = 4;

    /// <summary>A change ramping over this many days or more is gradual, not a pipeline fault (default 14).</summary>
    public int GradualDays { get; init; } = 14;

    /// <summary>Share jump (missing, unseen, one exact value) that counts as a full-strength pipeline anomaly (default 0.2).</summary>
    public double FullAnomalyShare { get; init; } = 0.2;

    /// <summary>PSI that counts as a full-strength input shift (default 0.2; 0.1 is the usual "moderate" mark).</summary>
    public double FullShiftPsi { get; init; } = 0.2;

    /// <summary>Inputs whose largest PSI stays below this count as steady (default 0.05).</summary>
    public double SteadyPsi { get; init; } = 0.05;

    /// <summary>Fewest labelled positives in a segment before its recall is read (default 20).</summary>
    public int MinSegmentPositives { get; init; } = 20;

    /// <summary>How the sentences name the reference frame (default "the training data"; e.g. "the reference period").</summary>
    public string ReferenceName { get; init; } = "the training data";

    /// <summary>When no reference values exist for a feature, the first days of production stand in (default 28).</summary>
    public int FallbackReferenceDays { get; init; } = 28;
}
