namespace DriftBoard.Core.Domain;

/// <summary>How a feature is analysed: numeric (binned, KS, Wasserstein), categorical (per-category counts) or boolean (two categories).</summary>
public enum FeatureType
{
    Numeric,
    Categorical,
    Boolean,
}

/// <summary>One feature the model card declares. Columns not declared are kept but not analysed.</summary>
public sealed record FeatureSpec(
    string Name,
    FeatureType Type,
    string? Description = null,
    double? RangeMin = null,
    double? RangeMax = null,
    IReadOnlyList<string>? Values = null);

/// <summary>Where ground truth comes from.</summary>
public abstract record LabelSource(string File, string IdColumn);

/// <summary>
/// A positive-events feed such as chargebacks: every listed id is a positive that became known at its timestamp;
/// an id that is not listed is a negative once it is older than <see cref="MaturityDays"/> at <see cref="AsOf"/>,
/// and unlabelled before that.
/// </summary>
public sealed record PositiveEventsLabels(
    string File,
    string IdColumn,
    string TimestampColumn,
    int MaturityDays,
    DateTimeOffset AsOf) : LabelSource(File, IdColumn);

/// <summary>An explicit label per id, optionally with the time the label became known.</summary>
public sealed record ExplicitLabels(
    string File,
    string IdColumn,
    string LabelColumn,
    string? TimestampColumn) : LabelSource(File, IdColumn);

/// <summary>The data the model was trained on: the default drift reference.</summary>
public sealed record TrainingSpec(string File, string LabelColumn, string? TimestampColumn);

/// <summary>The parsed front matter of <c>model_card.md</c>: the dataset folder contract.</summary>
public sealed record ModelCard(
    string Model,
    string Version,
    string Task,
    string Target,
    string PositiveLabel,
    double Threshold,
    string IdColumn,
    string TimestampColumn,
    string ScoreColumn,
    string? PredictionColumn,
    string PredictionsFile,
    LabelSource Labels,
    TrainingSpec Training,
    IReadOnlyList<FeatureSpec> Features,
    IReadOnlyDictionary<string, double> MetricsAtLaunch,
    string Body)
{
    public FeatureSpec? Feature(string name) => Features.FirstOrDefault(f => f.Name == name);
}
