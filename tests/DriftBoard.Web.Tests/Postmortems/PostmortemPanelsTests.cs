using Bunit;
using DriftBoard.Core.Postmortems;
using DriftBoard.Core.Postmortems.Collab;
using DriftBoard.Web.Components.Pages.Postmortems;
using DriftBoard.Web.Postmortems.Collab;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace DriftBoard.Web.Tests.Postmortems;

/// <summary>The editor page's history, status and comment panels over a real authority and database.</summary>
public sealed class PostmortemPanelsTests : MudPageTest, IDisposable
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    private readonly CollabDatabase _db = new();

    public PostmortemPanelsTests()
    {
        Services.AddSingleton(_ => _db.Authority);
        Services.AddSingleton(new DriftBoard.Storage.Database.DriftBoardDatabase(_db.DatabasePath)); // the users table SessionAuthorization reads
    }

    public void Dispose() => _db.Dispose();

    private async Task Replace(long id, string client, string author, string oldText, string newText)
    {
        var version = (await _db.Authority.GetAsync(id))!.Version;
        var reply = await _db.Authority.PushAsync(id, version, [new CollabUpdate(client, ChangeSet.Replace(oldText, newText))], author);
        Assert.True(reply.Accepted, reply.Error);
    }

    private async Task<long> ThreeVersions()
    {
        var id = _db.Create("one\ntwo\n");
        await Replace(id, "a", "ana", "one\ntwo\n", "one\n2\n");
        await Replace(id, "b", "ben", "one\n2\n", "one\n2\nthree\n");
        return id;
    }

    private static string Kinds(IRenderedComponent<PostmortemHistory> cut) =>
        string.Join(" ", cut.FindAll("[data-testid=diff-line]").Select(l => l.GetAttribute("data-kind")![0] + l.TextContent[1..]));

    [Fact]
    public async Task History_lists_entries_newest_first_and_diffs_two_picked_versions()
    {
        var id = await ThreeVersions();
        var cut = Render<PostmortemHistory>(p => p.Add(c => c.PostmortemId, id).Add(c => c.AuthorName, "carol"));

        var entries = cut.FindAll("[data-testid=history-entry]");
        Assert.Equal(["2", "1", "0"], entries.Select(e => e.GetAttribute("data-version")));
        Assert.Contains("ben", entries[0].TextContent);
        Assert.Contains("0 (created)", entries[2].TextContent);

        cut.FindAll("input[data-testid=history-pick]")[2].Change(true);
        Assert.Empty(cut.FindAll("[data-testid=diff-line]"));
        cut.FindAll("input[data-testid=history-pick]")[0].Change(true);

        Assert.Contains("Version 0 → version 2", cut.Find("[data-testid=diff-title]").TextContent);
        Assert.Equal("kone rtwo a2 athree", Kinds(cut));
        Assert.Contains("driftboard-diff-added", cut.Find("[data-kind=added]").ClassName);
        Assert.Contains("driftboard-diff-removed", cut.Find("[data-kind=removed]").ClassName);

        // One entry's own changes.
        cut.FindAll("[data-testid=history-entry]")[1].QuerySelector("[data-testid=history-changes]")!.Click();
        Assert.Contains("Version 0 → version 1", cut.Find("[data-testid=diff-title]").TextContent);
        Assert.Equal("kone rtwo a2", Kinds(cut));
    }

    [Fact]
    public async Task Restoring_a_version_from_the_history_brings_its_text_back_as_a_new_version()
    {
        var id = await ThreeVersions();
        var cut = Render<PostmortemHistory>(p => p.Add(c => c.PostmortemId, id).Add(c => c.AuthorName, "carol"));

        var created = cut.FindAll("[data-testid=history-entry]")[2];
        created.QuerySelector("[data-testid=history-restore]")!.Click();

        var state = (await _db.Authority.GetAsync(id))!;
        Assert.Equal((3, "one\ntwo\n"), (state.Version, state.Markdown));
        cut.WaitForAssertion(() =>
        {
            var latest = cut.FindAll("[data-testid=history-entry]")[0];
            Assert.Equal("3", latest.GetAttribute("data-version"));
            Assert.Contains("restored 0", latest.TextContent);
            Assert.Contains("carol", latest.TextContent);
        }, Delivery);
        // The current version cannot be restored onto itself.
        Assert.Null(cut.FindAll("[data-testid=history-entry]")[0].QuerySelector("[data-testid=history-restore]"));
    }

    [Fact]
    public async Task History_follows_edits_made_elsewhere()
    {
        var id = _db.Create("a\n");
        var cut = Render<PostmortemHistory>(p => p.Add(c => c.PostmortemId, id).Add(c => c.AuthorName, "carol"));
        Assert.Single(cut.FindAll("[data-testid=history-entry]"));

        await Replace(id, "b", "ben", "a\n", "a\nb\n");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=history-entry]").Count), Delivery);
    }

    [Fact]
    public async Task Final_locks_the_editor_until_reopened()
    {
        Authorization.SetRole(Storage.Users.UserRole.Admin);
        var id = _db.Create("abc");
        var cut = Render<PostmortemStatusControl>(p => p.Add(c => c.PostmortemId, id).Add(c => c.AuthorName, "lead"));
        Assert.Equal("draft", cut.Find("[data-testid=postmortem-status]").GetAttribute("data-status"));
        Assert.Empty(cut.FindAll("[data-testid=postmortem-locked]"));

        cut.Find("[data-testid=status-final]").Click();

        // The click's handler awaits the authority (a SQLite write on another thread): wait for its render.
        cut.WaitForAssertion(() => Assert.Equal("final", cut.Find("[data-testid=postmortem-status]").GetAttribute("data-status")), Delivery);
        Assert.NotNull(cut.Find("[data-testid=postmortem-locked]"));
        Assert.Equal(PostmortemStatus.Final, _db.Store.Get(id)!.Status);
        var push = await _db.Authority.PushAsync(id, 0, [new CollabUpdate("a", ChangeSet.Replace("abc", "abcd"))], "ana");
        Assert.False(push.Accepted);

        cut.Find("[data-testid=postmortem-reopen]").Click();

        cut.WaitForAssertion(() => Assert.Equal("draft", cut.Find("[data-testid=postmortem-status]").GetAttribute("data-status")), Delivery);
        Assert.Equal(["created", "final", "reopened"], _db.Store.Events(id).Select(e => e.Kind));
        Assert.Equal("lead", _db.Store.Events(id)[^1].Author);
    }

    [Fact]
    public async Task An_author_finalizes_but_only_an_admin_may_reopen()
    {
        var id = _db.Create("abc");
        var cut = Render<PostmortemStatusControl>(p => p.Add(c => c.PostmortemId, id).Add(c => c.AuthorName, "ana"));

        cut.Find("[data-testid=status-final]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=postmortem-locked]")), Delivery);
        Assert.Equal(PostmortemStatus.Final, _db.Store.Get(id)!.Status);
        Assert.Empty(cut.FindAll("[data-testid=postmortem-reopen]"));
        // The authority itself refuses a reopen without the admin's right, whoever calls it.
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _db.Authority.SetStatusAsync(id, PostmortemStatus.Draft, "ana", mayReopen: false));
        Assert.Equal(PostmortemStatus.Final, _db.Store.Get(id)!.Status);
    }

    [Fact]
    public void A_viewer_sees_the_status_and_history_and_comments_without_their_buttons()
    {
        Authorization.SetRole(Storage.Users.UserRole.Viewer);
        var id = _db.Create("abc");

        var status = Render<PostmortemStatusControl>(p => p.Add(c => c.PostmortemId, id).Add(c => c.AuthorName, "vic"));
        var comments = Render<PostmortemComments>(p => p.Add(c => c.PostmortemId, id).Add(c => c.AuthorName, "vic"));

        Assert.Equal("Draft", status.Find("[data-testid=postmortem-status-readonly]").TextContent);
        Assert.Empty(status.FindAll("[data-testid^=status-]"));
        Assert.Empty(comments.FindAll("[data-testid=comment-start]"));
    }

    [Fact]
    public async Task The_status_shows_changes_made_elsewhere()
    {
        var id = _db.Create("abc");
        var cut = Render<PostmortemStatusControl>(p => p.Add(c => c.PostmortemId, id).Add(c => c.AuthorName, "lead"));

        await _db.Authority.SetStatusAsync(id, PostmortemStatus.InReview, "ana");

        cut.WaitForAssertion(() => Assert.Equal("in_review", cut.Find("[data-testid=postmortem-status]").GetAttribute("data-status")), Delivery);
    }

    [Fact]
    public void A_comment_on_the_selection_quotes_it_and_takes_replies_and_resolving()
    {
        var id = _db.Create("The model failed.");
        EditorSelection? selection = null;
        var cut = Render<PostmortemComments>(p => p.Add(c => c.PostmortemId, id).Add(c => c.AuthorName, "ben")
            .Add(c => c.GetSelection, () => Task.FromResult(selection)));

        cut.Find("[data-testid=comment-start]").Click();
        Assert.Contains("Select a passage", cut.Find("[data-testid=comment-hint]").TextContent);

        selection = new EditorSelection(4, 9, 0);
        cut.Find("[data-testid=comment-start]").Click();
        Assert.Contains("model", cut.Find("[data-testid=comment-draft] blockquote").TextContent);
        cut.Find("textarea[data-testid=comment-body]").Input("Which model?");
        cut.Find("[data-testid=comment-add]").Click();

        // The handlers await the authority's document lock: their renders may come after Click returns.
        cut.WaitForAssertion(() =>
        {
            Assert.Equal("model", cut.Find("[data-testid=comment-quote]").TextContent);
            Assert.Contains("Which model?", cut.Find("[data-testid=comment-thread]").TextContent);
        }, Delivery);

        cut.Find("input[data-testid=comment-reply-body]").Input("The fraud scorer.");
        cut.Find("[data-testid=comment-reply-send]").Click();
        cut.WaitForAssertion(() => Assert.Contains("The fraud scorer.", cut.Find("[data-testid=comment-reply]").TextContent), Delivery);

        cut.Find("[data-testid=comment-resolve]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=comment-thread]")), Delivery);
        var stored = _db.Store.Comments(id);
        Assert.Equal(("ben", 2), (stored[0].ResolvedBy, stored.Count));
    }
}
