using DriftBoard.Core.Demo;
using DriftBoard.Core.Domain;
using DriftBoard.Storage;
using DriftBoard.Storage.Analysis;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Store;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Extensions;

namespace DriftBoard.Web.Tests.Analysis;

/// <summary>
/// A small generated incident (a pipeline writing a default value into a feature; 300 predictions a day for 90 days)
/// imported into a temporary SQLite database, with the real shared analyzer over it. One per test class.
/// </summary>
public sealed class DemoDatabase : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "driftboard-web-" + Guid.NewGuid().ToString("N"));

    public DemoDatabase()
    {
        Directory.CreateDirectory(_root);
        var folder = Path.Combine(_root, "demo");
        DemoDatasetWriter.Write(folder, DemoScenarios.Create(IncidentKind.PipelineDefault, seed: 7, new DemoScenarioOptions(PerDay: 300, Days: 90)));
        var database = new DriftBoardDatabase(Path.Combine(_root, "driftboard.db"));
        DatasetId = new DatasetImporter(database).Import(folder, new ImportOptions()).DatasetId;
        Database = database;
        Store = new DatasetStore(database);
        Analyzer = new DatasetAnalyzer(Store);
    }

    public string DatasetId { get; }

    public DriftBoardDatabase Database { get; }

    public DatasetStore Store { get; }

    public DatasetAnalyzer Analyzer { get; }

    public DatasetInfo Dataset => Store.Find(DatasetId)!;

    /// <summary>The pages' seam bound to <see cref="Analyzer"/> exactly as the app binds it.</summary>
    public DatasetReports Reports => ApplicationServiceExtensions.DatasetReportsFor(Analyzer);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing analysis: the OS temp cleaner takes it.
        }
    }
}
