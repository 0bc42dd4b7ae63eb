using Microsoft.Extensions.Options;

namespace DriftBoard.Web.Options;

/// <summary>
/// Fails start-up (with ValidateOnStart) when the database folder neither exists nor can be created, so a bad path is reported
/// once with the setting to fix instead of as a SQLite error on the first page that opens the database.
/// </summary>
internal sealed class DriftBoardOptionsValidator : IValidateOptions<DriftBoardOptions>
{
    public ValidateOptionsResult Validate(string? name, DriftBoardOptions options)
    {
        if (options.DemoPerDay is <= 0)
            return ValidateOptionsResult.Fail($"DriftBoard:DemoPerDay must be a positive number of predictions per day, found {options.DemoPerDay}.");

        if (!string.IsNullOrWhiteSpace(options.LogStore) && !Storage.Postgres.LogStore.IsPostgres(options.LogStore))
            return ValidateOptionsResult.Fail(
                "DriftBoard:LogStore must be empty (the SQLite database's column chunks) or a PostgreSQL connection string naming a Host, "
                + "e.g. \"Host=db;Database=driftboard;Username=app\".");

        var folder = Path.GetDirectoryName(options.DatabasePath);
        if (string.IsNullOrEmpty(folder))
        {
            return ValidateOptionsResult.Fail(
                $"The DriftBoard database path '{options.DatabasePath}' has no folder. {HowToFix}");
        }

        try
        {
            // Creating the folder is the only reliable test of "creatable" (permissions, a file in the way, read-only mounts).
            Directory.CreateDirectory(folder);
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return ValidateOptionsResult.Fail(
                $"The folder '{folder}' of the DriftBoard database '{options.DatabasePath}' does not exist and cannot be created: {ex.Message} {HowToFix}");
        }
    }

    private const string HowToFix =
        "Set the configuration value DriftBoard:DatabasePath (or the DRIFTBOARD_DB environment variable) to a file in a writable folder.";
}
