using DriftBoard.Storage.Database;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Web.Postmortems;
using DriftBoard.Web.Postmortems.Collab;
using Microsoft.Extensions.DependencyInjection;

namespace DriftBoard.Web.Tests.Postmortems;

/// <summary>
/// A database file in a temporary folder and the postmortem services over it, wired as the app wires them (SignalR's hub
/// context with no connections). <see cref="Restart"/> throws the services away and builds new ones over the same file.
/// </summary>
public sealed class CollabDatabase : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("driftboard-collab-");
    private ServiceProvider _services;

    public CollabDatabase()
    {
        DatabasePath = Path.Combine(_folder.FullName, "driftboard.db");
        _services = Build();
    }

    public string DatabasePath { get; }

    public PostmortemAuthority Authority => _services.GetRequiredService<PostmortemAuthority>();

    public PostmortemStore Store => _services.GetRequiredService<PostmortemStore>();

    /// <summary>A new postmortem with <paramref name="markdown"/> at version 0.</summary>
    public long Create(string markdown = "") => Store.Create(null, "Incident", "default", markdown, "creator");

    /// <summary>A process restart as far as the postmortems are concerned: nothing survives but the file.</summary>
    public void Restart()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _services = Build();
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new DriftBoardDatabase(DatabasePath));
        services.AddPostmortems();
        return services.BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { _folder.Delete(recursive: true); }
        catch (IOException) { }
    }
}
