using System.Text;
using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DriftBoard.Web.Tests.Postmortems;

/// <summary>
/// The app over a temporary database holding three postmortems: <see cref="SampleId"/> (the template's sections filled in,
/// with one SVG figure), <see cref="HostileId"/> (every corpus payload in every section the summary shows, in action item
/// cells and in figures) and <see cref="BareId"/> (a title and nothing else). Deleted on dispose.
/// </summary>
public sealed class PostmortemSite : IAsyncLifetime
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("driftboard-postmortems-");

    public const string RecallSvg = """<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#36c"/></svg>""";

    public const string HostileSvg = """<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>""";

    public long SampleId { get; private set; }

    public long HostileId { get; private set; }

    public long BareId { get; private set; }

    public string DatabasePath => Path.Combine(_root.FullName, "driftboard.db");

    public PostmortemStore Store { get; private set; } = null!;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string SampleMarkdown { get; } = PostmortemSectionsTests.Sample;

    /// <summary>Every corpus payload, once in each section the summary reads and once as an action item's cells.</summary>
    public static string HostileMarkdown(long id)
    {
        var payloads = XssPayload.Corpus.Select(p => p.Markdown).ToList();
        var all = string.Join("\n\n", payloads);
        var builder = new StringBuilder("# Hostile postmortem\n\n");
        foreach (var section in new[] { "Summary", "Impact", "Root cause", "Detection" })
            builder.Append("## ").Append(section).Append("\n\n").Append(all).Append("\n\n");
        // The tables come first in their sections, so the summary reads them as tables; the payloads follow as prose.
        builder.Append("### What would have caught this earlier\n\n| Monitor | Would have fired | Lead (days) |\n|---|---|---|\n");
        foreach (var payload in payloads) builder.Append("| ").Append(Cell(payload)).Append(" | yes | ").Append(Cell(payload)).Append(" |\n");
        builder.Append("\n").Append(all).Append("\n\n## Action items\n\n| Action | Owner | Due | Status |\n|---|---|---|---|\n");
        foreach (var payload in payloads) builder.Append("| ").Append(Cell(payload)).Append(" | ").Append(Cell(payload)).Append(" | 2026-01-01 | open |\n");
        builder.Append("\n").Append(all).Append("\n\n## Appendix: evidence\n\n").Append(all);
        builder.Append($"\n\n![own svg](/postmortems/{id}/figures/evil.svg)\n![own html](/postmortems/{id}/figures/page.html)\n");
        return builder.ToString();
    }

    /// <summary>A payload inside one table cell: on one line, pipes escaped.</summary>
    private static string Cell(string markdown) => markdown.Replace("\n", " ").Replace("|", "\\|");

    public async Task InitializeAsync()
    {
        TestUsers.AddTo(DatabasePath);
        Store = new PostmortemStore(new DriftBoardDatabase(DatabasePath));
        SampleId = Store.Create(null, "Recall drop on card-fraud v3", "default", SampleMarkdown, "ana",
            [new PostmortemFigure("recall.svg", "image/svg+xml", Encoding.UTF8.GetBytes(RecallSvg))]);
        // The figures' addresses hold the id, known only once created; a fresh database numbers from 1.
        Assert.Equal(1, SampleId);
        HostileId = Store.Create(null, "<script>alert('title')</script> & \"quotes\"", "default", HostileMarkdown(2), "mallory",
            [new PostmortemFigure("evil.svg", "image/svg+xml", Encoding.UTF8.GetBytes(HostileSvg)),
             new PostmortemFigure("page.html", "text/html", Encoding.UTF8.GetBytes("<script>alert(3)</script>"))]);
        Assert.Equal(2, HostileId);
        BareId = Store.Create(null, "Nothing written yet", "default", "# Nothing written yet\n", "ben");
        Factory = CreateFactory();
        // Everything these tests read (exports, figures, summary, list) is a viewer's to read.
        Client = await Factory.CreateSignedInClientAsync(UserRole.Viewer);
    }

    public WebApplicationFactory<Program> CreateFactory(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("DriftBoard:DatabasePath", DatabasePath);
            host.UseSetting("DriftBoard:SeedDemoWhenEmpty", "false");
            foreach (var (key, value) in settings) host.UseSetting(key, value);
        });

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }
}
