using Microsoft.Data.Sqlite;

namespace DriftBoard.Storage.Database;

/// <summary>
/// One DriftBoard database file. Hands out open connections configured the same way (WAL journal, 10 s busy timeout,
/// foreign keys on) and brings the schema up to date the first time a connection is opened.
/// </summary>
public sealed class DriftBoardDatabase
{
    /// <summary>How long a writer or reader waits for a lock held by another connection (the CLI importing while the web app reads).</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Page size of a new database file.</summary>
    public const int PageSize = 65_536;

    private readonly string _connectionString;
    private readonly Lock _migrationLock = new();
    private volatile bool _migrated;

    public DriftBoardDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>Opens a connection, applying pending migrations on the first call.</summary>
    public SqliteConnection Open()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // busy_timeout and synchronous are per connection; journal_mode=WAL is persistent in the file.
            // synchronous=NORMAL in WAL mode keeps every commit atomic; only the last commits may be lost on power failure.
            Execute(connection, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;");
            if (!_migrated) Migrate(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Migrate(SqliteConnection connection)
    {
        lock (_migrationLock)
        {
            if (_migrated) return;
            // Chunk blobs are 64-512 KB: large pages keep them in few pages and WAL frames. Only takes effect on a new, empty file.
            Execute(connection, $"PRAGMA page_size = {PageSize};");
            Execute(connection, "PRAGMA journal_mode = WAL;");
            Migrations.Apply(connection);
            _migrated = true;
        }
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
