using DriftBoard.Storage.Analysis;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Analysis;
using DriftBoard.Core.Demo;
using DriftBoard.Core.Domain;
using DriftBoard.Storage;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Formats;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Store;

namespace DriftBoard.Cli.Benchmarks;

/// <summary>The generated input of a benchmark: a demo dataset folder and its sizes.</summary>
public sealed record BenchmarkDataset(string Folder, DemoSettings Settings, DemoSummary Summary, long PredictionsBytes, long TotalBytes)
{
    public string PredictionsPath => Path.Combine(Folder, DemoDatasetWriter.PredictionsFile);
}

/// <summary>
/// Times the import path on a generated demo dataset: the CSV parse alone, the full import into a fresh database (with its
/// stages as the importer reports them), and reading one feature versus all features for one month back out.
/// Each <see cref="RunOnce"/> adds one sample to every measurement; the caller decides how many runs.
/// </summary>
public sealed class ImportBenchmark
{
    public const string ParseName = "csv parse";
    public const string ImportName = "import";
    public const string ImportPredictionsName = "import, predictions only";
    public const string LoadOneName = "load 1 feature, 1 month";
    public const string LoadAllName = "load all features, 1 month";
    public const string AnalyzeName = "analyze (week, training reference)";
    public const string ReanalyzeName = "re-analyze (month, no re-import)";
    private const string StagePrefix = "import › ";

    private readonly BenchmarkDataset _dataset;
    private readonly string _databaseFolder;
    private readonly BenchmarkReport _report;
    private readonly Measurement _parse, _import, _importPredictions;
    private Measurement? _loadOne, _loadAll, _analyze, _reanalyze;
    private readonly Dictionary<string, Measurement> _pages = new(StringComparer.Ordinal);

    /// <summary>Server-side data loads each page makes once the report is computed, repeated to give a median and a p95.</summary>
    public const int PageLoadRepeats = 20;
    private readonly Dictionary<string, Measurement> _stages = new(StringComparer.Ordinal);

    public ImportBenchmark(BenchmarkDataset dataset, string databaseFolder, BenchmarkReport report)
    {
        _dataset = dataset;
        _databaseFolder = databaseFolder;
        _report = report;
        var s = dataset.Summary;
        _parse = report.Add(new Measurement(ParseName,
            $"{DemoDatasetWriter.PredictionsFile} read with TabularReader, every field of every row", s.PredictionRows, dataset.PredictionsBytes));
        _import = report.Add(new Measurement(ImportName,
            "full import into a fresh database (all three files, one transaction); rows = predictions + training", s.PredictionRows + s.TrainingRows,
            dataset.TotalBytes));
        _importPredictions = report.Add(new Measurement(ImportPredictionsName, "the same import time, counting prediction rows only", s.PredictionRows));
    }

    /// <summary>Scales the demo to about <paramref name="predictions"/> rows: per-day from the demo's days, training rows in the demo's proportion.</summary>
    public static DemoSettings Scale(DemoSettings demo, long predictions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(predictions);
        var perDay = (int)Math.Max(1, Math.Round((double)predictions / demo.Days));
        var trainingShare = (double)demo.TrainingRows / ((long)demo.Days * demo.PerDay);
        return demo with { PerDay = perDay, TrainingRows = (int)Math.Round(trainingShare * perDay * demo.Days) };
    }

    public static BenchmarkDataset Generate(string folder, DemoSettings settings, IProgress<long>? progress = null)
    {
        var summary = DemoDatasetWriter.Write(folder, settings, progress);
        var total = new DirectoryInfo(folder).EnumerateFiles().Sum(f => f.Length);
        return new BenchmarkDataset(folder, settings, summary, new FileInfo(Path.Combine(folder, DemoDatasetWriter.PredictionsFile)).Length, total);
    }

    /// <summary>One sample of every measurement. The database of the run is deleted afterwards.</summary>
    public void RunOnce(int run, CancellationToken ct)
    {
        Settle();
        _parse.Add(Timing.Of(() => Parse(_dataset.PredictionsPath)));
        ct.ThrowIfCancellationRequested();

        var databasePath = Path.Combine(_databaseFolder, $"bench-run-{run}.db");
        DeleteDatabase(databasePath);
        try
        {
            var database = new DriftBoardDatabase(databasePath);
            var stages = new StageClock();
            Settle();
            ImportResult? result = null;
            var timing = Timing.Of(() => result = new DatasetImporter(database).Import(_dataset.Folder, new ImportOptions(), stages, ct));
            if (result!.Rows != _dataset.Summary.PredictionRows)
                throw new InvalidOperationException($"the import kept {result.Rows:N0} of {_dataset.Summary.PredictionRows:N0} predictions");
            _import.Add(timing);
            _importPredictions.Add(timing);
            foreach (var (stage, elapsed) in stages.Durations(timing.Wall, result.Elapsed)) Stage(stage).Add(elapsed);

            ct.ThrowIfCancellationRequested();
            MeasureLoads(new DatasetStore(database), result.DatasetId);
            ct.ThrowIfCancellationRequested();
            MeasureAnalyses(new DatasetStore(database), result.DatasetId, ct);
        }
        finally
        {
            DeleteDatabase(databasePath);
        }
    }

    /// <summary>Adds the notes that need every run's figures: the import/parse ratio and the target.</summary>
    public void AddConclusions(double targetRowsPerSecond)
    {
        var parse = _parse.Seconds.Median;
        var import = _import.Seconds.Median;
        if (parse > 0)
            _report.Note($"import/parse time ratio: {import / parse:N1} (the import takes {import / parse:N1}× as long as parsing predictions.csv alone)");
        if (_importPredictions.RowsPerSecond is { } rate)
        {
            var perCpu = _importPredictions.RowsPerCpuSecond is { } cpu ? $"; {cpu.Median:N0} per CPU-second (the wall time also waits for the disk and for other processes)" : "";
            _report.Note($"peak working set of this process: {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):N0} MiB");
            _report.Note($"target {(rate.Median >= targetRowsPerSecond ? "met" : "missed")}: the import runs at {rate.Median:N0} prediction rows/s{perCpu} (target ≥ {targetRowsPerSecond:N0})");
        }
    }

    /// <summary>Reads every field of every row; returns the rows read. The checksum keeps the reads from being optimised away.</summary>
    internal static long Parse(string path)
    {
        using var reader = TabularReader.Open(path);
        long rows = 0, checksum = 0;
        while (reader.Read())
        {
            rows++;
            var fields = reader.FieldCount;
            for (var c = 0; c < fields; c++)
            {
                var field = reader.Get(c);
                checksum += field.Length + (field.IsEmpty ? 0 : field[0]);
            }
        }
        GC.KeepAlive(checksum);
        return rows;
    }

    /// <summary>
    /// The full analysis through the same service the web app uses (a fresh one each run, so nothing is cached), then a
    /// second analysis with another window size on the same database: what changing a choice costs without re-importing.
    /// </summary>
    private void MeasureAnalyses(DatasetStore store, string datasetId, CancellationToken ct)
    {
        var rows = _dataset.Summary.PredictionRows;
        _analyze ??= _report.Add(new Measurement(AnalyzeName, "DatasetAnalyzer: load the columns and run the whole diagnosis (weekly windows)", rows));
        _reanalyze ??= _report.Add(new Measurement(ReanalyzeName, "the same with monthly windows on the imported data", rows));
        var analyzer = new DatasetAnalyzer(store);
        Settle();
        _analyze.Add(Timing.Of(() => analyzer.AnalyzeAsync(datasetId, new DiagnosisOptions(), null, ct).GetAwaiter().GetResult()));
        Settle();
        _reanalyze.Add(Timing.Of(() => analyzer.AnalyzeAsync(datasetId, new DiagnosisOptions { Window = WindowSize.Month }, null, ct).GetAwaiter().GetResult()));

        // What a page waits for on the server once the analysis for its choice exists: the overview, heatmap, fixes and
        // monitors pages read the cached report; the drill-down and the threshold slider load their own small aggregates.
        var feature = store.Find(datasetId)!.Card.Features[0].Name;
        PageLoad("page data: overview/heatmap/fixes/monitors (cached report)",
            () => analyzer.AnalyzeAsync(datasetId, new DiagnosisOptions(), null, ct).GetAwaiter().GetResult());
        PageLoad($"page data: feature drill-down ({feature})",
            () => analyzer.FeatureDetailAsync(datasetId, feature, null, new DiagnosisOptions(), ct).GetAwaiter().GetResult());
        PageLoad("page data: threshold slider curve",
            () => analyzer.ThresholdCurveAsync(datasetId, new DiagnosisOptions(), ct).GetAwaiter().GetResult());
    }

    private void PageLoad(string name, Action load)
    {
        if (!_pages.TryGetValue(name, out var measurement))
            _pages[name] = measurement = _report.Add(new Measurement(name, $"median over {PageLoadRepeats} loads per run; p95 in the notes", 0));
        for (var i = 0; i < PageLoadRepeats; i++) measurement.Add(Timing.Of(load).Wall);
    }

    /// <summary>The 95th percentile of every page-data measurement, over all runs' loads.</summary>
    public void AddPageLoadPercentiles()
    {
        foreach (var (name, measurement) in _pages)
        {
            var sorted = measurement.Runs.Select(r => r.TotalMilliseconds).Order().ToArray();
            if (sorted.Length == 0) continue;
            var p95 = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.95 * sorted.Length) - 1)];
            _report.Note($"{name}: median {sorted[sorted.Length / 2]:N1} ms, p95 {p95:N1} ms over {sorted.Length} loads");
        }
    }

    private void MeasureLoads(DatasetStore store, string datasetId)
    {
        var info = store.Find(datasetId) ?? throw new InvalidOperationException($"dataset '{datasetId}' is not listed after its import");
        var (from, to) = MiddleMonth(info);
        var feature = info.Card.Features[0].Name;
        // Added after the import's stages so that the table reads in the order things happen.
        _loadOne ??= _report.Add(new Measurement(LoadOneName,
            $"DatasetStore.LoadProduction of one feature ({feature}) and the row columns for one calendar month", 0));
        _loadAll ??= _report.Add(new Measurement(LoadAllName, "DatasetStore.LoadProduction of every feature for the same month", 0));
        // Untimed first calls: the first load compiles the read path, which would otherwise be charged to whichever load runs first.
        store.LoadProduction(datasetId, [feature], from, to);
        store.LoadProduction(datasetId, null, from, to);
        Settle();
        DatasetFrame? one = null, all = null;
        _loadOne.Add(Timing.Of(() => one = store.LoadProduction(datasetId, [feature], from, to)));
        Settle();
        _loadAll.Add(Timing.Of(() => all = store.LoadProduction(datasetId, null, from, to)));
        _loadOne.SetRows(one!.Count);
        _loadAll.SetRows(all!.Count);
    }

    /// <summary>The calendar month (as UTC day numbers, end exclusive) holding the middle of the dataset's period.</summary>
    internal static (long From, long To) MiddleMonth(DatasetInfo info)
    {
        var first = info.FirstEvent ?? throw new InvalidOperationException("the dataset has no production rows");
        var last = info.LastEvent ?? first;
        var middle = DateOnly.FromDateTime(first.UtcDateTime + (last - first) / 2);
        var start = new DateOnly(middle.Year, middle.Month, 1);
        var epoch = new DateOnly(1970, 1, 1).DayNumber;
        return (start.DayNumber - epoch, start.AddMonths(1).DayNumber - epoch);
    }

    private Measurement Stage(string stage)
    {
        if (_stages.TryGetValue(stage, out var measurement)) return measurement;
        var rows = stage switch
        {
            "predictions" => _dataset.Summary.PredictionRows,
            "training" => _dataset.Summary.TrainingRows,
            _ => 0,
        };
        var description = stage switch
        {
            StageClock.SetupStage => "reading the card, opening the files and the database, until the importer's first progress report",
            "finishing" => "column list, categories, day statistics and the commit",
            _ => "",
        };
        measurement = _report.Add(new Measurement(StagePrefix + stage, description, rows));
        _stages.Add(stage, measurement);
        return measurement;
    }

    /// <summary>Collects garbage left by the previous measurement so that it is not charged to the next one.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static void DeleteDatabase(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(path + suffix);
    }

    /// <summary>
    /// Records when the importer reports each stage for the first time in a row (labels, predictions, labels again for
    /// unmatched ids, training, finishing), synchronously on the import thread, so stage durations add up to the import.
    /// </summary>
    private sealed class StageClock : IProgress<ImportProgress>
    {
        public const string SetupStage = "setup";
        private readonly List<(string Stage, TimeSpan Start)> _starts = [];

        public void Report(ImportProgress value)
        {
            if (_starts.Count == 0 || _starts[^1].Stage != value.Stage) _starts.Add((value.Stage, value.Elapsed));
        }

        /// <summary>
        /// Each stage's total time, after a "setup" stage (card, files, database, migrations) that runs until the first report.
        /// The reports' times count from when the importer started its clock, <paramref name="callTime"/> − <paramref name="reportedEnd"/>
        /// after the call began.
        /// </summary>
        public IEnumerable<(string Stage, TimeSpan Elapsed)> Durations(TimeSpan callTime, TimeSpan reportedEnd)
        {
            var totals = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
            var order = new List<string> { SetupStage };
            totals[SetupStage] = callTime - reportedEnd + (_starts.Count > 0 ? _starts[0].Start : reportedEnd);
            for (var i = 0; i < _starts.Count; i++)
            {
                var (stage, start) = _starts[i];
                var stop = i + 1 < _starts.Count ? _starts[i + 1].Start : reportedEnd;
                if (!totals.TryGetValue(stage, out var sum)) order.Add(stage);
                totals[stage] = sum + (stop - start);
            }
            return order.Select(stage => (stage, totals[stage]));
        }
    }
}
