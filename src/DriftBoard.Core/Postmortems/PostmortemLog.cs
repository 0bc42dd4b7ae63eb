namespace DriftBoard.Core.Postmortems;

/// <summary>
/// One accepted change set as stored: <see cref="Version"/> is the version it produced (the first update of a document is
/// version 1), <see cref="ChangesJson"/> its CodeMirror <c>ChangeSet.toJSON()</c> text, <see cref="Author"/> who made it.
/// </summary>
public sealed record PostmortemUpdate(int Version, string ClientId, string Author, string ChangesJson, DateTimeOffset CreatedAt);

/// <summary>An update about to be appended: the version is given by its position after the base version.</summary>
public sealed record NewPostmortemUpdate(string ClientId, string Author, string ChangesJson);

/// <summary>
/// One line of a postmortem's history as people read it: consecutive updates by one author close together in time, taking the
/// document from <see cref="FromVersion"/> to <see cref="ToVersion"/>. The creation is the entry 0 → 0 with no updates.
/// <see cref="RestoredVersion"/> is set when the entry is a restore of that earlier version.
/// </summary>
public sealed record PostmortemHistoryEntry(
    int FromVersion,
    int ToVersion,
    string Author,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Updates,
    int? RestoredVersion = null)
{
    public bool IsCreation => Updates == 0;
}

/// <summary>A status change (or the creation) with who and when. Kinds: created, draft, in_review, final, reopened.</summary>
public sealed record PostmortemEvent(long Id, string Kind, string Author, DateTimeOffset At);

/// <summary>
/// The client id the server uses for a restore: "restore:{version}:{unique}". Unique per restore, so the collab rebase never
/// mistakes it for an editor's update, and readable back for the history.
/// </summary>
public static class RestoreClientIds
{
    private const string Prefix = "restore:";

    public static string For(int restoredVersion) => $"{Prefix}{restoredVersion}:{Guid.NewGuid():N}";

    public static int? RestoredVersion(string clientId)
    {
        if (!clientId.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var rest = clientId.AsSpan(Prefix.Length);
        var colon = rest.IndexOf(':');
        return colon > 0 && int.TryParse(rest[..colon], System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : null;
    }
}
