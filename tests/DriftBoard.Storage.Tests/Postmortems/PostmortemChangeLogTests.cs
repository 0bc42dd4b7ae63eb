using Dapper;
using DriftBoard.Core.Postmortems;
using DriftBoard.Core.Postmortems.Collab;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Storage.Tests.Storage;

namespace DriftBoard.Storage.Tests.Postmortems;

public sealed class PostmortemChangeLogTests : DatabaseTest
{
    private PostmortemStore Store => new(Db.Database);

    private static NewPostmortemUpdate Insert(string doc, int at, string text, string author = "ana", string client = "c1") =>
        new(client, author, ChangeSet.Of(doc.Length, [new TextChange(at, at, text)]).ToJson());

    [Fact]
    public void Appended_updates_get_consecutive_versions_and_set_the_text_in_one_step()
    {
        var id = Store.Create(null, "Incident", "default", "ab", "ana");

        var version = Store.AppendUpdates(id, 0, [Insert("ab", 1, "X"), Insert("aXb", 3, "!", "ben", "c2")], "aXb!");

        Assert.Equal(2, version);
        var postmortem = Store.Get(id)!;
        Assert.Equal((2, "aXb!"), (postmortem.Version, postmortem.Markdown));
        var updates = Store.Updates(id, 0);
        Assert.Equal([(1, "c1", "ana"), (2, "c2", "ben")], updates.Select(u => (u.Version, u.ClientId, u.Author)));
        Assert.Equal([2], Store.Updates(id, 1).Select(u => u.Version));
        Assert.Equal([1], Store.Updates(id, 0, upToVersion: 1).Select(u => u.Version));
    }

    [Fact]
    public void A_stale_base_version_is_a_conflict_that_writes_nothing()
    {
        var id = Store.Create(null, "Incident", "default", "ab", "ana");
        Store.AppendUpdates(id, 0, [Insert("ab", 0, "X")], "Xab");

        var conflict = Assert.Throws<PostmortemVersionConflictException>(() => Store.AppendUpdates(id, 0, [Insert("ab", 2, "Y")], "abY"));

        Assert.Equal((0, 1), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal((1, "Xab"), (Store.Get(id)!.Version, Store.Get(id)!.Markdown));
        Assert.Single(Store.Updates(id, 0));
        Assert.Throws<KeyNotFoundException>(() => Store.AppendUpdates(id + 1, 0, [Insert("ab", 0, "X")], "Xab"));
    }

    [Fact]
    public void A_final_postmortem_refuses_updates_until_reopened()
    {
        var id = Store.Create(null, "Incident", "default", "ab", "ana");
        Assert.True(Store.SetStatus(id, PostmortemStatus.Final, "lead"));

        Assert.Throws<PostmortemLockedException>(() => Store.AppendUpdates(id, 0, [Insert("ab", 0, "X")], "Xab"));
        Assert.Equal(0, Store.Get(id)!.Version);

        Assert.True(Store.SetStatus(id, PostmortemStatus.InReview, "admin"));
        Assert.Equal(1, Store.AppendUpdates(id, 0, [Insert("ab", 0, "X")], "Xab"));
    }

    [Fact]
    public void Status_changes_are_events_with_who_and_a_reopen_is_named_so()
    {
        var id = Store.Create(null, "Incident", "default", "ab", "ana");

        Assert.False(Store.SetStatus(id, PostmortemStatus.Draft, "ana"));
        Store.SetStatus(id, PostmortemStatus.InReview, "ana");
        Store.SetStatus(id, PostmortemStatus.Final, "lead");
        Store.SetStatus(id, PostmortemStatus.Draft, "admin");

        Assert.Equal([("created", "ana"), ("in_review", "ana"), ("final", "lead"), ("reopened", "admin")],
            Store.Events(id).Select(e => (e.Kind, e.Author)));
        Assert.Equal(PostmortemStatus.Draft, Store.Get(id)!.Status);
    }

    [Fact]
    public void The_text_at_any_version_is_the_initial_text_with_the_log_replayed()
    {
        var id = Store.Create(null, "Incident", "default", "line\n", "ana");
        var texts = new List<string> { "line\n" };
        for (var i = 0; i < 5; i++)
        {
            var doc = texts[^1];
            var update = Insert(doc, doc.Length, $"edit {i}\n");
            texts.Add(ChangeSet.FromJson(update.ChangesJson).Apply(doc));
            Store.AppendUpdates(id, i, [update], texts[^1]);
        }

        for (var version = 0; version <= 5; version++) Assert.Equal(texts[version], Store.TextAt(id, version));
        Assert.Throws<ArgumentOutOfRangeException>(() => Store.TextAt(id, 6));
    }

    [Fact]
    public void History_groups_one_authors_close_updates_and_keeps_restores_apart()
    {
        var id = Store.Create(null, "Incident", "default", "", "ana");
        var doc = "";
        var version = 0;
        void Add(string author, long minute, string client = "c")
        {
            var update = Insert(doc, doc.Length, author[..1], author, client);
            doc = ChangeSet.FromJson(update.ChangesJson).Apply(doc);
            version = Store.AppendUpdates(id, version, [update], doc);
            using var connection = Db.Database.Open();
            connection.Execute("UPDATE postmortem_updates SET created_at_ms = @ms WHERE postmortem_id = @id AND version = @version;",
                new { ms = 1_700_000_000_000 + minute * 60_000, id, version });
        }

        Add("ana", 0); Add("ana", 1); Add("ana", 2);   // one entry: within 2 minutes of its first update
        Add("ana", 3);                                  // 3 minutes after the entry's start: a new entry
        Add("ben", 3);                                  // another author
        Add("ana", 4);
        Add("ana", 4, RestoreClientIds.For(2));         // a restore stands alone

        var history = Store.History(id);

        Assert.Equal([(0, 0, "ana", 0, (int?)null), (0, 3, "ana", 3, null), (3, 4, "ana", 1, null), (4, 5, "ben", 1, null),
                (5, 6, "ana", 1, null), (6, 7, "ana", 1, 2)],
            history.Select(h => (h.FromVersion, h.ToVersion, h.Author, h.Updates, h.RestoredVersion)));
        Assert.True(history[0].IsCreation);
        Assert.Equal(TimeSpan.FromMinutes(2), history[1].End - history[1].Start);
    }

    [Fact]
    public void Comments_anchor_to_a_passage_thread_their_replies_and_resolve()
    {
        var id = Store.Create(null, "Incident", "default", "The model failed.", "ana");

        var thread = Store.AddComment(id, new CommentAnchor(4, 9, 0, "model"), "ben", "Which model?");
        var reply = Store.Reply(thread, "ana", "The fraud scorer.");
        var replyToReply = Store.Reply(reply, "ben", "Thanks.");
        Assert.True(Store.SetResolved(thread, "ben"));

        var comments = Store.Comments(id);
        Assert.Equal([thread, reply, replyToReply], comments.Select(c => c.Id));
        Assert.Equal(new CommentAnchor(4, 9, 0, "model"), comments[0].Anchor);
        Assert.Equal(("ben", true), (comments[0].ResolvedBy, comments[0].IsResolved));
        Assert.Equal([(long?)thread, thread], comments.Skip(1).Select(c => c.ParentId));
        Assert.All(comments.Skip(1), c => Assert.Null(c.Anchor));
        Assert.Equal(id, Store.CommentPostmortem(reply));

        Assert.True(Store.SetResolved(thread, null));
        Assert.False(Store.Comments(id)[0].IsResolved);
        Assert.False(Store.SetResolved(replyToReply + 100, "ben"));
        Assert.Throws<KeyNotFoundException>(() => Store.Reply(replyToReply + 100, "ben", "?"));
    }
}
