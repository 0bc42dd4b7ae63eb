namespace DriftBoard.Core.Postmortems;

/// <summary>
/// Where a comment points: [<see cref="From"/>, <see cref="To"/>) in the document at <see cref="Version"/>, and the passage
/// quoted from that version, so the comment still reads right after the passage is edited away.
/// </summary>
public sealed record CommentAnchor(int From, int To, int Version, string Quote);

/// <summary>
/// A comment on a postmortem. A top-level comment has an <see cref="Anchor"/>; a reply has a <see cref="ParentId"/> and no anchor.
/// Resolving applies to a thread's top-level comment.
/// </summary>
public sealed record PostmortemComment(
    long Id,
    long PostmortemId,
    long? ParentId,
    CommentAnchor? Anchor,
    string Author,
    string Body,
    DateTimeOffset CreatedAt,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt)
{
    public bool IsResolved => ResolvedAt is not null;
}
