using DriftBoard.Core.Postmortems;
using DriftBoard.Core.Postmortems.Collab;
using DriftBoard.Web.Postmortems.Collab;

namespace DriftBoard.Web.Tests.Postmortems;

public sealed class PostmortemAuthorityTests : IDisposable
{
    /// <summary>Patience for a background delivery; a failure, never a measurement.</summary>
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    private readonly CollabDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static CollabUpdate Insert(string client, int docLength, int at, string text) =>
        new(client, ChangeSet.Of(docLength, [new TextChange(at, at, text)]));

    [Fact]
    public async Task Concurrent_pushes_on_stale_versions_converge_to_the_replay_of_the_persisted_log()
    {
        var id = _db.Create("# Incident\n");
        var authority = _db.Authority;
        const int Clients = 4, Edits = 15;

        // Each round every client reads the document, waits until all have read it, then pushes: all but the first push of a
        // round are based on a stale version.
        var arrived = new int[Edits];
        var allSeen = Enumerable.Range(0, Edits).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var staleBases = 0;

        async Task Edit(int client)
        {
            var random = new Random(client);
            for (var i = 0; i < Edits; i++)
            {
                var seen = (await authority.GetAsync(id))!;
                if (Interlocked.Increment(ref arrived[i]) == Clients) allSeen[i].SetResult();
                await allSeen[i].Task;
                // Whole lines inserted at line starts, so no edit lands inside another's token.
                var lineStarts = Enumerable.Range(0, seen.Markdown.Length).Where(p => p == 0 || seen.Markdown[p - 1] == '\n')
                    .Append(seen.Markdown.Length).ToList();
                var reply = await authority.PushAsync(id, seen.Version,
                    [Insert($"c{client}", seen.Markdown.Length, lineStarts[random.Next(lineStarts.Count)], $"[{client}.{i}]\n")], $"author{client}");
                Assert.True(reply.Accepted, reply.Error);
                if (reply.Version > seen.Version + 1) Interlocked.Increment(ref staleBases);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(() => Edit(c))));

        var final = (await authority.GetAsync(id))!;
        Assert.Equal(Clients * Edits, final.Version);
        Assert.Equal((Clients - 1) * Edits, staleBases);
        Assert.Equal(final.Markdown, _db.Store.TextAt(id, final.Version));
        Assert.Equal(final.Markdown, _db.Store.Get(id)!.Markdown);
        for (var c = 0; c < Clients; c++)
            for (var i = 0; i < Edits; i++)
                Assert.Contains($"[{c}.{i}]\n", final.Markdown);
        // Only insertions: nothing was lost or applied twice.
        var inserted = Enumerable.Range(0, Clients).Sum(c => Enumerable.Range(0, Edits).Sum(i => $"[{c}.{i}]\n".Length));
        Assert.Equal("# Incident\n".Length + inserted, final.Markdown.Length);
    }

    [Fact]
    public async Task After_a_restart_every_acknowledged_change_is_there()
    {
        var id = _db.Create("abc");
        var authority = _db.Authority;
        var first = await authority.PushAsync(id, 0, [Insert("a", 3, 3, "d")], "ana");
        var second = await authority.PushAsync(id, 0, [Insert("b", 3, 0, "_")], "ben");
        Assert.Equal((true, 1, true, 2), (first.Accepted, first.Version, second.Accepted, second.Version));
        var pulled = await authority.PullAsync(id, 0);

        _db.Restart();

        var restarted = _db.Authority;
        var state = (await restarted.GetAsync(id))!;
        Assert.Equal((2, "_abcd"), (state.Version, state.Markdown));
        Assert.Equal(pulled.Select(u => (u.ClientId, u.Changes.GetRawText())),
            (await restarted.PullAsync(id, 0)).Select(u => (u.ClientId, u.Changes.GetRawText())));
        // The client that pushed before the restart resends its update: already accepted, so not applied twice.
        var resent = await restarted.PushAsync(id, 0, [Insert("a", 3, 3, "d")], "ana");
        Assert.Equal((true, 2), (resent.Accepted, resent.Version));
        Assert.Equal("_abcd", (await restarted.GetAsync(id))!.Markdown);
    }

    [Fact]
    public async Task Bad_pushes_are_rejected_and_change_nothing()
    {
        var id = _db.Create("abc");
        var authority = _db.Authority;

        var wrongLength = await authority.PushAsync(id, 0, [Insert("a", 5, 0, "x")], "ana");
        var ahead = await authority.PushAsync(id, 1, [Insert("a", 3, 0, "x")], "ana");
        var unknown = await authority.PushAsync(id + 1, 0, [Insert("a", 3, 0, "x")], "ana");

        Assert.False(wrongLength.Accepted);
        Assert.StartsWith("malformed", wrongLength.Error);
        Assert.False(ahead.Accepted);
        Assert.Contains("ahead", ahead.Error);
        Assert.False(unknown.Accepted);
        Assert.Equal((0, "abc"), ((await authority.GetAsync(id))!.Version, (await authority.GetAsync(id))!.Markdown));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => authority.PullAsync(id, 1));
    }

    [Fact]
    public async Task A_final_postmortem_rejects_pushes_until_reopened()
    {
        var id = _db.Create("abc");
        var authority = _db.Authority;
        Assert.True(await authority.SetStatusAsync(id, PostmortemStatus.Final, "lead"));

        var locked = await authority.PushAsync(id, 0, [Insert("a", 3, 0, "x")], "ana");
        var restore = await authority.RestoreAsync(id, 0, "ana");

        Assert.False(locked.Accepted);
        Assert.Contains("locked", locked.Error);
        Assert.False(restore.Accepted);
        Assert.True(await authority.SetStatusAsync(id, PostmortemStatus.Draft, "admin"));
        Assert.True((await authority.PushAsync(id, 0, [Insert("a", 3, 0, "x")], "ana")).Accepted);
        Assert.Equal(["created", "final", "reopened"], _db.Store.Events(id).Select(e => e.Kind));
    }

    [Fact]
    public async Task Restore_is_an_ordinary_update_that_brings_back_the_old_text()
    {
        var id = _db.Create("one\n");
        var authority = _db.Authority;
        await authority.PushAsync(id, 0, [Insert("a", 4, 4, "two\n")], "ana");
        await authority.PushAsync(id, 1, [Insert("a", 8, 0, "zero\n")], "ana");
        var received = new TaskCompletionSource<PostmortemChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = authority.Subscribe(id, change =>
        {
            if (change.Kind == PostmortemChangeKind.Text) received.TrySetResult(change);
            return Task.CompletedTask;
        });

        var reply = await authority.RestoreAsync(id, 1, "ben");

        Assert.Equal((true, 3), (reply.Accepted, reply.Version));
        Assert.Equal("one\ntwo\n", (await authority.GetAsync(id))!.Markdown);
        var change = await received.Task.WaitAsync(Delivery);
        Assert.Equal((3, "one\ntwo\n"), (change.Version, change.Markdown));
        var latest = authority.History(id)[0];
        Assert.Equal((2, 3, "ben", (int?)1), (latest.FromVersion, latest.ToVersion, latest.Author, latest.RestoredVersion));
        Assert.False((await authority.RestoreAsync(id, 9, "ben")).Accepted);
    }

    [Fact]
    public async Task Cursors_follow_accepted_changes_and_stale_cursors_are_mapped_to_the_current_version()
    {
        var id = _db.Create("0123456789");
        var authority = _db.Authority;
        var ana = (await authority.JoinAsync(id, "conn-a", "client-a", "ana"))!;
        var ben = (await authority.JoinAsync(id, "conn-b", "client-b", "ben"))!;
        var anaAgain = (await authority.JoinAsync(id, "conn-c", "client-c", "ana"))!;
        Assert.NotEqual(ana.ClientColor, ben.ClientColor);
        Assert.Equal(ana.ClientColor, anaAgain.ClientColor);

        await authority.CursorAsync(id, "conn-b", 0, 5, 7);
        await authority.PushAsync(id, 0, [Insert("client-a", 10, 0, "abc")], "ana");   // before ben's selection: it moves by 3
        Assert.Equal((8, 10), Cursor(await authority.GetAsync(id), "client-b"));

        await authority.PushAsync(id, 1, [Insert("client-b", 13, 5, "XY")], "ben");    // "abc01XY23456789"
        // ana's cursor, sent at version 1, is mapped over ben's insert before it.
        await authority.CursorAsync(id, "conn-a", 1, 6, 6);
        Assert.Equal((8, 8), Cursor(await authority.GetAsync(id), "client-a"));
        await authority.CursorAsync(id, "conn-a", 99, 1, 1);
        Assert.Equal((-1, -1), Cursor(await authority.GetAsync(id), "client-a"));

        await authority.LeaveAllAsync("conn-b");
        Assert.DoesNotContain((await authority.GetAsync(id))!.Presence, p => p.ClientId == "client-b");
    }

    private static (int, int) Cursor(PostmortemSnapshot? snapshot, string clientId)
    {
        var presence = Assert.Single(snapshot!.Presence, p => p.ClientId == clientId);
        return (presence.Anchor, presence.Head);
    }

    [Fact]
    public async Task A_throwing_subscriber_does_not_stop_the_others_and_a_disposed_one_hears_nothing()
    {
        var id = _db.Create("abc");
        var authority = _db.Authority;
        var thrown = 0;
        var threwThrice = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heard = new List<int>();
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var throwing = authority.Subscribe(id, _ =>
        {
            if (Interlocked.Increment(ref thrown) == 3) threwThrice.TrySetResult();
            throw new InvalidOperationException("boom");
        });
        var disposed = authority.Subscribe(id, _ => throw new Xunit.Sdk.XunitException("a disposed subscription was called"));
        disposed.Dispose();
        using var listening = authority.Subscribe(id, change =>
        {
            lock (heard) heard.Add(change.Version);
            if (change.Version == 3) third.TrySetResult();
            return Task.CompletedTask;
        });

        for (var v = 0; v < 3; v++) await authority.PushAsync(id, v, [Insert("a", 3 + v, 0, "x")], "ana");

        await third.Task.WaitAsync(Delivery);
        lock (heard) Assert.Equal([1, 2, 3], heard);
        await threwThrice.Task.WaitAsync(Delivery);
    }

    [Fact]
    public async Task A_comment_quotes_its_passage_and_follows_it_through_later_edits()
    {
        var id = _db.Create("The model failed.");
        var authority = _db.Authority;
        var commentId = await authority.AddCommentAsync(id, new EditorSelection(4, 9, 0), "ben", "Which model?");
        await authority.PushAsync(id, 0, [Insert("a", 17, 0, "Summary: ")], "ana");
        await authority.ReplyAsync(commentId, "ana", "The fraud scorer.");

        var comments = authority.Comments(id);
        var anchor = comments[0].Anchor!;
        Assert.Equal("model", anchor.Quote);
        Assert.Equal((13, 18), await authority.CurrentRangeAsync(id, anchor));
        Assert.Equal("model", (await authority.GetAsync(id))!.Markdown[13..18]);
        Assert.Equal(commentId, comments[1].ParentId);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => authority.AddCommentAsync(id, new EditorSelection(4, 99, 0), "ben", "?"));
    }
}
