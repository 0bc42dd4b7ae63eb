using System.Collections.Concurrent;
using DriftBoard.Core.Postmortems;

namespace DriftBoard.Web.Postmortems.Collab;

/// <summary>Who is in which document, and their cursors.</summary>
public sealed partial class PostmortemAuthority
{
    /// <summary>An editor as a connection joined a document: the client id it edits under and the author name its updates carry.</summary>
    public sealed record Member(string ClientId, string Author);

    /// <summary>
    /// Adds the connection's editor to the document (replacing an earlier connection of the same client id: a reconnect) and
    /// returns the document for it; null when there is no such postmortem.
    /// </summary>
    public async Task<JoinReply?> JoinAsync(long postmortemId, string connectionId, string clientId, string author,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        if (string.IsNullOrEmpty(clientId) || clientId.Length > MaxClientIdLength || RestoreClientIds.RestoredVersion(clientId) is not null)
            throw new ArgumentException("bad client id", nameof(clientId));
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        var document = await EnterAsync(postmortemId, cancellationToken);
        if (document is null) return null;
        try
        {
            var color = document.ColorFor(author);
            if (document.Presence.TryGetValue(clientId, out var presence))
            {
                presence.ConnectionId = connectionId;
                presence.Name = author;
                presence.Color = color;
            }
            else document.Presence[clientId] = new Presence(connectionId, clientId, author, color);
            _connections.GetOrAdd(connectionId, static _ => new ConcurrentDictionary<long, Member>())[postmortemId] = new Member(clientId, author);
            var list = document.PresenceList();
            _ = Publish(document, PostmortemChangeKind.Presence, client => client.Presence(postmortemId, list));
            return new JoinReply(document.Version, document.Text, document.Status.ToName(), list, color);
        }
        finally { document.Gate.Release(); }
    }

    /// <summary>The editor a connection joined a document as; null when it has not joined it.</summary>
    public Member? MemberOf(string connectionId, long postmortemId) =>
        _connections.TryGetValue(connectionId, out var documents) && documents.TryGetValue(postmortemId, out var member) ? member : null;

    /// <summary>
    /// Records a cursor sent at the client's <paramref name="version"/>, mapped to the current version through the updates since
    /// (unknown, -1, when the version is ahead of the server or a position is outside the document), and broadcasts presence.
    /// </summary>
    public async Task CursorAsync(long postmortemId, string connectionId, int version, int anchor, int head,
        CancellationToken cancellationToken = default)
    {
        if (MemberOf(connectionId, postmortemId) is not { } member) return;
        var document = await EnterAsync(postmortemId, cancellationToken);
        if (document is null) return;
        try
        {
            if (!document.Presence.TryGetValue(member.ClientId, out var presence) || presence.ConnectionId != connectionId) return;
            if (version < 0 || version > document.Version) anchor = head = -1;
            else
                foreach (var update in UpdatesAfter(document, version))
                {
                    var assoc = update.Update.ClientId == member.ClientId ? 1 : -1;
                    anchor = MapOrUnknown(update.Update.Changes, anchor, assoc);
                    head = MapOrUnknown(update.Update.Changes, head, assoc);
                }
            presence.Anchor = anchor < 0 || anchor > document.Text.Length ? -1 : anchor;
            presence.Head = head < 0 || head > document.Text.Length ? -1 : head;
            var list = document.PresenceList();
            _ = Publish(document, PostmortemChangeKind.Presence, client => client.Presence(postmortemId, list));
        }
        finally { document.Gate.Release(); }
    }

    /// <summary>Removes the connection's editor from the document and broadcasts presence.</summary>
    public async Task LeaveAsync(long postmortemId, string connectionId, CancellationToken cancellationToken = default)
    {
        if (!_connections.TryGetValue(connectionId, out var documents) || !documents.TryRemove(postmortemId, out var member)) return;
        if (documents.IsEmpty) _connections.TryRemove(new KeyValuePair<string, ConcurrentDictionary<long, Member>>(connectionId, documents));
        var document = await EnterAsync(postmortemId, cancellationToken);
        if (document is null) return;
        try
        {
            // A reconnect may already have moved the client id to a new connection: leave that one alone.
            if (document.Presence.TryGetValue(member.ClientId, out var presence) && presence.ConnectionId == connectionId)
            {
                document.Presence.Remove(member.ClientId);
                var list = document.PresenceList();
                _ = Publish(document, PostmortemChangeKind.Presence, client => client.Presence(postmortemId, list));
            }
        }
        finally { document.Gate.Release(); }
    }

    /// <summary>Leaves every document the connection joined (the hub's disconnect).</summary>
    public async Task LeaveAllAsync(string connectionId)
    {
        if (!_connections.TryGetValue(connectionId, out var documents)) return;
        foreach (var postmortemId in documents.Keys.ToList()) await LeaveAsync(postmortemId, connectionId);
    }
}
