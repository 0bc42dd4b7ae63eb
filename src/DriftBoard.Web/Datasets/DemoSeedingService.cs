using System.Diagnostics;
using DriftBoard.Storage;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Store;
using DriftBoard.Web.Options;
using Microsoft.Extensions.Options;

namespace DriftBoard.Web.Datasets;

/// <summary>
/// Gives a newcomer an incident to look at: when <see cref="DriftBoardOptions.SeedDemoWhenEmpty"/> is on and the database
/// holds no dataset, writes the demo incident into <c>demo-incident/</c> beside the database and imports it. Runs in the
/// background so the app listens at once; the dataset list shows <see cref="DemoSeedingStatus"/> meanwhile.
/// </summary>
public sealed partial class DemoSeedingService(
    IOptions<DriftBoardOptions> options,
    DatasetStore store,
    DatasetImporter importer,
    DemoSeedingStatus status,
    ILogger<DemoSeedingService> logger) : BackgroundService
{
    public const string FolderName = "demo-incident";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Task.Run: ExecuteAsync runs on the start-up path until its first await, and all of this is synchronous work.
        Task.Run(() => Seed(stoppingToken), stoppingToken);

    private void Seed(CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.SeedDemoWhenEmpty) return;
        var folder = Path.Combine(Path.GetDirectoryName(settings.DatabasePath)!, FolderName);
        try
        {
            if (store.List().Count > 0) return;

            var (demo, source) = DemoSettingsFile.Load();
            if (settings.DemoPerDay is { } perDay) demo = demo with { PerDay = perDay };
            LogGenerating(folder, demo.Days * (long)demo.PerDay, source ?? "built-in settings");
            var clock = Stopwatch.StartNew();
            var total = demo.TrainingRows + demo.Days * (double)demo.PerDay;
            status.Report(DemoSeedingStage.Generating, 0);
            DemoDatasetWriter.Write(folder, demo, new GenerationProgress(status, total, ct));

            status.Report(DemoSeedingStage.Importing, 0);
            var result = importer.Import(folder, new ImportOptions(), new ImportBytesProgress(status, folder), ct);
            status.Report(DemoSeedingStage.Done);
            LogSeeded(result.DatasetId, result.Rows, clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the import rolled back; a half-written folder is rewritten in full next time.
            status.Report(DemoSeedingStage.Idle);
        }
        catch (DatasetExistsException)
        {
            // Imported by someone else (the CLI) while this was generating: that is the outcome wanted.
            status.Report(DemoSeedingStage.Done);
        }
        catch (Exception e)
        {
            // Seeding is a convenience: whatever went wrong, the app must keep running (an escaping exception would stop the host).
            LogFailed(e, folder);
            status.Report(DemoSeedingStage.Failed, error: e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The database holds no dataset: writing the demo incident ({Predictions} predictions, from {Source}) to {Folder}")]
    private partial void LogGenerating(string folder, long predictions, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported the demo incident as '{DatasetId}' ({Rows} predictions) in {Seconds:N1} s")]
    private partial void LogSeeded(string datasetId, long rows, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not prepare the demo incident in {Folder}; run `driftboard demo --import` to see why")]
    private partial void LogFailed(Exception exception, string folder);

    /// <summary>Rows generated → the generating stage's share; also the generator's only chance to stop on shutdown (once per day).</summary>
    private sealed class GenerationProgress(DemoSeedingStatus status, double total, CancellationToken ct) : IProgress<long>
    {
        public void Report(long value)
        {
            ct.ThrowIfCancellationRequested();
            status.Report(DemoSeedingStage.Generating, value / total);
        }
    }

    /// <summary>Bytes the importer has read of each file, over the folder's total: the importing stage's share.</summary>
    private sealed class ImportBytesProgress(DemoSeedingStatus status, string folder) : IProgress<ImportProgress>
    {
        private readonly Dictionary<string, long> _read = new(StringComparer.Ordinal);
        private readonly double _total = new DirectoryInfo(folder).EnumerateFiles("*.csv").Sum(f => (double)f.Length);

        public void Report(ImportProgress value)
        {
            // Max per file: the labels file is read a second time when some labels match no prediction.
            _read[value.File] = Math.Max(_read.GetValueOrDefault(value.File), value.BytesRead);
            if (_total > 0) status.Report(DemoSeedingStage.Importing, _read.Values.Sum() / _total);
        }
    }
}
