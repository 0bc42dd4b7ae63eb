using System.Text.Json;
using DriftBoard.Core.Postmortems.Collab;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Web.Postmortems.Collab;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DriftBoard.Web.Tests.Postmortems;

/// <summary>The hub through the real app (WebApplicationFactory) with SignalR's .NET client over the test server's WebSockets.</summary>
public sealed class PostmortemHubTests : IAsyncLifetime
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("driftboard-hub-tests-");
    private WebApplicationFactory<Program> _factory = null!;
    private readonly List<HubConnection> _connections = [];

    // Every connection here is the author's: the role rules themselves are RoleMatrixTests' (PostmortemHubRoleTests).
    private string _authorCookie = null!;

    public async Task InitializeAsync()
    {
        var database = Path.Combine(_folder.FullName, "driftboard.db");
        TestUsers.AddTo(database);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("DriftBoard:DatabasePath", database)
            .UseSetting("DriftBoard:SeedDemoWhenEmpty", "false"));
        _authorCookie = await _factory.SessionCookieAsync(UserRole.Author);
    }


    public async Task DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private long Create(string markdown) =>
        _factory.Services.GetRequiredService<PostmortemStore>().Create(null, "Incident", "default", markdown, "creator");

    /// <summary>An editor: a connection that records every Updates message it receives.</summary>
    private sealed class Editor(HubConnection connection, string clientId)
    {
        public HubConnection Connection { get; } = connection;
        public string ClientId { get; } = clientId;
        public List<(int FromVersion, UpdateDto[] Updates)> Received { get; } = [];

        /// <summary>Completes once updates up to <paramref name="version"/> have arrived.</summary>
        public TaskCompletionSource ReachedVersion(int version)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (Received) _waits.Add((version, reached));
            Check();
            return reached;
        }

        private readonly List<(int Version, TaskCompletionSource Done)> _waits = [];

        public void OnUpdates(int fromVersion, UpdateDto[] updates)
        {
            lock (Received) Received.Add((fromVersion, updates));
            Check();
        }

        private void Check()
        {
            lock (Received)
            {
                var top = Received.Count == 0 ? 0 : Received.Max(r => r.FromVersion + r.Updates.Length);
                foreach (var wait in _waits.Where(w => w.Version <= top)) wait.Done.TrySetResult();
            }
        }
    }

    private async Task<Editor> Connect(string clientId)
    {
        var connection = _factory.WebSocketHubConnection(PostmortemHub.Path, _authorCookie);
        var editor = new Editor(connection, clientId);
        connection.On<long, int, UpdateDto[]>("Updates", (_, from, updates) => editor.OnUpdates(from, updates));
        _connections.Add(connection);
        await connection.StartAsync();
        return editor;
    }

    private static UpdateDto Insert(string clientId, int docLength, int at, string text) =>
        new(clientId, JsonDocument.Parse(ChangeSet.Of(docLength, [new TextChange(at, at, text)]).ToJson()).RootElement.Clone());

    private static string Replay(string doc, IEnumerable<UpdateDto> updates) =>
        updates.Aggregate(doc, (text, u) => ChangeSet.FromJson(u.Changes).Apply(text));

    [Fact]
    public async Task Join_replies_in_camel_case_with_the_document_and_a_color()
    {
        var id = Create("# Title\n");
        var editor = await Connect("a");

        var reply = await editor.Connection.InvokeAsync<JsonElement>("Join", id, "a", "Ana");

        Assert.Equal(["version", "doc", "status", "presence", "clientColor"], reply.EnumerateObject().Select(p => p.Name));
        Assert.Equal((0, "# Title\n", "draft"), (reply.GetProperty("version").GetInt32(), reply.GetProperty("doc").GetString(),
            reply.GetProperty("status").GetString()));
        var presence = Assert.Single(reply.GetProperty("presence").EnumerateArray());
        Assert.Equal(["clientId", "name", "color", "anchor", "head"], presence.EnumerateObject().Select(p => p.Name));
        // Signed in, the account names the editor, not the display name the client sent.
        Assert.Equal(TestUsers.NameOf(UserRole.Author), presence.GetProperty("name").GetString());
        await Assert.ThrowsAsync<HubException>(() => editor.Connection.InvokeAsync<JoinReply>("Join", id + 1, "a", "Ana"));
    }

    [Fact]
    public async Task Two_editors_push_at_once_and_each_receives_both_updates_in_order()
    {
        var id = Create("abc");
        var ana = await Connect("a");
        var ben = await Connect("b");
        await ana.Connection.InvokeAsync<JoinReply>("Join", id, "a", "Ana");
        await ben.Connection.InvokeAsync<JoinReply>("Join", id, "b", "Ben");
        var anaHasBoth = ana.ReachedVersion(2);
        var benHasBoth = ben.ReachedVersion(2);

        var replies = await Task.WhenAll(
            ana.Connection.InvokeAsync<PushReply>("Push", id, 0, new[] { Insert("a", 3, 0, "A") }),
            ben.Connection.InvokeAsync<PushReply>("Push", id, 0, new[] { Insert("b", 3, 3, "B") }));

        Assert.All(replies, r => Assert.True(r.Accepted, r.Error));
        Assert.Equal([1, 2], replies.Select(r => r.Version).Order());
        await Task.WhenAll(anaHasBoth.Task, benHasBoth.Task).WaitAsync(Delivery);
        foreach (var editor in new[] { ana, ben })
        {
            // Messages arrive in version order, each starting where the previous one ended.
            Assert.Equal([0, 1], editor.Received.Select(r => r.FromVersion));
            Assert.Equal("AabcB", Replay("abc", editor.Received.SelectMany(r => r.Updates)));
        }
        Assert.Equal("AabcB", _factory.Services.GetRequiredService<PostmortemStore>().Get(id)!.Markdown);
    }

    [Fact]
    public async Task A_pushing_editor_receives_its_own_updates_before_the_reply()
    {
        // The wire itself, as a browser reads it in order: the .NET client runs handlers on a loop of its own, so it cannot tell.
        var id = Create("abc");
        using var socket = await _factory.WebSocketClient(_authorCookie).ConnectAsync(new Uri("ws://localhost" + PostmortemHub.Path), default);
        var wire = new RawHubWire(socket);
        await wire.SendAsync("""{"protocol":"json","version":1}""");
        await wire.SendAsync($$"""{"type":1,"invocationId":"join","target":"Join","arguments":[{{id}},"a","Ana"]}""");
        await wire.ReadUntilCompletionAsync("join");

        for (var v = 0; v < 3; v++)
        {
            var update = JsonSerializer.Serialize(new[] { Insert("a", 3 + v, 0, "x") }, JsonSerializerOptions.Web);
            await wire.SendAsync($$"""{"type":1,"invocationId":"push{{v}}","target":"Push","arguments":[{{id}},{{v}},{{update}}]}""");

            var before = await wire.ReadUntilCompletionAsync($"push{v}");

            var updates = Assert.Single(before, m => m.GetProperty("type").GetInt32() == 1 && m.GetProperty("target").GetString() == "Updates");
            Assert.Equal(v, updates.GetProperty("arguments")[1].GetInt32());
        }
    }

    /// <summary>SignalR's JSON protocol over a raw WebSocket: messages end with the record separator 0x1E.</summary>
    private sealed class RawHubWire(System.Net.WebSockets.WebSocket socket)
    {
        private readonly Queue<JsonElement> _pending = new();

        public Task SendAsync(string json) => socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(json + "\u001e"),
            System.Net.WebSockets.WebSocketMessageType.Text, endOfMessage: true, default);

        /// <summary>The messages received before the completion of <paramref name="invocationId"/>, in order.</summary>
        public async Task<List<JsonElement>> ReadUntilCompletionAsync(string invocationId)
        {
            var before = new List<JsonElement>();
            using var timeout = new CancellationTokenSource(Delivery);
            while (true)
            {
                while (_pending.Count == 0) await ReceiveAsync(timeout.Token);
                var message = _pending.Dequeue();
                if (message.TryGetProperty("invocationId", out var invocation) && invocation.GetString() == invocationId
                    && message.GetProperty("type").GetInt32() == 3)
                    return before;
                before.Add(message);
            }
        }

        private async Task ReceiveAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[64 * 1024];
            using var text = new MemoryStream();
            System.Net.WebSockets.WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cancellationToken);
                text.Write(buffer, 0, result.Count);
            } while (!result.EndOfMessage);
            foreach (var part in System.Text.Encoding.UTF8.GetString(text.ToArray()).Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
            {
                using var parsed = JsonDocument.Parse(part);
                _pending.Enqueue(parsed.RootElement.Clone());
            }
        }
    }

    [Fact]
    public async Task Pull_after_a_gap_returns_the_missing_updates()
    {
        var id = Create("");
        var ana = await Connect("a");
        await ana.Connection.InvokeAsync<JoinReply>("Join", id, "a", "Ana");
        for (var v = 0; v < 3; v++)
            Assert.True((await ana.Connection.InvokeAsync<PushReply>("Push", id, v, new[] { Insert("a", v, v, "x") })).Accepted);

        var ben = await Connect("b");
        await ben.Connection.InvokeAsync<JoinReply>("Join", id, "b", "Ben");
        var missing = await ben.Connection.InvokeAsync<UpdateDto[]>("Pull", id, 1);

        Assert.Equal(2, missing.Length);
        Assert.Equal("xxx", Replay("x", missing));
        await Assert.ThrowsAsync<HubException>(() => ben.Connection.InvokeAsync<UpdateDto[]>("Pull", id, 4));
    }

    [Fact]
    public async Task An_update_resent_after_a_reconnect_is_not_applied_twice()
    {
        var id = Create("abc");
        var first = await Connect("a");
        await first.Connection.InvokeAsync<JoinReply>("Join", id, "a", "Ana");
        var update = Insert("a", 3, 3, "!");
        Assert.True((await first.Connection.InvokeAsync<PushReply>("Push", id, 0, new[] { update })).Accepted);
        await first.Connection.StopAsync();

        // The reply was lost, as far as the editor knows: it reconnects under the same client id and pushes again.
        var second = await Connect("a");
        var joined = await second.Connection.InvokeAsync<JoinReply>("Join", id, "a", "Ana");
        var resent = await second.Connection.InvokeAsync<PushReply>("Push", id, 0, new[] { update });

        Assert.Equal(1, joined.Version);
        Assert.Equal((true, 1), (resent.Accepted, resent.Version));
        Assert.Single(await second.Connection.InvokeAsync<UpdateDto[]>("Pull", id, 0));
        Assert.Equal("abc!", joined.Doc);
    }

    [Fact]
    public async Task Pushing_without_joining_or_with_garbage_is_rejected()
    {
        var id = Create("abc");
        var ana = await Connect("a");

        var notJoined = await ana.Connection.InvokeAsync<PushReply>("Push", id, 0, new[] { Insert("a", 3, 0, "x") });
        await ana.Connection.InvokeAsync<JoinReply>("Join", id, "a", "Ana");
        var garbage = await ana.Connection.InvokeAsync<PushReply>("Push", id, 0,
            new[] { new UpdateDto("a", JsonDocument.Parse("""[3, "not a section"]""").RootElement.Clone()) });

        Assert.False(notJoined.Accepted);
        Assert.False(garbage.Accepted);
        Assert.StartsWith("malformed", garbage.Error);
        Assert.Equal(0, _factory.Services.GetRequiredService<PostmortemStore>().Get(id)!.Version);
    }

    [Fact]
    public async Task Editors_hear_a_status_change_and_a_final_postmortem_refuses_their_pushes()
    {
        var id = Create("abc");
        var ana = await Connect("a");
        var status = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        ana.Connection.On<long, string>("Status", (_, name) => status.TrySetResult(name));
        await ana.Connection.InvokeAsync<JoinReply>("Join", id, "a", "Ana");

        await _factory.Services.GetRequiredService<PostmortemAuthority>().SetStatusAsync(id, Core.Postmortems.PostmortemStatus.Final, "lead");

        Assert.Equal("final", await status.Task.WaitAsync(Delivery));
        var refused = await ana.Connection.InvokeAsync<PushReply>("Push", id, 0, new[] { Insert("a", 3, 0, "x") });
        Assert.False(refused.Accepted);
        Assert.Contains("locked", refused.Error);
        Assert.Equal("final", (await ana.Connection.InvokeAsync<JoinReply>("Join", id, "a", "Ana")).Status);
    }

    [Fact]
    public async Task A_disconnected_editor_leaves_the_presence()
    {
        var id = Create("abc");
        var ana = await Connect("a");
        var ben = await Connect("b");
        await ana.Connection.InvokeAsync<JoinReply>("Join", id, "a", "Ana");
        var benLeft = new TaskCompletionSource<PresenceDto[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        ana.Connection.On<long, PresenceDto[]>("Presence", (_, presence) =>
        {
            if (presence.Length == 1 && presence[0].ClientId == "a") benLeft.TrySetResult(presence);
        });
        var joined = await ben.Connection.InvokeAsync<JoinReply>("Join", id, "b", "Ben");
        Assert.Equal(2, joined.Presence.Count);

        await ben.Connection.StopAsync();

        await benLeft.Task.WaitAsync(Delivery);
        var state = await _factory.Services.GetRequiredService<PostmortemAuthority>().GetAsync(id);
        Assert.Equal(["a"], state!.Presence.Select(p => p.ClientId));
    }
}
