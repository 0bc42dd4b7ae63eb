using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using System.Threading.Channels;
using DriftBoard.Core.Postmortems;
using DriftBoard.Core.Postmortems.Collab;
using DriftBoard.Storage.Postmortems;
using Microsoft.AspNetCore.SignalR;

namespace DriftBoard.Web.Postmortems.Collab;

/// <summary>
/// The central authority of @codemirror/collab for every postmortem: per document, the canonical text and version, the recent
/// accepted updates, who is in it and where their cursors are. One lock per document orders its changes. A change is accepted
/// only once it is in SQLite (<see cref="PostmortemStore.AppendUpdates"/>): a restart loses nothing that was acknowledged.
/// After that it goes out, in version order, to the hub group "pm-{id}" and to Blazor subscribers, through queues, so a slow
/// browser or a throwing component never holds the document's lock.
/// </summary>
public sealed partial class PostmortemAuthority : IDisposable
{
    /// <summary>Accepted updates kept in memory per document for rebasing and Pull; older ones are read back from the store.</summary>
    public const int RecentUpdates = 1000;

    /// <summary>Longest client id accepted; CodeMirror's are short random strings.</summary>
    public const int MaxClientIdLength = 100;

    /// <summary>Cursor colors, assigned per author in the order they join a document (Okabe-Ito, readable on light and dark).</summary>
    public static readonly IReadOnlyList<string> Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8F6B32", "#6A3D9A"];

    private readonly PostmortemStore _store;
    private readonly IHubContext<PostmortemHub, IPostmortemClient> _hub;
    private readonly ILogger<PostmortemAuthority> _logger;
    private readonly ConcurrentDictionary<long, Document> _documents = new();
    private readonly ConcurrentDictionary<long, ImmutableArray<Subscription>> _subscriptions = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, Member>> _connections = new();

    public PostmortemAuthority(PostmortemStore store, IHubContext<PostmortemHub, IPostmortemClient> hub, ILogger<PostmortemAuthority> logger)
    {
        _store = store;
        _hub = hub;
        _logger = logger;
    }

    /// <summary>The hub group of a document's connections.</summary>
    public static string GroupName(long postmortemId) => $"pm-{postmortemId}";

    /// <summary>Why an edit by someone without the author or admin role is refused.</summary>
    public const string EditNeedsAuthor = "read-only: editing a postmortem needs the author or admin role";

    /// <summary>Why reopening a final postmortem by a non-admin is refused.</summary>
    public const string ReopenNeedsAdmin = "reopening a final postmortem needs the admin role";

    /// <summary>The document now; null when there is no such postmortem.</summary>
    public async Task<PostmortemSnapshot?> GetAsync(long postmortemId, CancellationToken cancellationToken = default)
    {
        var document = await EnterAsync(postmortemId, cancellationToken);
        if (document is null) return null;
        try { return document.Snapshot(); }
        finally { document.Gate.Release(); }
    }

    /// <summary>
    /// Rebases <paramref name="updates"/> (made on <paramref name="baseVersion"/>) over everything accepted since, dropping those
    /// already accepted from the same client, applies and persists them, broadcasts them, and returns once the broadcast has
    /// been handed to the group's connections: on the pushing connection, the Updates message comes before this reply.
    /// Never throws for bad input: a final document, a malformed update or a base version ahead of the server is a rejection.
    /// </summary>
    public async Task<PushReply> PushAsync(long postmortemId, int baseVersion, IReadOnlyList<CollabUpdate> updates, string author,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        var document = await EnterAsync(postmortemId, cancellationToken);
        if (document is null) return PushReply.Rejected(0, "no such postmortem");
        Outcome outcome;
        try { outcome = Push(document, baseVersion, updates, author); }
        finally { document.Gate.Release(); }
        return await outcome.AfterBroadcastAsync(cancellationToken);
    }

    private Outcome Push(Document document, int baseVersion, IReadOnlyList<CollabUpdate> updates, string author)
    {
        if (document.Status == PostmortemStatus.Final) return Outcome.Rejected(document.Version, "locked: the postmortem is final");
        if (baseVersion < 0 || baseVersion > document.Version)
            return Outcome.Rejected(document.Version, $"base version {baseVersion} is ahead of the server's {document.Version}");
        foreach (var update in updates)
            if (string.IsNullOrEmpty(update.ClientId) || update.ClientId.Length > MaxClientIdLength
                || RestoreClientIds.RestoredVersion(update.ClientId) is not null)
                return Outcome.Rejected(document.Version, "malformed update: bad client id");

        IReadOnlyList<CollabUpdate> rebased;
        try
        {
            // Step by step, as a browser receiving one update per receiveUpdates call maps them (see RebaseUpdatesStepwise).
            rebased = CollabRebase.RebaseUpdatesStepwise(updates, UpdatesAfter(document, baseVersion).Select(u => u.Update).ToList());
        }
        catch (ArgumentException e)
        {
            return Outcome.Rejected(document.Version, "malformed update: " + e.Message);
        }
        return Accept(document, rebased, author);
    }

    /// <summary>Every accepted update after <paramref name="version"/>, from memory or the store; empty for an unknown document.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The version is negative or ahead of the server's.</exception>
    public async Task<IReadOnlyList<UpdateDto>> PullAsync(long postmortemId, int version, CancellationToken cancellationToken = default)
    {
        var document = await EnterAsync(postmortemId, cancellationToken);
        if (document is null) return [];
        try
        {
            if (version < 0 || version > document.Version)
                throw new ArgumentOutOfRangeException(nameof(version), version, $"the server is at version {document.Version}");
            return UpdatesAfter(document, version).Select(u => u.Dto).ToList();
        }
        finally { document.Gate.Release(); }
    }

    /// <summary>
    /// Makes the document's text what it was at <paramref name="version"/>, as one ordinary update by <paramref name="author"/>
    /// (so live editors receive it and the history shows it). Rejected when final or the version does not exist.
    /// </summary>
    public async Task<PushReply> RestoreAsync(long postmortemId, int version, string author, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        var document = await EnterAsync(postmortemId, cancellationToken);
        if (document is null) return PushReply.Rejected(0, "no such postmortem");
        Outcome outcome;
        try
        {
            if (document.Status == PostmortemStatus.Final) outcome = Outcome.Rejected(document.Version, "locked: the postmortem is final");
            else if (version < 0 || version > document.Version) outcome = Outcome.Rejected(document.Version, $"no version {version}");
            else
            {
                var old = _store.TextAt(postmortemId, version);
                outcome = Accept(document, [new CollabUpdate(RestoreClientIds.For(version), ChangeSet.Replace(document.Text, old))], author);
            }
        }
        finally { document.Gate.Release(); }
        return await outcome.AfterBroadcastAsync(cancellationToken);
    }

    /// <summary>The persisted text at <paramref name="version"/> (the log is append-only, so no lock is needed).</summary>
    public string TextAt(long postmortemId, int version) => _store.TextAt(postmortemId, version);

    /// <summary>The history for people, newest first.</summary>
    public IReadOnlyList<PostmortemHistoryEntry> History(long postmortemId) => _store.History(postmortemId).Reverse().ToList();

    /// <summary>Sets the status (final locks editing; leaving final is a reopen) and tells editors and subscribers. False when unchanged.</summary>
    public Task<bool> SetStatusAsync(long postmortemId, PostmortemStatus status, string author, CancellationToken cancellationToken = default) =>
        SetStatusAsync(postmortemId, status, author, mayReopen: true, cancellationToken);

    /// <summary>
    /// As above; without <paramref name="mayReopen"/> (the admin's right), leaving final throws <see cref="UnauthorizedAccessException"/>.
    /// Decided under the document's lock, so a status that became final a moment ago is not reopened by someone who saw a draft.
    /// </summary>
    public async Task<bool> SetStatusAsync(long postmortemId, PostmortemStatus status, string author, bool mayReopen,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        var document = await EnterAsync(postmortemId, cancellationToken) ?? throw new KeyNotFoundException($"no postmortem {postmortemId}");
        try
        {
            if (!mayReopen && document.Status == PostmortemStatus.Final && status != PostmortemStatus.Final)
                throw new UnauthorizedAccessException(ReopenNeedsAdmin);
            if (!_store.SetStatus(postmortemId, status, author)) return false;
            document.Status = status;
            var name = status.ToName();
            _ = Publish(document, PostmortemChangeKind.Status, client => client.Status(postmortemId, name));
            return true;
        }
        finally { document.Gate.Release(); }
    }

    /// <summary>Applies updates already rebased onto the current text; persists, then updates memory and broadcasts. Caller holds the lock.</summary>
    private Outcome Accept(Document document, IReadOnlyList<CollabUpdate> updates, string author)
    {
        if (updates.Count == 0) return new Outcome(new PushReply(true, document.Version, null), Task.CompletedTask);
        var text = document.Text;
        var records = new List<NewPostmortemUpdate>(updates.Count);
        try
        {
            foreach (var update in updates)
            {
                text = update.Changes.Apply(text);
                records.Add(new NewPostmortemUpdate(update.ClientId, author, update.Changes.ToJson()));
            }
        }
        catch (ArgumentException e)
        {
            return Outcome.Rejected(document.Version, "malformed update: " + e.Message);
        }

        var fromVersion = document.Version;
        try
        {
            _store.AppendUpdates(document.Id, fromVersion, records, text);
        }
        catch (PostmortemVersionConflictException)
        {
            // Another process wrote to this document: reload it on the next call; the client pulls and pushes again.
            document.Loaded = false;
            return Outcome.Rejected(fromVersion, "conflict: the document changed on the server; pull and push again");
        }
        catch (PostmortemLockedException)
        {
            document.Status = PostmortemStatus.Final;
            return Outcome.Rejected(fromVersion, "locked: the postmortem is final");
        }

        var dtos = new UpdateDto[updates.Count];
        for (var i = 0; i < updates.Count; i++)
        {
            dtos[i] = new UpdateDto(updates[i].ClientId, ParseJson(records[i].ChangesJson));
            document.Recent.Add(new AcceptedUpdate(fromVersion + i + 1, updates[i], dtos[i]));
            document.MapPresence(updates[i]);
        }
        if (document.Recent.Count > RecentUpdates) document.Recent.RemoveRange(0, document.Recent.Count - RecentUpdates);
        document.Text = text;
        document.Version = fromVersion + updates.Count;
        var postmortemId = document.Id;
        var sent = Publish(document, PostmortemChangeKind.Text, client => client.Updates(postmortemId, fromVersion, dtos));
        return new Outcome(new PushReply(true, document.Version, null), sent);
    }

    /// <summary>Accepted updates after <paramref name="version"/> (≤ the document's): the memory tail, or the store for older ones.</summary>
    private IReadOnlyList<AcceptedUpdate> UpdatesAfter(Document document, int version)
    {
        var firstInMemory = document.Version - document.Recent.Count + 1;
        if (version + 1 >= firstInMemory)
            return document.Recent.GetRange(version + 1 - firstInMemory, document.Version - version);
        return _store.Updates(document.Id, version, document.Version).Select(u =>
        {
            var json = ParseJson(u.ChangesJson);
            return new AcceptedUpdate(u.Version, new CollabUpdate(u.ClientId, ChangeSet.FromJson(json)), new UpdateDto(u.ClientId, json));
        }).ToList();
    }

    private static JsonElement ParseJson(string json)
    {
        using var parsed = JsonDocument.Parse(json);
        return parsed.RootElement.Clone();
    }

    /// <summary>Takes the document's lock, loading it from the store first if needed; null (lock not held) when there is no such postmortem.</summary>
    private async Task<Document?> EnterAsync(long postmortemId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var document = _documents.GetOrAdd(postmortemId, static (id, authority) => new Document(id, authority), this);
            await document.Gate.WaitAsync(cancellationToken);
            try
            {
                // A document object dropped from the map (unknown id) must not be used: take the current one.
                if (!_documents.TryGetValue(postmortemId, out var current) || !ReferenceEquals(current, document))
                {
                    document.Gate.Release();
                    continue;
                }
                if (!document.Loaded)
                {
                    var info = _store.Get(postmortemId);
                    if (info is null)
                    {
                        _documents.TryRemove(new KeyValuePair<long, Document>(postmortemId, document));
                        document.Close();
                        document.Gate.Release();
                        return null;
                    }
                    document.Load(info);
                }
                return document;
            }
            catch
            {
                document.Gate.Release();
                throw;
            }
        }
    }

    /// <summary>
    /// Queues the hub message (if any) on the document's outbox and the change for every subscriber; never blocks. The task
    /// completes when the hub message has been handed to the group's connections (or failed, which is logged).
    /// </summary>
    private Task Publish(Document document, PostmortemChangeKind kind, Func<IPostmortemClient, Task>? send)
    {
        var sent = Task.CompletedTask;
        if (send is not null)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            document.Send(async client =>
            {
                try { await send(client); }
                finally { done.TrySetResult(); }
            });
            sent = done.Task;
        }
        if (_subscriptions.TryGetValue(document.Id, out var subscriptions) && !subscriptions.IsEmpty)
        {
            var change = new PostmortemChange(document.Id, kind, document.Version, document.Text, document.Status, document.PresenceList());
            foreach (var subscription in subscriptions) subscription.Post(change);
        }
        return sent;
    }

    /// <summary>Sends one document's hub messages in order; a failed send is logged and the next one goes out.</summary>
    private async Task PumpAsync(Document document)
    {
        var group = _hub.Clients.Group(GroupName(document.Id));
        await foreach (var send in document.Outbox.Reader.ReadAllAsync())
        {
            try { await send(group); }
            catch (Exception e) { LogSendFailed(e, document.Id); }
        }
    }

    public void Dispose()
    {
        foreach (var document in _documents.Values) document.Close();
        foreach (var subscriptions in _subscriptions.Values)
            foreach (var subscription in subscriptions) subscription.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending to the editors of postmortem {PostmortemId} failed")]
    private partial void LogSendFailed(Exception exception, long postmortemId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscriber of postmortem {PostmortemId} failed")]
    private partial void LogSubscriberFailed(Exception exception, long postmortemId);

    private sealed record AcceptedUpdate(int Version, CollabUpdate Update, UpdateDto Dto);

    /// <summary>How long a push's reply waits for its broadcast to reach the group's connections before going out anyway.</summary>
    public static readonly TimeSpan BroadcastPatience = TimeSpan.FromSeconds(5);

    /// <summary>A push's reply and its broadcast; the reply goes out after the broadcast, outside the document's lock.</summary>
    private readonly record struct Outcome(PushReply Reply, Task Sent)
    {
        public static Outcome Rejected(int version, string error) => new(PushReply.Rejected(version, error), Task.CompletedTask);

        public async Task<PushReply> AfterBroadcastAsync(CancellationToken cancellationToken)
        {
            // A stalled connection in the group must not hold the reply for ever: the client pulls what it misses.
            try { await Sent.WaitAsync(BroadcastPatience, cancellationToken); }
            catch (TimeoutException) { }
            return Reply;
        }
    }
}

/// <summary>A document's state at one moment.</summary>
public sealed record PostmortemSnapshot(long PostmortemId, int Version, string Markdown, PostmortemStatus Status, IReadOnlyList<PresenceDto> Presence);
