using System.Text.RegularExpressions;
using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Postmortems.Collab;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DriftBoard.Web.Tests.EndToEnd.Postmortems;

/// <summary>
/// Two authors in two browser contexts edit the same postmortem paragraph at once, through the real hub, while the network
/// or the server goes away. Each author types characters of their own alphabet, so the final text shows whose keystrokes
/// survived and in which order: an author's own characters must come out exactly as typed (none lost, none doubled).
/// </summary>
[Collection(CoEditingCollection.Name)]
public sealed class PostmortemCoEditingTests(CoEditingServer server)
{
    /// <summary>The brief's promise: another author's edits show up within a second.</summary>
    private const float SeenWithinMs = 1_000;

    private const string AnaAlphabet = "0123456789";
    private const string BenAlphabet = "qwyzkvjhf";
    private const string Paragraph = "Impact:";

    // Characters of neither alphabet, so every marker counted later was typed by its author.
    private const string Template = "# Timeline\n\nImpact: \n\nNext steps to be agreed.\n";

    private static string Keys(string alphabet, int length) =>
        string.Create(length, alphabet, static (span, letters) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = letters[i % letters.Length];
        });

    private long CreatePostmortem(string title) => server.Store.Create(null, title, "default", Template, "lead");

    /// <summary>Ana and Ben, each in a browser context of their own, with their cursors at the end of the same paragraph.</summary>
    private sealed record Authors(AuthorTab Ana, AuthorTab Ben) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Ana.Session.DisposeAsync();
            await Ben.Session.DisposeAsync();
        }
    }

    private async Task<Authors> OpenBothAsync(string testName, long id)
    {
        var authors = new Authors(new AuthorTab(await server.OpenAsync(testName + "-ana", "Ana"), "Ana"),
            new AuthorTab(await server.OpenAsync(testName + "-ben", "Ben"), "Ben"));
        await authors.Ana.OpenAsync(id);
        await authors.Ben.OpenAsync(id);
        await authors.Ana.PutCursorAtEndOfLineAsync(Paragraph);
        await authors.Ben.PutCursorAtEndOfLineAsync(Paragraph);
        return authors;
    }

    /// <summary>Both tabs confirm everything, then show the server's text; returns it.</summary>
    private async Task<string> ConvergedTextAsync(long id, params AuthorTab[] tabs)
    {
        foreach (var tab in tabs) await tab.WaitSavedAsync();
        var text = server.Store.Get(id)!.Markdown;
        foreach (var tab in tabs) await tab.WaitForTextAsync(text);
        return text;
    }

    [Fact]
    public async Task Two_authors_typing_in_the_same_paragraph_see_each_others_keys_within_a_second_and_converge()
    {
        var id = CreatePostmortem("Same paragraph");
        await using var authors = await OpenBothAsync(nameof(Two_authors_typing_in_the_same_paragraph_see_each_others_keys_within_a_second_and_converge), id);
        var (ana, ben) = authors;
        foreach (var tab in new[] { ana, ben })
        {
            await Expect(tab.PresenceNames.Filter(new() { HasText = "Ana" })).ToHaveCountAsync(1);
            await Expect(tab.PresenceNames.Filter(new() { HasText = "Ben" })).ToHaveCountAsync(1);
        }

        var anaKeys = Keys(AnaAlphabet, 60);
        var benKeys = Keys(BenAlphabet, 60);
        var typing = Task.WhenAll(ana.TypeAsync(anaKeys, 50), ben.TypeAsync(benKeys, 50));
        // While both type: whatever one author sees of their own keys, the other sees within a second.
        for (var sample = 0; sample < 3 && !typing.IsCompleted; sample++)
        {
            await ana.WaitForCountAsync(AnaAlphabet, 1 + sample * 10, DashboardServer.WaitMilliseconds);
            var anaTyped = await ana.CountAsync(AnaAlphabet);
            var benTyped = await ben.CountAsync(BenAlphabet);
            await ben.WaitForCountAsync(AnaAlphabet, anaTyped, SeenWithinMs);
            await ana.WaitForCountAsync(BenAlphabet, benTyped, SeenWithinMs);
        }
        await ana.Session.ScreenshotAsync("typing-ana");
        await ben.Session.ScreenshotAsync("typing-ben");
        await typing;

        var text = await ConvergedTextAsync(id, ana, ben);
        Assert.Equal(anaKeys, AuthorTab.Filter(text, AnaAlphabet));
        Assert.Equal(benKeys, AuthorTab.Filter(text, BenAlphabet));
        Assert.StartsWith("# Timeline\n\nImpact: ", text);
        Assert.EndsWith("\n\nNext steps to be agreed.\n", text);
        await Expect(ana.Page.GetByTestId("postmortem-preview")).ToContainTextAsync(anaKeys[..10]);
        await ana.Session.ScreenshotAsync("converged");
        ana.Session.AssertNoBrowserErrors();
        ben.Session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task Edits_typed_offline_wait_visibly_and_are_sent_when_the_connection_returns()
    {
        var id = CreatePostmortem("Offline author");
        await using var authors = await OpenBothAsync(nameof(Edits_typed_offline_wait_visibly_and_are_sent_when_the_connection_returns), id);
        var (ana, ben) = authors;

        await ana.Page.Context.SetOfflineAsync(true);
        await Expect(ana.SyncStatus).ToHaveAttributeAsync("data-state", "offline");
        var anaKeys = Keys(AnaAlphabet, 25);
        var benKeys = Keys(BenAlphabet, 25);
        await Task.WhenAll(ana.TypeAsync(anaKeys, 30), ben.TypeAsync(benKeys, 30));

        // One edit per key, all waiting, and said so in words.
        await Expect(ana.SyncStatus).ToHaveAttributeAsync("data-pending", anaKeys.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(ana.SyncStatus).ToHaveTextAsync(
            new Regex($"^Offline — {anaKeys.Length} edits waiting, they will be sent when the connection returns$"));
        await ben.WaitSavedAsync();
        Assert.Equal("", AuthorTab.Filter(server.Store.Get(id)!.Markdown, AnaAlphabet));
        await ana.Session.ScreenshotAsync("offline-waiting");

        await ana.Page.Context.SetOfflineAsync(false);
        await ana.WaitSavedAsync();
        await ConvergedTextAsync(id, ana, ben);

        await ana.ReloadAsync();
        await ben.ReloadAsync();
        var text = await ConvergedTextAsync(id, ana, ben);
        Assert.Equal(anaKeys, AuthorTab.Filter(text, AnaAlphabet));
        Assert.Equal(benKeys, AuthorTab.Filter(text, BenAlphabet));
        await ana.Session.ScreenshotAsync("after-reload");
        AssertNoUncaughtErrors(ana, ben);
    }

    [Fact]
    public async Task A_server_restart_while_both_type_loses_nothing_acknowledged_and_the_authors_converge()
    {
        var id = CreatePostmortem("Server restart");
        await using var authors = await OpenBothAsync(nameof(A_server_restart_while_both_type_loses_nothing_acknowledged_and_the_authors_converge), id);
        var (ana, ben) = authors;

        var anaKeys = Keys(AnaAlphabet, 80);
        var benKeys = Keys(BenAlphabet, 80);
        var typing = Task.WhenAll(ana.TypeAsync(anaKeys, 40), ben.TypeAsync(benKeys, 40));
        // Each sees some of the other's keys: those went through the server and were acknowledged.
        await ana.WaitForCountAsync(BenAlphabet, 10, DashboardServer.WaitMilliseconds);
        await ben.WaitForCountAsync(AnaAlphabet, 10, DashboardServer.WaitMilliseconds);

        await server.StopAsync();
        // With the server down, the file holds exactly what it acknowledged (a change is accepted only once it is stored).
        var acknowledged = server.Store.Get(id)!.Markdown;
        server.Start();
        await typing;

        var text = await ConvergedTextAsync(id, ana, ben);
        await ana.Session.ScreenshotAsync("after-restart");
        foreach (var (alphabet, keys) in new[] { (AnaAlphabet, anaKeys), (BenAlphabet, benKeys) })
        {
            var before = AuthorTab.Filter(acknowledged, alphabet);
            var after = AuthorTab.Filter(text, alphabet);
            Assert.True(before.Length >= 10, $"the server had acknowledged only '{before}' before the restart");
            // Everything acknowledged is still there, in order; what came after is what was typed, none of it doubled
            // (keys pressed while a tab reloaded after the restart never reached an editor).
            Assert.StartsWith(before, after);
            Assert.True(IsSubsequence(after, keys), $"'{after}' is not a subsequence of the typed '{keys}'");
        }
        AssertNoUncaughtErrors(ana, ben);
    }

    [Fact]
    public async Task A_large_paste_goes_out_in_pieces_under_the_message_limit_and_a_huge_one_is_refused_in_words()
    {
        var id = CreatePostmortem("Large paste");
        await using var session = await server.OpenAsync(nameof(A_large_paste_goes_out_in_pieces_under_the_message_limit_and_a_huge_one_is_refused_in_words));
        var tab = new AuthorTab(session, "Ana");
        await tab.OpenAsync(id);
        await tab.PutCursorAtEndOfLineAsync(Paragraph);

        // About 45 KB: more than the hub accepts in one message (32 KB).
        var table = string.Join("\n", Enumerable.Range(0, 900).Select(i => $"| {i:0000} | {new string('=', 40)} |"));
        await tab.Page.Keyboard.InsertTextAsync(table);
        await tab.WaitSavedAsync();

        var markdown = server.Store.Get(id)!.Markdown;
        Assert.Contains(table, markdown);
        var updates = server.Store.Updates(id, 0);
        Assert.True(updates.Count > 1, "the paste went out as one update");
        Assert.All(updates, u => Assert.True(System.Text.Encoding.UTF8.GetByteCount(u.ChangesJson) < 30_000, $"update {u.Version} is {u.ChangesJson.Length} characters"));
        await Expect(tab.Page.GetByTestId("page-estimate-warning")).ToBeVisibleAsync();

        await tab.Page.Keyboard.InsertTextAsync(new string('#', 250_000));
        await Expect(tab.SyncStatus).ToHaveAttributeAsync("data-state", "error");
        await Expect(tab.SyncStatus).ToContainTextAsync("Not saved: the pasted text is too large to send at once");
        // Refused, not half-applied: the editor around the cursor shows no trace of it (CodeMirror draws only the lines in view).
        await Expect(tab.Page.Locator("[data-testid=postmortem-editor] .cm-content")).Not.ToContainTextAsync("#####");
        await session.ScreenshotAsync("huge-paste-refused");

        // The next ordinary edit clears the message and saves as usual.
        await tab.TypeAsync("0", 0);
        await tab.WaitSavedAsync();
        Assert.Equal(markdown.Length + 1, server.Store.Get(id)!.Markdown.Length);
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task A_final_postmortem_is_read_only_until_it_is_reopened()
    {
        var id = CreatePostmortem("Final");
        await using var session = await server.OpenAsync(nameof(A_final_postmortem_is_read_only_until_it_is_reopened));
        var tab = new AuthorTab(session, "Ana");
        await tab.OpenAsync(id);
        var authority = server.Services.GetRequiredService<PostmortemAuthority>();
        var content = tab.Page.Locator("[data-testid=postmortem-editor] .cm-content");

        Assert.True(await authority.SetStatusAsync(id, PostmortemStatus.Final, "lead"));
        await Expect(content).ToHaveAttributeAsync("contenteditable", "false");
        await Expect(tab.Page.GetByTestId("postmortem-status")).ToHaveAttributeAsync("data-status", "final");
        await tab.PutCursorAtEndOfLineAsync(Paragraph);
        await tab.TypeAsync("123", 20);
        await tab.WaitSavedAsync();
        Assert.Equal(Template, server.Store.Get(id)!.Markdown);
        await session.ScreenshotAsync("final");

        Assert.True(await authority.SetStatusAsync(id, PostmortemStatus.Draft, "admin"));
        await Expect(content).ToHaveAttributeAsync("contenteditable", "true");
        await tab.PutCursorAtEndOfLineAsync(Paragraph);
        await tab.TypeAsync("123", 20);
        await tab.WaitSavedAsync();
        Assert.Equal(Template.Replace("Impact: ", "Impact: 123"), server.Store.Get(id)!.Markdown);
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task A_viewer_follows_an_authors_edits_read_only()
    {
        var id = CreatePostmortem("Viewer");
        await using var anaSession = await server.OpenAsync(nameof(A_viewer_follows_an_authors_edits_read_only) + "-ana", "Ana");
        await using var vicSession = await server.OpenAsync(nameof(A_viewer_follows_an_authors_edits_read_only) + "-vic", "Vic", UserRole.Viewer);
        var ana = new AuthorTab(anaSession, "Ana");
        var vic = new AuthorTab(vicSession, "Vic");
        await ana.OpenAsync(id);
        await vic.OpenAsync(id);

        await Expect(vic.Page.GetByTestId("postmortem-read-only")).ToBeVisibleAsync();
        await Expect(vic.Page.Locator("[data-testid=postmortem-editor] .cm-content")).ToHaveAttributeAsync("contenteditable", "false");
        await Expect(vic.Page.GetByTestId("status-final")).ToHaveCountAsync(0);
        await Expect(vic.Page.GetByTestId("postmortem-status-readonly")).ToHaveTextAsync("Draft");

        await ana.PutCursorAtEndOfLineAsync(Paragraph);
        await ana.TypeAsync("42", 20);
        await vic.PutCursorAtEndOfLineAsync(Paragraph);
        await vic.TypeAsync("qq", 20);

        var text = await ConvergedTextAsync(id, ana, vic);
        Assert.Equal(Template.Replace("Impact: ", "Impact: 42"), text);
        await vicSession.ScreenshotAsync("viewer-read-only");
        vicSession.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task A_comment_quotes_the_passage_selected_in_the_editor()
    {
        var id = CreatePostmortem("Comment");
        await using var session = await server.OpenAsync(nameof(A_comment_quotes_the_passage_selected_in_the_editor));
        var tab = new AuthorTab(session, "Ana");
        await tab.OpenAsync(id);
        // An edit first, so the passage sits at another offset than in the template.
        await tab.PutCursorAtEndOfLineAsync(Paragraph);
        await tab.TypeAsync("42", 20);
        await tab.WaitSavedAsync();
        await tab.PutCursorAtEndOfLineAsync("Next steps");
        await tab.Page.Keyboard.PressAsync("Shift+Home");

        await tab.Page.GetByRole(AriaRole.Tab, new() { Name = "Comments" }).ClickAsync();
        await tab.Page.GetByTestId("comment-start").ClickAsync();
        await Expect(tab.Page.GetByTestId("comment-draft").Locator("blockquote")).ToHaveTextAsync("Next steps to be agreed.");
        await tab.Page.GetByTestId("comment-draft").Locator("textarea").FillAsync("Owner and date for each step?");
        await tab.Page.GetByTestId("comment-add").ClickAsync();

        var thread = tab.Page.GetByTestId("comment-thread");
        await Expect(thread).ToHaveCountAsync(1);
        await Expect(thread.GetByTestId("comment-quote")).ToHaveTextAsync("Next steps to be agreed.");
        await session.ScreenshotAsync("comment");
        session.AssertNoBrowserErrors();
    }

    private static bool IsSubsequence(string candidate, string of)
    {
        var at = 0;
        foreach (var c in of)
        {
            if (at < candidate.Length && candidate[at] == c) at++;
        }
        return at == candidate.Length;
    }

    // Going offline or losing the server makes the browser log failed requests as console errors; those are expected
    // here. An uncaught exception in the page is not.
    private static void AssertNoUncaughtErrors(params AuthorTab[] tabs)
    {
        var uncaught = tabs.SelectMany(t => t.Session.Errors.Where(e => e.StartsWith("page error:", StringComparison.Ordinal))).ToList();
        Assert.True(uncaught.Count == 0, "the page threw:\n" + string.Join("\n", uncaught));
    }
}
