using Dapper;
using DriftBoard.Core.Postmortems;
using DriftBoard.Core.Postmortems.Collab;

namespace DriftBoard.Storage.Postmortems;

/// <summary>The change log: appending accepted updates, reading them back, the text at any version, status and history.</summary>
public sealed partial class PostmortemStore
{
    /// <summary>How close in time an author's updates must be to the first one of a history entry to join it.</summary>
    public static readonly TimeSpan HistoryEntrySpan = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Appends <paramref name="updates"/> as versions <paramref name="baseVersion"/> + 1, + 2, … and sets the document's Markdown
    /// (the text after the last of them) and version, in one transaction. Returns the new version.
    /// </summary>
    /// <exception cref="PostmortemVersionConflictException">The document is no longer at <paramref name="baseVersion"/>.</exception>
    /// <exception cref="PostmortemLockedException">The document is final.</exception>
    /// <exception cref="KeyNotFoundException">No such postmortem.</exception>
    public int AppendUpdates(long postmortemId, int baseVersion, IReadOnlyList<NewPostmortemUpdate> updates, string markdown)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(markdown);
        if (updates.Count == 0) throw new ArgumentException("nothing to append", nameof(updates));
        var now = Now();
        var newVersion = baseVersion + updates.Count;
        using var connection = database.Open();
        // BEGIN IMMEDIATE: the version read and the write are one step for every writer of the file.
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = connection.QuerySingleOrDefault<(long Version, string Status)>(
            "SELECT version, status FROM postmortems WHERE id = @postmortemId;", new { postmortemId }, transaction);
        if (current.Status is null) throw NotFound(postmortemId);
        if (current.Status == PostmortemStatus.Final.ToName()) throw new PostmortemLockedException(postmortemId);
        if (current.Version != baseVersion) throw new PostmortemVersionConflictException(postmortemId, baseVersion, checked((int)current.Version));

        var version = baseVersion;
        foreach (var update in updates)
        {
            version++;
            connection.Execute("""
                INSERT INTO postmortem_updates (postmortem_id, version, client_id, author, changes_json, created_at_ms)
                VALUES (@postmortemId, @version, @ClientId, @Author, @ChangesJson, @now);
                """, new { postmortemId, version, update.ClientId, update.Author, update.ChangesJson, now }, transaction);
        }
        connection.Execute("UPDATE postmortems SET markdown = @markdown, version = @newVersion, updated_at_ms = @now WHERE id = @postmortemId;",
            new { postmortemId, markdown, newVersion, now }, transaction);
        transaction.Commit();
        return newVersion;
    }

    /// <summary>Every update after <paramref name="afterVersion"/> (up to <paramref name="upToVersion"/> when given), in version order.</summary>
    public IReadOnlyList<PostmortemUpdate> Updates(long postmortemId, int afterVersion, int upToVersion = int.MaxValue)
    {
        using var connection = database.Open();
        return connection.Query<UpdateRow>("""
            SELECT version AS Version, client_id AS ClientId, author AS Author, changes_json AS ChangesJson, created_at_ms AS CreatedAtMs
            FROM postmortem_updates WHERE postmortem_id = @postmortemId AND version > @afterVersion AND version <= @upToVersion
            ORDER BY version;
            """, new { postmortemId, afterVersion, upToVersion }).Select(r => r.ToUpdate()).ToList();
    }

    /// <summary>
    /// The Markdown at <paramref name="version"/>: the initial Markdown with the updates up to it replayed. Fine for documents
    /// people write (thousands of small change sets replay in milliseconds); once logs reach hundreds of thousands of updates,
    /// store a snapshot every few thousand versions and replay from the nearest one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The version is negative or beyond the document's.</exception>
    /// <exception cref="KeyNotFoundException">No such postmortem.</exception>
    public string TextAt(long postmortemId, int version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var document = connection.QuerySingleOrDefault<(string Initial, long Version)>(
            "SELECT initial_markdown, version FROM postmortems WHERE id = @postmortemId;", new { postmortemId }, transaction);
        if (document.Initial is null) throw NotFound(postmortemId);
        if (version > document.Version)
            throw new ArgumentOutOfRangeException(nameof(version), version, $"postmortem {postmortemId} is at version {document.Version}");
        var text = document.Initial;
        foreach (var json in connection.Query<string>("""
            SELECT changes_json FROM postmortem_updates WHERE postmortem_id = @postmortemId AND version <= @version ORDER BY version;
            """, new { postmortemId, version }, transaction, buffered: false))
            text = ChangeSet.FromJson(json).Apply(text);
        return text;
    }

    /// <summary>
    /// Sets the status and records who did it (kind = the new status, or "reopened" when leaving final). Returns false, recording
    /// nothing, when the postmortem already has that status.
    /// </summary>
    public bool SetStatus(long postmortemId, PostmortemStatus status, string author)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        var now = Now();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = connection.QuerySingleOrDefault<string?>("SELECT status FROM postmortems WHERE id = @postmortemId;", new { postmortemId }, transaction)
            ?? throw NotFound(postmortemId);
        var name = status.ToName();
        if (current == name) return false;
        var kind = current == PostmortemStatus.Final.ToName() ? "reopened" : name;
        connection.Execute("UPDATE postmortems SET status = @name, updated_at_ms = @now WHERE id = @postmortemId;", new { postmortemId, name, now }, transaction);
        connection.Execute("INSERT INTO postmortem_events (postmortem_id, kind, author, created_at_ms) VALUES (@postmortemId, @kind, @author, @now);",
            new { postmortemId, kind, author, now }, transaction);
        transaction.Commit();
        return true;
    }

    /// <summary>The creation and every status change, oldest first.</summary>
    public IReadOnlyList<PostmortemEvent> Events(long postmortemId)
    {
        using var connection = database.Open();
        return connection.Query<(long Id, string Kind, string Author, long CreatedAtMs)>("""
            SELECT id, kind, author, created_at_ms FROM postmortem_events WHERE postmortem_id = @postmortemId ORDER BY id;
            """, new { postmortemId })
            .Select(e => new PostmortemEvent(e.Id, e.Kind, e.Author, DateTimeOffset.FromUnixTimeMilliseconds(e.CreatedAtMs))).ToList();
    }

    /// <summary>
    /// The change log grouped for people, oldest first: the creation (0 → 0), then runs of consecutive updates by one author that
    /// start within <see cref="HistoryEntrySpan"/> of the run's first update. A restore is always an entry of its own.
    /// </summary>
    public IReadOnlyList<PostmortemHistoryEntry> History(long postmortemId)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var created = connection.QuerySingleOrDefault<(string CreatedBy, long CreatedAtMs)>(
            "SELECT created_by, created_at_ms FROM postmortems WHERE id = @postmortemId;", new { postmortemId }, transaction);
        if (created.CreatedBy is null) throw NotFound(postmortemId);
        var rows = connection.Query<(long Version, string ClientId, string Author, long CreatedAtMs)>("""
            SELECT version, client_id, author, created_at_ms FROM postmortem_updates WHERE postmortem_id = @postmortemId ORDER BY version;
            """, new { postmortemId }, transaction, buffered: false);
        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(created.CreatedAtMs);
        var entries = new List<PostmortemHistoryEntry> { new(0, 0, created.CreatedBy, createdAt, createdAt, 0) };
        PostmortemHistoryEntry? open = null;
        foreach (var row in rows)
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAtMs);
            var restored = RestoreClientIds.RestoredVersion(row.ClientId);
            if (open is not null && restored is null && open.RestoredVersion is null && open.Author == row.Author
                && at - open.Start <= HistoryEntrySpan)
            {
                open = open with { ToVersion = (int)row.Version, End = at, Updates = open.Updates + 1 };
                continue;
            }
            if (open is not null) entries.Add(open);
            open = new PostmortemHistoryEntry((int)row.Version - 1, (int)row.Version, row.Author, at, at, 1, restored);
        }
        if (open is not null) entries.Add(open);
        return entries;
    }

    private static KeyNotFoundException NotFound(long postmortemId) => new($"no postmortem {postmortemId}");

    private sealed class UpdateRow
    {
        public long Version { get; init; }
        public string ClientId { get; init; } = "";
        public string Author { get; init; } = "";
        public string ChangesJson { get; init; } = "";
        public long CreatedAtMs { get; init; }

        public PostmortemUpdate ToUpdate() =>
            new(checked((int)Version), ClientId, Author, ChangesJson, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs));
    }
}
