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

        // 2: postmortems. The document's current Markdown and version sit on the row; every accepted change set is in
        // postmortem_updates (version = the version it produced), so any version is initial_markdown plus a replay.
        """
        CREATE TABLE postmortems (
            id               INTEGER PRIMARY KEY,
            dataset_id       TEXT REFERENCES datasets(id) ON DELETE SET NULL,
            title            TEXT NOT NULL,
            status           TEXT NOT NULL DEFAULT 'draft',
            template         TEXT NOT NULL,
            initial_markdown TEXT NOT NULL,
            markdown         TEXT NOT NULL,
            version          INTEGER NOT NULL DEFAULT 0,
            created_by       TEXT NOT NULL,
            created_at_ms    INTEGER NOT NULL,
            updated_at_ms    INTEGER NOT NULL
        );

        CREATE TABLE postmortem_updates (
            postmortem_id INTEGER NOT NULL REFERENCES postmortems(id) ON DELETE CASCADE,
            version       INTEGER NOT NULL,
            client_id     TEXT NOT NULL,
            author        TEXT NOT NULL,
            changes_json  TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL,
            PRIMARY KEY (postmortem_id, version)
        );

        -- Figures frozen when the draft was written, so the document and its exports do not change when the dataset does.
        CREATE TABLE postmortem_figures (
            postmortem_id INTEGER NOT NULL REFERENCES postmortems(id) ON DELETE CASCADE,
            name          TEXT NOT NULL,
            content_type  TEXT NOT NULL,
            data          BLOB NOT NULL,
            PRIMARY KEY (postmortem_id, name)
        );

        -- A comment is anchored to [anchor_from, anchor_to) of the document at anchor_version; replies have a parent.
        CREATE TABLE postmortem_comments (
            id             INTEGER PRIMARY KEY,
            postmortem_id  INTEGER NOT NULL REFERENCES postmortems(id) ON DELETE CASCADE,
            parent_id      INTEGER REFERENCES postmortem_comments(id) ON DELETE CASCADE,
            anchor_from    INTEGER,
            anchor_to      INTEGER,
            anchor_version INTEGER,
            quote          TEXT,
            author         TEXT NOT NULL,
            body           TEXT NOT NULL,
            created_at_ms  INTEGER NOT NULL,
            resolved_by    TEXT,
            resolved_at_ms INTEGER
        );
        CREATE INDEX postmortem_comments_by_doc ON postmortem_comments(postmortem_id, id);

        -- Status changes (draft, in_review, final, reopened) with who and when.
        CREATE TABLE postmortem_events (
            id            INTEGER PRIMARY KEY,
            postmortem_id INTEGER NOT NULL REFERENCES postmortems(id) ON DELETE CASCADE,
            kind          TEXT NOT NULL,
            author        TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL
        );

        -- Templates a team added in the app; the files in data/templates/ are the built-in ones.
        CREATE TABLE postmortem_templates (
            name          TEXT PRIMARY KEY,
            markdown      TEXT NOT NULL,
            created_by    TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL
        );
        """,

        // 3: local user accounts. Names compare case-insensitively (ASCII); the password is an ASP.NET Core Identity hash;
        // the security stamp changes with the password or role, which signs out every cookie issued before.
        """
        CREATE TABLE users (
            name            TEXT NOT NULL COLLATE NOCASE PRIMARY KEY,
            password_hash   TEXT NOT NULL,
            role            TEXT NOT NULL CHECK (role IN ('viewer', 'author', 'admin')),
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            lockout_end_ms  INTEGER,
            security_stamp  TEXT NOT NULL,
            created_at_ms   INTEGER NOT NULL
        );
        """,
    ];

    public static int LatestVersion => Scripts.Count;

    /// <summary>Applies every script newer than the database's version, all in one transaction.</summary>
    public static void Apply(SqliteConnection connection)
    {
        // Already up to date (every open but the first): a plain read, so opening the database never queues behind a running
        // import's write lock (a reader would otherwise fail with "database is locked" after the busy timeout).
        if (CurrentVersion(connection) == LatestVersion) return;
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

    private static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0) return 0;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
