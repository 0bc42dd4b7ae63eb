using DriftBoard.Core.Domain;

namespace DriftBoard.Storage;

// The public surface other projects code against: the database location and the importer's options, progress and results.
// The importer is DriftBoard.Storage.Import.DatasetImporter, the queries DriftBoard.Storage.Store.DatasetStore.

/// <summary>Where the database file is: --db, else DRIFTBOARD_DB, else driftboard.db in the working directory.</summary>
public static class DatabaseLocation
{
    public const string EnvironmentVariable = "DRIFTBOARD_DB";

    public static string Resolve(string? explicitPath) =>
        Path.GetFullPath(
            !string.IsNullOrWhiteSpace(explicitPath) ? explicitPath
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env
            : Path.Combine(Environment.CurrentDirectory, "driftboard.db"));
}

/// <summary>
/// <paramref name="Name"/>: the dataset's name, slugged into its id (default <c>model-version</c>); <paramref name="Replace"/>: replace
/// a dataset with the same id in the same transaction; <paramref name="MaxBadRowShare"/>: the share of quarantined rows among all
/// rows read (predictions, labels, training) above which the import fails and nothing is written.
/// </summary>
public sealed record ImportOptions(string? Name = null, bool Replace = false, double MaxBadRowShare = 0.001);

/// <summary>Where an import is: stage <c>labels</c>, <c>predictions</c>, <c>training</c> or <c>finishing</c>; reported at most ~10 times a second.</summary>
public sealed record ImportProgress(string Stage, string File, long Rows, long BytesRead, long TotalBytes, TimeSpan Elapsed);

public sealed record ImportResult(string DatasetId, long Rows, long TrainingRows, long LabelledRows, long QuarantinedRows, TimeSpan Elapsed);

public sealed record QuarantinedRow(string File, long Line, string? Column, string? Value, string Reason);

/// <summary>The importer was asked to import a dataset that is already there, without --replace.</summary>
public sealed class DatasetExistsException(string id)
    : Exception($"dataset '{id}' is already imported; use --replace to replace it")
{
    public string DatasetId { get; } = id;
}
