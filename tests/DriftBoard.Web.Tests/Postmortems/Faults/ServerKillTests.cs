using DriftBoard.Core.Postmortems.Collab;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Postmortems.Collab;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace DriftBoard.Web.Tests.Postmortems.Faults;

/// <summary>
/// "Kill the server while authors type: every acknowledged change is there after restart." The real web app runs as a child
/// process; authors type through the hub; the process is killed (SIGKILL, whole tree) in the middle of their typing, then
/// started again on the same database file, several times.
/// </summary>
[Collection(CoEditingFaultsCollection.Name)]
public sealed class ServerKillTests(ITestOutputHelper output)
{
    private const int Kills = 3;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(15);
    // Everything (starts, typing, kills, reconnects) in this; a hang fails the test instead of holding the run.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Every_acknowledged_change_survives_killing_the_server_and_the_editors_converge_after_restart()
    {
        using var site = new CoEditingFaultSite("# Postmortem\n\nTimeline: \n");
        using var bound = new CancellationTokenSource(Bound);
        var random = new Random(20261130);
        // Authors and an admin (admins may edit too), each editor its own browser.
        var roles = new[] { UserRole.Author, UserRole.Author, UserRole.Author, UserRole.Admin };
        var editors = roles.Select((_, i) => new HubEditor(site.PostmortemId, $"e{i}", EditorStyle.Typing, seed: 100 + i)).ToArray();
        try
        {
            for (var round = 0; round <= Kills; round++)
            {
                await site.Server.StartAsync();
                for (var i = 0; i < editors.Length; i++)
                    await editors[i].ConnectAsync(site.Server, await site.Server.SessionCookieAsync(roles[i]), bound.Token);
                await AssertConvergedAsync(site, editors, bound.Token);
                if (round == Kills) break;

                // Type, and kill the server while everyone is typing.
                using var typing = CancellationTokenSource.CreateLinkedTokenSource(bound.Token);
                var loops = editors.Select(e => Task.Run(() => e.EditUntilAsync(Pause, typing.Token))).ToArray();
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1500, 3500)), bound.Token);
                site.Server.Kill();
                // The connections die with the process; a loop still waiting for something is cancelled.
                typing.CancelAfter(TimeSpan.FromSeconds(15));
                var failures = await Task.WhenAll(loops);
                // Losing the connection is expected; a refused push or an update that does not fit the editor's text is not.
                Assert.All(failures, f => Assert.False(HubEditor.IsDivergence(f), $"an editor failed: {f}"));

                // With the server dead, read the file: every acknowledged word is in it, at a version no lower than acknowledged.
                var (markdown, version, replayed) = site.Persisted();
                foreach (var editor in editors)
                {
                    var lost = editor.Acknowledged.Where(w => !markdown.Contains(w, StringComparison.Ordinal)).ToList();
                    Assert.True(lost.Count == 0, $"kill {round + 1}: {editor.ClientId} lost acknowledged {string.Join(", ", lost)}");
                    Assert.True(version >= editor.LastAcknowledgedVersion,
                        $"kill {round + 1}: stored version {version} is below {editor.ClientId}'s acknowledged {editor.LastAcknowledgedVersion}");
                }
                Assert.Equal(markdown, replayed);
                // Persisted but not acknowledged (the reply died with the process): these come back as duplicates on resend.
                var persistedUnacknowledged = editors.Sum(e => e.Typed.Count(w => !e.Acknowledged.Contains(w) && markdown.Contains(w, StringComparison.Ordinal)));
                output.WriteLine($"kill {round + 1}: stored version {version}; {editors.Sum(e => e.Acknowledged.Count)} words acknowledged, all stored; " +
                    $"{editors.Sum(e => e.Client.Unconfirmed.Count)} updates unconfirmed at the kill, {persistedUnacknowledged} of them stored anyway");
                Assert.True(editors.Sum(e => e.Acknowledged.Count) > 0, "nothing was acknowledged before the kill: the test typed nothing");
            }
            output.WriteLine($"survived {Kills} kills; {editors.Sum(e => e.Typed.Count)} words typed, final version {site.Stored.Version}");
        }
        finally
        {
            foreach (var editor in editors) await editor.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_push_whose_reply_died_with_the_server_is_dropped_as_a_duplicate_when_resent_after_restart()
    {
        using var site = new CoEditingFaultSite("abc\n");
        var id = site.PostmortemId;
        var word = new CollabUpdate("lost-reply", ChangeSet.Of(4, [new TextChange(3, 3, "<x>")]));
        var next = new CollabUpdate("lost-reply", ChangeSet.Of(7, [new TextChange(7, 7, "!")]));
        await site.Server.StartAsync();
        var cookie = await site.Server.SessionCookieAsync(UserRole.Author);
        await using (var ana = site.Server.HubConnection(PostmortemHub.Path, cookie))
        await using (var ben = site.Server.HubConnection(PostmortemHub.Path, cookie))
        {
            await ana.StartAsync();
            await ben.StartAsync();
            await ana.InvokeAsync<JoinReply>("Join", id, "lost-reply", "Ana");
            await ben.InvokeAsync<JoinReply>("Join", id, "other", "Ben");
            // Accepted and stored; the editor never sees this reply (it died with the server, as far as the editor knows).
            Assert.Equal(new PushReply(true, 1, null), await ana.InvokeAsync<PushReply>("Push", id, 0, new[] { HubEditor.ToDto(word) }));
            var z = new CollabUpdate("other", ChangeSet.Of(7, [new TextChange(0, 0, "Z")]));
            Assert.Equal(new PushReply(true, 2, null), await ben.InvokeAsync<PushReply>("Push", id, 1, new[] { HubEditor.ToDto(z) }));
            site.Server.Kill();
        }

        await site.Server.StartAsync();
        await using var again = site.Server.HubConnection(PostmortemHub.Path, await site.Server.SessionCookieAsync(UserRole.Author));
        await again.StartAsync();
        Assert.Equal(2, (await again.InvokeAsync<JoinReply>("Join", id, "lost-reply", "Ana")).Version);
        // The resend: on the version the editor had (0), the stored update again and one typed since.
        var reply = await again.InvokeAsync<PushReply>("Push", id, 0, new[] { HubEditor.ToDto(word), HubEditor.ToDto(next) });

        Assert.Equal(new PushReply(true, 3, null), reply);
        var (markdown, version, replayed) = site.Persisted();
        Assert.Equal(("Zabc<x>\n!", 3), (markdown, version));
        Assert.Equal(markdown, replayed);
    }

    /// <summary>
    /// Every editor settled (its resent updates accepted or dropped as duplicates, and everything pulled): all hold the server's
    /// text, which is the replay of the persisted log, and every word ever typed is in it exactly once.
    /// </summary>
    private static async Task AssertConvergedAsync(CoEditingFaultSite site, IReadOnlyList<HubEditor> editors, CancellationToken cancellationToken)
    {
        foreach (var editor in editors) await editor.SettleAsync(() => site.Stored.Version, cancellationToken);
        // The others may have pushed after an editor settled: pull everyone up to the last version.
        foreach (var editor in editors) await editor.SettleAsync(() => site.Stored.Version, cancellationToken);
        var (markdown, _, replayed) = site.Persisted();
        Assert.Equal(markdown, replayed);
        foreach (var editor in editors)
        {
            Assert.Equal(markdown, editor.Client.Doc);
            foreach (var word in editor.Typed)
                Assert.True(Occurrences(markdown, word) == 1, $"{word} is in the document {Occurrences(markdown, word)} times, not once");
        }
    }

    private static int Occurrences(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
