using Microsoft.Data.Sqlite;

namespace DriftBoard.Storage.Database;

/// <summary>
/// The schema as an ordered list of scripts. Script i brings the schema to version i + 1; a database records the versions it has
/// in <c>schema_version</c>. Never edit a released script: append a new one.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<string> Scripts =
    [
        // 1: datasets, their columns, categorical dictionaries, column chunks, per-day aggregates, quarantine.
        """
        CREATE TABLE datasets (
            id               TEXT PRIMARY KEY,
            name             TEXT NOT NULL,
            model            TEXT NOT NULL,
            version          TEXT NOT NULL,
            card_json        TEXT NOT NULL,
            rows             INTEGER NOT NULL DEFAULT 0,
            training_rows    INTEGER NOT NULL DEFAULT 0,
            labelled_rows    INTEGER NOT NULL DEFAULT 0,
            quarantined_rows INTEGER NOT NULL DEFAULT 0,
            first_event_ms   INTEGER,
            last_event_ms    INTEGER,
            as_of_ms         INTEGER NOT NULL,
            imported_at_ms   INTEGER NOT NULL
        );

        -- role: id, timestamp, score, prediction, label, label_known_at, feature, extra.
        -- name is the chunk column name; file_column the column it came from (null when derived).
        CREATE TABLE dataset_columns (
            dataset_id  TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
            source      TEXT NOT NULL,
            name        TEXT NOT NULL,
            ordinal     INTEGER NOT NULL,
            role        TEXT NOT NULL,
            type        TEXT NOT NULL,
            encoding    TEXT NOT NULL,
            file_column TEXT,
            PRIMARY KEY (dataset_id, source, name)
        );

        CREATE TABLE categories (
            dataset_id  TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
            column_name TEXT NOT NULL,
            code        INTEGER NOT NULL,
            value       TEXT NOT NULL,
            PRIMARY KEY (dataset_id, column_name, code)
        );

        -- Key order puts one column's chunks for a day range next to each other: reading one feature for one window
        -- is a single index range scan that never touches the other columns' blobs.
        CREATE TABLE column_chunks (
            dataset_id  TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
            source      TEXT NOT NULL,
            column_name TEXT NOT NULL,
            day         INTEGER NOT NULL,
            seq         INTEGER NOT NULL,
            row_count   INTEGER NOT NULL,
            encoding    TEXT NOT NULL,
            data        BLOB NOT NULL,
            PRIMARY KEY (dataset_id, source, column_name, day, seq)
        );

        CREATE TABLE day_stats (
            dataset_id        TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
            source            TEXT NOT NULL,
            day               INTEGER NOT NULL,
            rows              INTEGER NOT NULL,
            labelled          INTEGER NOT NULL,
            positives         INTEGER NOT NULL,
            flagged           INTEGER NOT NULL,
            flagged_positives INTEGER NOT NULL,
            scored            INTEGER NOT NULL,
            score_sum         REAL NOT NULL,
            PRIMARY KEY (dataset_id, source, day)
        );

        CREATE TABLE quarantine (
            id          INTEGER PRIMARY KEY,
            dataset_id  TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
            file        TEXT NOT NULL,
            line        INTEGER NOT NULL,
            column_name TEXT,
            value       TEXT,
            reason      TEXT NOT NULL
        );
        CREATE INDEX quarantine_by_dataset ON quarantine(dataset_id, id);
        """,
    ];

    public static int LatestVersion => Scripts.Count;

    /// <summary>Applies every script newer than the database's version, all in one transaction.</summary>
    public static void Apply(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        DriftBoardDatabase.Execute(connection,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at_ms INTEGER NOT NULL);", transaction);

        using var current = connection.CreateCommand();
        current.Transaction = transaction;
        current.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        var version = Convert.ToInt32(current.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > LatestVersion)
            throw new InvalidOperationException(
                $"the database is at schema version {version}, newer than this DriftBoard ({LatestVersion}); upgrade DriftBoard");

        for (var next = version + 1; next <= LatestVersion; next++)
        {
            DriftBoardDatabase.Execute(connection, Scripts[next - 1], transaction);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at_ms) VALUES ($v, $t);";
            record.Parameters.AddWithValue("$v", next);
            record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            record.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}
