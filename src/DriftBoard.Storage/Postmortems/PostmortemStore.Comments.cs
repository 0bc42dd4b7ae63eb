using Dapper;
using DriftBoard.Core.Postmortems;

namespace DriftBoard.Storage.Postmortems;

/// <summary>Comments: threads anchored to a passage of one version, replies, resolving.</summary>
public sealed partial class PostmortemStore
{
    /// <summary>Starts a thread on [From, To) of the document at the anchor's version; returns the comment's id.</summary>
    public long AddComment(long postmortemId, CommentAnchor anchor, string author, string body)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        ArgumentOutOfRangeException.ThrowIfNegative(anchor.From);
        ArgumentOutOfRangeException.ThrowIfLessThan(anchor.To, anchor.From);
        CheckText(author, body);
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("""
            INSERT INTO postmortem_comments (postmortem_id, anchor_from, anchor_to, anchor_version, quote, author, body, created_at_ms)
            VALUES (@postmortemId, @From, @To, @Version, @Quote, @author, @body, @now) RETURNING id;
            """, new { postmortemId, anchor.From, anchor.To, anchor.Version, anchor.Quote, author, body, now = Now() });
    }

    /// <summary>Replies to a thread (a reply to a reply joins the same thread); returns the reply's id.</summary>
    public long Reply(long commentId, string author, string body)
    {
        CheckText(author, body);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var parent = connection.QuerySingleOrDefault<(long PostmortemId, long? ParentId)>(
            "SELECT postmortem_id, parent_id FROM postmortem_comments WHERE id = @commentId;", new { commentId }, transaction);
        if (parent.PostmortemId == 0) throw new KeyNotFoundException($"no comment {commentId}");
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO postmortem_comments (postmortem_id, parent_id, author, body, created_at_ms)
            VALUES (@PostmortemId, @threadId, @author, @body, @now) RETURNING id;
            """, new { parent.PostmortemId, threadId = parent.ParentId ?? commentId, author, body, now = Now() }, transaction);
        transaction.Commit();
        return id;
    }

    /// <summary>Marks a thread resolved (or open again with <paramref name="resolvedBy"/> null); false when no such comment.</summary>
    public bool SetResolved(long commentId, string? resolvedBy)
    {
        using var connection = database.Open();
        return connection.Execute("""
            UPDATE postmortem_comments SET resolved_by = @resolvedBy, resolved_at_ms = @at WHERE id = @commentId;
            """, new { commentId, resolvedBy, at = resolvedBy is null ? (long?)null : Now() }) == 1;
    }

    /// <summary>Every comment of a postmortem in the order written; a thread is its top-level comment and the replies naming it.</summary>
    public IReadOnlyList<PostmortemComment> Comments(long postmortemId)
    {
        using var connection = database.Open();
        return connection.Query<CommentRow>("""
            SELECT id AS Id, postmortem_id AS PostmortemId, parent_id AS ParentId, anchor_from AS AnchorFrom, anchor_to AS AnchorTo,
                   anchor_version AS AnchorVersion, quote AS Quote, author AS Author, body AS Body, created_at_ms AS CreatedAtMs,
                   resolved_by AS ResolvedBy, resolved_at_ms AS ResolvedAtMs
            FROM postmortem_comments WHERE postmortem_id = @postmortemId ORDER BY id;
            """, new { postmortemId }).Select(r => r.ToComment()).ToList();
    }

    /// <summary>The postmortem a comment belongs to; null when there is no such comment.</summary>
    public long? CommentPostmortem(long commentId)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<long?>("SELECT postmortem_id FROM postmortem_comments WHERE id = @commentId;", new { commentId });
    }

    private static void CheckText(string author, string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private sealed class CommentRow
    {
        public long Id { get; init; }
        public long PostmortemId { get; init; }
        public long? ParentId { get; init; }
        public long? AnchorFrom { get; init; }
        public long? AnchorTo { get; init; }
        public long? AnchorVersion { get; init; }
        public string? Quote { get; init; }
        public string Author { get; init; } = "";
        public string Body { get; init; } = "";
        public long CreatedAtMs { get; init; }
        public string? ResolvedBy { get; init; }
        public long? ResolvedAtMs { get; init; }

        public PostmortemComment ToComment() => new(Id, PostmortemId, ParentId,
            AnchorFrom is { } from && AnchorTo is { } to && AnchorVersion is { } version
                ? new CommentAnchor((int)from, (int)to, (int)version, Quote ?? "") : null,
            Author, Body, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), ResolvedBy,
            ResolvedAtMs is { } resolved ? DateTimeOffset.FromUnixTimeMilliseconds(resolved) : null);
    }
}
