using System.Text.Json;
using DriftBoard.Core.Postmortems;

namespace DriftBoard.Web.Postmortems.Collab;

// The hub's wire records (camelCase JSON through SignalR's JSON protocol) and what Blazor components receive.

/// <summary>One update on the wire: the client that made it and its change set in CodeMirror's JSON form.</summary>
public sealed record UpdateDto(string ClientId, JsonElement Changes);

/// <summary>Someone in a document: positions at the server's current version, -1 when unknown.</summary>
public sealed record PresenceDto(string ClientId, string Name, string Color, int Anchor, int Head);

/// <summary>Join's reply: the whole document once, then only changes.</summary>
public sealed record JoinReply(int Version, string Doc, string Status, IReadOnlyList<PresenceDto> Presence, string ClientColor);

/// <summary>Push's reply: accepted with the server's version after it, or rejected with why.</summary>
public sealed record PushReply(bool Accepted, int Version, string? Error)
{
    public static PushReply Rejected(int version, string error) => new(false, version, error);
}

/// <summary>The server→client calls of <see cref="PostmortemHub"/>.</summary>
public interface IPostmortemClient
{
    Task Updates(long postmortemId, int fromVersion, IReadOnlyList<UpdateDto> updates);

    Task Presence(long postmortemId, IReadOnlyList<PresenceDto> presence);

    Task Status(long postmortemId, string status);
}

/// <summary>What changed in a document: the edited text, who is in it, its status or its comments.</summary>
public enum PostmortemChangeKind
{
    Text,
    Presence,
    Status,
    Comments,
}

/// <summary>A document's state after a change, for Blazor components subscribed through <see cref="PostmortemAuthority.Subscribe"/>.</summary>
public sealed record PostmortemChange(
    long PostmortemId,
    PostmortemChangeKind Kind,
    int Version,
    string Markdown,
    PostmortemStatus Status,
    IReadOnlyList<PresenceDto> Presence);

/// <summary>The editor's selection [From, To) in its document at <see cref="Version"/>, as the page reads it from CodeMirror.</summary>
public sealed record EditorSelection(int From, int To, int Version);
