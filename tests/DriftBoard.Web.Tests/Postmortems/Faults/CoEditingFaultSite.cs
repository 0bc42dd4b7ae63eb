using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Web.Tests.TestSupport;

namespace DriftBoard.Web.Tests.Postmortems.Faults;

/// <summary>
/// The fault and load tests run the web app as a child process and measure it, so they do not share the two cores with
/// other test collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CoEditingFaultsCollection
{
    public const string Name = "co-editing under faults and load";
}

/// <summary>
/// A temporary database file with the test accounts and one postmortem, written before the server starts (the server is a
/// separate process: the test reads and writes the file directly, as another process would), and the server over it.
/// </summary>
internal sealed class CoEditingFaultSite : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("driftboard-collab-faults-");

    public CoEditingFaultSite(string initialMarkdown)
    {
        DatabasePath = Path.Combine(_folder.FullName, "driftboard.db");
        TestUsers.AddTo(DatabasePath);
        PostmortemId = Store.Create(null, "Co-editing under faults", "default", initialMarkdown, TestUsers.NameOf(Storage.Users.UserRole.Author));
        Server = new WebAppProcess(DatabasePath);
    }

    public string DatabasePath { get; }

    public long PostmortemId { get; }

    public WebAppProcess Server { get; }

    /// <summary>The file as stored now (a fresh connection each time, so it sees what the server committed).</summary>
    public PostmortemStore Store => new(new DriftBoardDatabase(DatabasePath));

    public PostmortemInfo Stored => Store.Get(PostmortemId) ?? throw new InvalidOperationException("the postmortem is gone");

    /// <summary>
    /// The stored text, its version, and the persisted change log replayed from the initial Markdown up to that version:
    /// the document the server would rebuild from its log.
    /// </summary>
    public (string Markdown, int Version, string Replayed) Persisted()
    {
        var stored = Stored;
        return (stored.Markdown, stored.Version, Store.TextAt(PostmortemId, stored.Version));
    }

    public void Dispose()
    {
        Server.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
