namespace DriftBoard.Web.Options;

/// <summary>The <c>DriftBoard</c> configuration section.</summary>
public sealed class DriftBoardOptions
{
    public const string SectionName = "DriftBoard";

    /// <summary>
    /// The SQLite database file. After binding this is the full path resolved by <see cref="Storage.DatabaseLocation"/>:
    /// <c>DriftBoard:DatabasePath</c>, else the <c>DRIFTBOARD_DB</c> environment variable, else <c>driftboard.db</c> in the working directory.
    /// </summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>Write the demo incident into the database at start-up when it holds no dataset.</summary>
    public bool SeedDemoWhenEmpty { get; set; } = true;

    /// <summary>
    /// Where the analysis reads production rows' per-day counts and its row sample: empty for the SQLite database's column
    /// chunks, or a PostgreSQL (Npgsql) connection string naming a Host for a PostgreSQL log store filled by
    /// <c>driftboard import --log-store</c>. Metadata and postmortems always stay in the SQLite database.
    /// </summary>
    public string LogStore { get; set; } = "";

    /// <summary>Predictions per day of the seeded demo; null keeps the demo settings' own (3,000 a day). Smaller seeds faster (tests).</summary>
    public int? DemoPerDay { get; set; }

    /// <summary>Largest upload the import page accepts, all files together (default 2 GiB).</summary>
    public long MaxUploadBytes { get; set; } = Import.UploadLimits.DefaultMaxUploadBytes;

    /// <summary>Largest total size an uploaded zip may expand to (default 16 GiB).</summary>
    public long MaxUnzippedBytes { get; set; } = Import.UploadLimits.DefaultMaxUnzippedBytes;

    /// <summary>Most entries an uploaded zip may hold (default 1000).</summary>
    public int MaxZipEntries { get; set; } = Import.UploadLimits.DefaultMaxZipEntries;

    /// <summary>
    /// Folder of the built-in postmortem templates (<c>*.md</c>); empty for the <c>templates</c> folder shipped beside the app
    /// (a copy of the repository's <c>data/templates</c>). Templates a team adds in the app live in the database.
    /// </summary>
    public string TemplatesPath { get; set; } = "";

    /// <summary>Most bytes one row of an imported CSV or JSON Lines file may span (default 1 MiB); a longer row fails the import naming its line.</summary>
    public int MaxRowBytes { get; set; } = Storage.Formats.TabularReaderLimits.DefaultMaxRowBytes;

    /// <summary>Folder for uploads while they are imported; empty for the system temp folder. Always emptied afterwards.</summary>
    public string UploadTempPath { get; set; } = "";
}
