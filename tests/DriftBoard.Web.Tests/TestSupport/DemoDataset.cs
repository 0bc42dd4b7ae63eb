using System.IO.Compression;
using DriftBoard.Core.Demo;
using DriftBoard.Storage;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Analysis;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Store;

namespace DriftBoard.Web.Tests.TestSupport;

/// <summary>
/// A small generated incident (a unit change, 1,200 rows a day for 120 days: enough known positives for weekly windows to be readable) written once as a dataset folder, as a zip of
/// that folder, and imported into a database; shared by the tests of a class. Deleted on dispose.
/// </summary>
public sealed class DemoDataset : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("driftboard-web-demo-");

    public const int PerDay = 1200;
    public const int Days = 120;

    public DemoDataset()
    {
        Folder = Path.Combine(_root.FullName, "dataset");
        DemoDatasetWriter.Write(Folder, DemoScenarios.Create(IncidentKind.UnitChange, seed: 7, new DemoScenarioOptions(PerDay: PerDay, Days: Days, TrainingRows: 20_000)));
        ZipPath = Path.Combine(_root.FullName, "dataset.zip");
        ZipFile.CreateFromDirectory(Folder, ZipPath, CompressionLevel.Fastest, includeBaseDirectory: true);
        DatabasePath = Path.Combine(_root.FullName, "driftboard.db");
        Database = new DriftBoardDatabase(DatabasePath);
        DatasetId = new DatasetImporter(Database).Import(Folder, new ImportOptions()).DatasetId;
    }

    /// <summary>The dataset folder (model card, predictions, chargebacks, training).</summary>
    public string Folder { get; }

    /// <summary>The folder zipped with its base folder, as a user would zip it.</summary>
    public string ZipPath { get; }

    public string DatabasePath { get; }

    public DriftBoardDatabase Database { get; }

    /// <summary>The store and the shared analyzer over <see cref="Database"/>; reports are cached across a class's tests.</summary>
    public DatasetStore Store => _store ??= new DatasetStore(Database);

    public DatasetAnalyzer Analyzer => _analyzer ??= new DatasetAnalyzer(Store);

    private DatasetStore? _store;
    private DatasetAnalyzer? _analyzer;

    /// <summary>The id the folder was imported under.</summary>
    public string DatasetId { get; }

    /// <summary>A fresh folder under this fixture's temporary folder.</summary>
    public string NewFolder(string prefix) => Directory.CreateDirectory(Path.Combine(_root.FullName, prefix + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }
}
