using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Aggregates;
using DriftBoard.Core.Analysis.Drift;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Domain;
using DriftBoard.Storage.Aggregates;
using DriftBoard.Storage.Store;

namespace DriftBoard.Storage.Analysis;

/// <summary>
/// The one analysis service the CLI and every page use: loads a dataset's columns from the store, runs the
/// <see cref="DiagnosisEngine"/> and keeps the report per (dataset, import, window, reference), so a page never
/// recomputes a statistic and a second page for the same choice costs nothing. Production counts and the row sample come
/// from <paramref name="logStore"/> (e.g. <see cref="Postgres.LogStore.Open"/>), by default the SQLite chunks.
/// </summary>
public sealed partial class DatasetAnalyzer(DatasetStore store, RowSampling? sampling = null, IWindowAggregateSource? logStore = null)
{
    private readonly IWindowAggregateSource _source = logStore ?? new ChunkAggregateSource(store.Database);
    private readonly ConcurrentDictionary<string, Lazy<Task<AnalysisReport>>> _reports = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ImportedRows>> _rows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<FeatureAggregates>> _aggregates = new(StringComparer.Ordinal);
    private readonly RowSampling _sampling = sampling ?? new RowSampling();

    /// <summary>
    /// What every analysis of one import reads, kept across window sizes and references: the whole log's outcome counts per
    /// day, a bounded row sample of production for the row-level steps, and the training data.
    /// </summary>
    private sealed record ImportedRows(IReadOnlyList<DayCounts<OutcomeCounts>> Outcomes, DatasetFrame Sample, DatasetFrame Training);

    /// <summary>Analyses the dataset; throws <see cref="KeyNotFoundException"/> when there is no such dataset.</summary>
    public Task<AnalysisReport> AnalyzeAsync(string datasetId, DiagnosisOptions? options = null, IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new DiagnosisOptions();
        var info = store.Find(datasetId) ?? throw new KeyNotFoundException($"no dataset '{datasetId}' in the database");
        var key = Key(info, options);
        var lazy = _reports.GetOrAdd(key, _ => new Lazy<Task<AnalysisReport>>(() => Task.Run(() =>
        {
            progress?.Report("loading columns");
            var importKey = ImportKey(info);
            var rows = Cached(_rows, importKey, () => LoadRows(info));
            var input = new DiagnosisInput(info.Id, info.Card, info.AsOf, rows.Sample, rows.Training) { Outcomes = rows.Outcomes };
            progress?.Report("counting features");
            // Counts against the reference are the same for every window size: computed once per import and reference.
            var aggregates = Cached(_aggregates, $"{importKey}|{options.Reference}", () =>
                FeatureAggregates.Load(_source, info.Id,
                    DriftTable.Profiles(DiagnosisEngine.ReferenceFrame(input, options.Reference.AsWindow()), info.Card.Features)));
            return DiagnosisEngine.Analyze(input with { Aggregates = aggregates }, options, progress, CancellationToken.None);
        }, CancellationToken.None)));
        var task = lazy.Value;
        // A failed analysis is not cached: the next call tries again.
        _ = task.ContinueWith(_ => _reports.TryRemove(new KeyValuePair<string, Lazy<Task<AnalysisReport>>>(key, lazy)),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The finished report for these options without starting an analysis: false when the dataset is unknown, was never
    /// analysed with these options, or its analysis is still running or failed. Lets a list show verdicts it already has.
    /// </summary>
    public bool TryGetCached(string datasetId, DiagnosisOptions? options, [NotNullWhen(true)] out AnalysisReport? report)
    {
        report = null;
        var info = store.Find(datasetId);
        if (info is null
            || !_reports.TryGetValue(Key(info, options ?? new DiagnosisOptions()), out var lazy)
            || !lazy.IsValueCreated
            || !lazy.Value.IsCompletedSuccessfully)
            return false;
        report = lazy.Value.Result;
        return true;
    }

    private static string Key(DatasetInfo info, DiagnosisOptions options) =>
        $"{ImportKey(info)}|{options.Window}|{options.Reference}";

    private static string ImportKey(DatasetInfo info) => $"{info.Id}|{info.ImportedAt.ToUnixTimeMilliseconds()}";

    /// <summary>One computation per key however many analyses ask at once; a failure is not kept, so the next call tries again.</summary>
    private static T Cached<T>(ConcurrentDictionary<string, Lazy<T>> cache, string key, Func<T> compute)
    {
        var lazy = cache.GetOrAdd(key, _ => new Lazy<T>(compute));
        try
        {
            return lazy.Value;
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<string, Lazy<T>>(key, lazy));
            throw;
        }
    }

    private ImportedRows LoadRows(DatasetInfo info)
    {
        var source = _source;
        // Two score buckets (scored, then unscored): the analysis reads only each day's totals.
        var outcomes = source.OutcomeCounts(info.Id, []);
        var sample = source.Sample(info.Id, _sampling);
        return new ImportedRows(outcomes, sample, store.LoadTraining(info.Id));
    }

    /// <summary>Forgets cached reports of a dataset (after a re-import or a delete).</summary>
    public void Invalidate(string datasetId)
    {
        foreach (var key in _reports.Keys)
            if (key.StartsWith(datasetId + "|", StringComparison.Ordinal)) _reports.TryRemove(key, out _);
        foreach (var key in _rows.Keys)
            if (key.StartsWith(datasetId + "|", StringComparison.Ordinal)) _rows.TryRemove(key, out _);
        foreach (var key in _aggregates.Keys)
            if (key.StartsWith(datasetId + "|", StringComparison.Ordinal)) _aggregates.TryRemove(key, out _);
        foreach (var key in _referenceColumns.Keys)
            if (key.StartsWith(datasetId + "|", StringComparison.Ordinal)) _referenceColumns.TryRemove(key, out _);
    }
}
