namespace DriftBoard.Core.Domain;

/// <summary>An imported dataset as listed by the store.</summary>
public sealed record DatasetInfo(
    string Id,
    string Name,
    string Model,
    string Version,
    long Rows,
    long TrainingRows,
    long LabelledRows,
    long QuarantinedRows,
    DateTimeOffset? FirstEvent,
    DateTimeOffset? LastEvent,
    DateTimeOffset AsOf,
    DateTimeOffset ImportedAt,
    ModelCard Card);
