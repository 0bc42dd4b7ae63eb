using System.Text.Json;
using DriftBoard.Core.Postmortems;
using DriftBoard.Core.Postmortems.Collab;
using DriftBoard.Web.Security;
using Microsoft.AspNetCore.SignalR;

namespace DriftBoard.Web.Postmortems.Collab;

/// <summary>
/// The co-editing hub at <c>/hubs/postmortems</c> (contract: notes/collab-protocol.md). A thin shell over
/// <see cref="PostmortemAuthority"/>: it parses the wire, names the author and keeps the connection in the document's group.
/// Who may do what: any signed-in user (the app's fallback policy guards the connection) joins, pulls, shows a cursor and
/// leaves, so a viewer can watch; <see cref="Push"/> and <see cref="SetStatus"/> need <see cref="DriftBoardPolicies.CanEdit"/>,
/// and leaving final needs <see cref="DriftBoardPolicies.CanAdminister"/>. A connection keeps the user it negotiated with, so
/// each of those calls re-checks that user against the users table (<see cref="SessionAuthorization"/>): a demoted or removed
/// user's open connection is refused at the next edit.
/// </summary>
public sealed class PostmortemHub(PostmortemAuthority authority, SessionAuthorization authorization) : Hub<IPostmortemClient>
{
    public const string Path = "/hubs/postmortems";

    /// <summary>Longest display name kept for an anonymous editor.</summary>
    public const int MaxNameLength = 64;

    public async Task<JoinReply> Join(long postmortemId, string clientId, string displayName)
    {
        // In the group before reading the document: an update accepted in between reaches this client too (it ignores what it has).
        await Groups.AddToGroupAsync(Context.ConnectionId, PostmortemAuthority.GroupName(postmortemId));
        string? refusal;
        try
        {
            var reply = await authority.JoinAsync(postmortemId, Context.ConnectionId, clientId, AuthorName(displayName), Context.ConnectionAborted);
            if (reply is not null) return reply;
            refusal = $"no postmortem {postmortemId}";
        }
        catch (ArgumentException e)
        {
            refusal = e.Message;
        }
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, PostmortemAuthority.GroupName(postmortemId));
        throw new HubException(refusal);
    }

    public async Task<PushReply> Push(long postmortemId, int baseVersion, UpdateDto[] updates)
    {
        if (authority.MemberOf(Context.ConnectionId, postmortemId) is not { } member)
            return PushReply.Rejected(-1, "join the postmortem first");
        if (!await authorization.AllowsAsync(Context.User, DriftBoardPolicies.CanEdit))
            return PushReply.Rejected(-1, PostmortemAuthority.EditNeedsAuthor);
        var parsed = new CollabUpdate[updates?.Length ?? 0];
        try
        {
            for (var i = 0; i < parsed.Length; i++)
            {
                var update = updates![i] ?? throw new FormatException("null update");
                if (update.Changes.ValueKind == JsonValueKind.Undefined) throw new FormatException("an update has no changes");
                parsed[i] = new CollabUpdate(update.ClientId ?? "", ChangeSet.FromJson(update.Changes));
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return PushReply.Rejected(-1, "malformed update: " + e.Message);
        }
        return await authority.PushAsync(postmortemId, baseVersion, parsed, member.Author, Context.ConnectionAborted);
    }

    public async Task<IReadOnlyList<UpdateDto>> Pull(long postmortemId, int version)
    {
        try { return await authority.PullAsync(postmortemId, version, Context.ConnectionAborted); }
        catch (ArgumentOutOfRangeException e) { throw new HubException(e.Message); }
    }

    public Task Cursor(long postmortemId, int version, int anchor, int head) =>
        authority.CursorAsync(postmortemId, Context.ConnectionId, version, anchor, head, Context.ConnectionAborted);

    /// <summary>
    /// Sets the status by its wire name (draft, in_review, final); false when it already was. Refused with a
    /// <see cref="HubException"/> for a viewer, for a non-admin leaving final, for an unknown status or postmortem.
    /// </summary>
    public async Task<bool> SetStatus(long postmortemId, string status)
    {
        if (!await authorization.AllowsAsync(Context.User, DriftBoardPolicies.CanEdit)) throw new HubException(PostmortemAuthority.EditNeedsAuthor);
        var mayReopen = await authorization.AllowsAsync(Context.User, DriftBoardPolicies.CanAdminister);
        try
        {
            return await authority.SetStatusAsync(postmortemId, PostmortemStatusNames.Parse(status ?? ""), AuthorName(null), mayReopen,
                Context.ConnectionAborted);
        }
        catch (Exception e) when (e is FormatException or UnauthorizedAccessException or KeyNotFoundException)
        {
            throw new HubException(e.Message);
        }
    }

    public async Task Leave(long postmortemId)
    {
        await authority.LeaveAsync(postmortemId, Context.ConnectionId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, PostmortemAuthority.GroupName(postmortemId));
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        // SignalR drops the connection from its groups by itself; the presence is ours to clean.
        await authority.LeaveAllAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>The signed-in user's name; otherwise the display name the editor chose, trimmed and shortened.</summary>
    private string AuthorName(string? displayName)
    {
        if (Context.User?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }) return name;
        var trimmed = (displayName ?? "").Trim();
        if (trimmed.Length > MaxNameLength) trimmed = trimmed[..MaxNameLength];
        return trimmed.Length > 0 ? trimmed : "Anonymous";
    }
}
