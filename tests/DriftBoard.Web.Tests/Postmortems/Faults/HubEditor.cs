using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using DriftBoard.Core.Postmortems.Collab;
using DriftBoard.Core.Tests.Postmortems.Collab;
using DriftBoard.Web.Postmortems.Collab;
using Microsoft.AspNetCore.SignalR.Client;

namespace DriftBoard.Web.Tests.Postmortems.Faults;

/// <summary>How a simulated editor edits.</summary>
public enum EditorStyle
{
    /// <summary>Only inserts of unique words ("&lt;id.n&gt; ") between words: each acknowledged word can be looked for afterwards.</summary>
    Typing,

    /// <summary>Random inserts (letters, spaces, line breaks) and deletes at random positions, the document kept to a few KB.</summary>
    Random,
}

/// <summary>
/// One browser editor over SignalR's .NET client: the collab client state (<see cref="CollabClient"/>, the port of
/// @codemirror/collab's receiveUpdates) driven as the browser drives it. Updates messages are applied one update per
/// receiveUpdates call when they start at the editor's version, a gap is filled by Pull, and pushes go out with the version
/// the editor has. One loop per editor does everything (edit, push, receive), so the state needs no lock; the Updates handler
/// only queues. A connection that dies (the server killed) ends the loop; <see cref="ConnectAsync"/> again on the restarted
/// server resends the unconfirmed updates with the same client id and base version, as the browser does after reconnecting.
/// </summary>
internal sealed class HubEditor(long postmortemId, string clientId, EditorStyle style, int seed) : IAsyncDisposable
{
    /// <summary>In random style, deletes win once the document is longer than this.</summary>
    public const int TargetLength = 3000;

    /// <summary>How long a pusher waits for the broadcast of its own updates before pulling them.</summary>
    private static readonly TimeSpan BroadcastPatience = TimeSpan.FromSeconds(1);

    private readonly Random _random = new(seed);
    private readonly Channel<(int FromVersion, UpdateDto[] Updates)> _incoming = Channel.CreateUnbounded<(int, UpdateDto[])>();
    // The word each unconfirmed update inserted (null for other edits), aligned with CollabClient.Unconfirmed.
    private readonly List<string?> _unconfirmedWords = [];
    private HubConnection? _connection;
    private CollabClient? _client;
    private int _words;

    public string ClientId { get; } = clientId;

    public CollabClient Client => _client ?? throw new InvalidOperationException("not joined yet");

    /// <summary>Every word this editor typed, and those the server acknowledged (a Push that answered accepted).</summary>
    public HashSet<string> Typed { get; } = [];

    public HashSet<string> Acknowledged { get; } = [];

    /// <summary>The highest version a Push reply acknowledged.</summary>
    public int LastAcknowledgedVersion { get; private set; }

    public int Edits { get; private set; }
    public int Pushes { get; private set; }
    public int RebasedPushes { get; private set; }
    /// <summary>Pulls: gaps in the Updates received, broadcasts that did not come in time, and catching up after reconnecting.</summary>
    public int Pulls { get; private set; }
    public int MaxDocumentLength { get; private set; }
    public List<double> PushMilliseconds { get; } = [];

    /// <summary>Opens a connection and joins; a first join takes the server's document, a later one resends what is unconfirmed.</summary>
    public async Task ConnectAsync(WebAppProcess server, string sessionCookie, CancellationToken cancellationToken)
    {
        if (_connection is not null) await _connection.DisposeAsync();
        while (_incoming.Reader.TryRead(out _)) { }
        var connection = server.HubConnection(PostmortemHub.Path, sessionCookie);
        connection.On<long, int, UpdateDto[]>("Updates", (id, from, updates) =>
        {
            if (id == postmortemId) _incoming.Writer.TryWrite((from, updates));
        });
        _connection = connection;
        await connection.StartAsync(cancellationToken);
        var joined = await connection.InvokeAsync<JoinReply>("Join", postmortemId, ClientId, ClientId, cancellationToken);
        if (_client is null)
        {
            _client = new CollabClient(ClientId, joined.Doc, joined.Version);
            return;
        }
        // As after a reconnect in the browser: the unconfirmed updates go again, on the version they were made on; those the
        // server had accepted before it died are recognised by client id and dropped, the rest are rebased and accepted.
        await PushAsync(cancellationToken);
        await ReceiveAsync(cancellationToken);
    }

    /// <summary>Edits, pushes and receives until cancelled or the connection fails; returns the failure, if any.</summary>
    public async Task<Exception?> EditUntilAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await ReceiveAsync(cancellationToken);
                for (var i = _random.Next(1, 4); i > 0; i--) Edit();
                await PushAsync(cancellationToken);
                await Task.Delay(pause, cancellationToken);
            }
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Pushes until nothing is unconfirmed, then pulls up to <paramref name="version"/> (the server's, read from its file).</summary>
    public async Task SettleAsync(Func<int> serverVersion, CancellationToken cancellationToken)
    {
        while (Client.Unconfirmed.Count > 0)
        {
            await PushAsync(cancellationToken);
            await ReceiveAsync(cancellationToken);
        }
        var version = serverVersion();
        while (Client.Version < version) await PullAsync(cancellationToken);
    }

    private void Edit()
    {
        var doc = Client.Doc;
        ChangeSet changes;
        string? word = null;
        if (style == EditorStyle.Typing)
        {
            word = $"<{ClientId}.{++_words}> ";
            // Between words (after a space or a line break, or at the start), so no one's word is ever split.
            var at = _random.Next(doc.Length + 1);
            while (at > 0 && at < doc.Length && doc[at - 1] is not (' ' or '\n')) at++;
            changes = ChangeSet.Of(doc.Length, [new TextChange(at, at, word)]);
            Typed.Add(word);
        }
        else if (doc.Length > 0 && _random.NextDouble() < (doc.Length > TargetLength ? 0.8 : 0.35))
        {
            var from = _random.Next(doc.Length);
            var to = Math.Min(doc.Length, from + _random.Next(1, 12));
            changes = ChangeSet.Of(doc.Length, [new TextChange(from, to, "")]);
        }
        else
        {
            const string letters = "abcdefghijklmnopqrstuvwxyz  \n#*-";
            var text = new char[_random.Next(1, 8)];
            for (var i = 0; i < text.Length; i++) text[i] = letters[_random.Next(letters.Length)];
            var at = _random.Next(doc.Length + 1);
            changes = ChangeSet.Of(doc.Length, [new TextChange(at, at, new string(text))]);
        }
        var before = Client.Unconfirmed.Count;
        Client.Edit(changes);
        if (Client.Unconfirmed.Count > before) _unconfirmedWords.Add(word);
        Edits++;
        MaxDocumentLength = Math.Max(MaxDocumentLength, Client.Doc.Length);
    }

    private async Task PushAsync(CancellationToken cancellationToken)
    {
        if (Client.Unconfirmed.Count == 0) return;
        var sendable = Client.Sendable();
        var words = _unconfirmedWords.GetRange(0, sendable.Count);
        var baseVersion = Client.Version;
        var dtos = sendable.Select(ToDto).ToArray();
        var clock = Stopwatch.StartNew();
        var reply = await Connection.InvokeAsync<PushReply>("Push", postmortemId, baseVersion, dtos, cancellationToken);
        PushMilliseconds.Add(clock.Elapsed.TotalMilliseconds);
        Pushes++;
        if (!reply.Accepted) throw new PushRejectedException($"{ClientId}: push at {baseVersion} rejected: {reply.Error}");
        foreach (var word in words)
            if (word is not null) Acknowledged.Add(word);
        LastAcknowledgedVersion = Math.Max(LastAcknowledgedVersion, reply.Version);
        // Others' updates came in between the version pushed on and ours: the server rebased ours over them.
        if (reply.Version - sendable.Count > baseVersion) RebasedPushes++;
        await CatchUpAsync(reply.Version, cancellationToken);
    }

    /// <summary>
    /// Applies the broadcasts up to <paramref name="version"/>. The server sends our Updates before the reply, but the .NET
    /// client hands messages to handlers through a queue, so the reply can overtake them here: wait a little for them, as the
    /// browser (which handles messages in arrival order) never has to, and pull only when they do not come.
    /// </summary>
    private async Task CatchUpAsync(int version, CancellationToken cancellationToken)
    {
        await ReceiveAsync(cancellationToken);
        while (Client.Version < version)
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(BroadcastPatience);
            try { await _incoming.Reader.WaitToReadAsync(patience.Token); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await PullAsync(cancellationToken);
                return;
            }
            await ReceiveAsync(cancellationToken);
        }
    }

    /// <summary>Applies the queued Updates messages: one receiveUpdates per update; a gap is filled by Pull.</summary>
    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        while (_incoming.Reader.TryRead(out var message))
        {
            if (message.FromVersion > Client.Version) await PullAsync(cancellationToken);
            else Apply(message.FromVersion, message.Updates);
        }
    }

    private async Task PullAsync(CancellationToken cancellationToken)
    {
        Pulls++;
        var version = Client.Version;
        var updates = await Connection.InvokeAsync<UpdateDto[]>("Pull", postmortemId, version, cancellationToken);
        Apply(version, updates);
    }

    /// <summary>Applies the part of <paramref name="updates"/> (starting at <paramref name="fromVersion"/> ≤ ours) we do not have.</summary>
    private void Apply(int fromVersion, UpdateDto[] updates)
    {
        var skip = Client.Version - fromVersion;
        if (skip >= updates.Length) return;
        var fresh = updates.Skip(skip).Select(u => new CollabUpdate(u.ClientId, ChangeSet.FromJson(u.Changes))).ToList();
        var before = Client.Unconfirmed.Count;
        Client.Receive(fresh);
        // receiveUpdates confirms our own updates from the front of the unconfirmed list.
        _unconfirmedWords.RemoveRange(0, before - Client.Unconfirmed.Count);
        MaxDocumentLength = Math.Max(MaxDocumentLength, Client.Doc.Length);
    }

    /// <summary>An update as the wire carries it.</summary>
    public static UpdateDto ToDto(CollabUpdate update) =>
        new(update.ClientId, JsonDocument.Parse(update.Changes.ToJson()).RootElement.Clone());

    /// <summary>A failure that is a bug rather than a lost connection: a refused push, or an update that does not fit the text.</summary>
    public static bool IsDivergence(Exception? failure) => failure is PushRejectedException or ArgumentException or FormatException;

    private HubConnection Connection => _connection ?? throw new InvalidOperationException("not connected");

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}

/// <summary>The server refused a push: with one server and well-formed updates, a bug.</summary>
internal sealed class PushRejectedException(string message) : Exception(message);
