using DriftBoard.Core.Domain;

namespace DriftBoard.Storage;

// SKELETON: the public surface other projects code against. The storage helper replaces the bodies
// (and may move these types into their own files); keep the names and signatures.

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

public sealed record ImportOptions(string? Name = null, bool Replace = false, double MaxBadRowShare = 0.001);

public sealed record ImportProgress(string Stage, string File, long Rows, long BytesRead, long TotalBytes, TimeSpan Elapsed);

public sealed record ImportResult(string DatasetId, long Rows, long TrainingRows, long LabelledRows, long QuarantinedRows, TimeSpan Elapsed);

public sealed record QuarantinedRow(string File, long Line, string? Column, string? Value, string Reason);

/// <summary>The importer was asked to import a dataset that is already there, without --replace.</summary>
public sealed class DatasetExistsException(string id)
    : Exception($"dataset '{id}' is already imported; use --replace to replace it")
{
    public string DatasetId { get; } = id;
}
