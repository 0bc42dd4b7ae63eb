using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Domain;
using DriftBoard.Storage.Store;

namespace DriftBoard.Storage.Analysis;

/// <summary>
/// The one analysis service the CLI and every page use: loads a dataset's columns from the store, runs the
/// <see cref="DiagnosisEngine"/> and keeps the report per (dataset, import, window, reference), so a page never
/// recomputes a statistic and a second page for the same choice costs nothing.
/// </summary>
public sealed partial class DatasetAnalyzer(DatasetStore store)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<AnalysisReport>>> _reports = new(StringComparer.Ordinal);

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
            var production = store.LoadProduction(info.Id);
            var training = store.LoadTraining(info.Id);
            return DiagnosisEngine.Analyze(new DiagnosisInput(info.Id, info.Card, info.AsOf, production, training), options, progress,
                CancellationToken.None);
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
        $"{info.Id}|{info.ImportedAt.ToUnixTimeMilliseconds()}|{options.Window}|{options.Reference}";

    /// <summary>Forgets cached reports of a dataset (after a re-import or a delete).</summary>
    public void Invalidate(string datasetId)
    {
        foreach (var key in _reports.Keys)
            if (key.StartsWith(datasetId + "|", StringComparison.Ordinal)) _reports.TryRemove(key, out _);
        foreach (var key in _referenceColumns.Keys)
            if (key.StartsWith(datasetId + "|", StringComparison.Ordinal)) _referenceColumns.TryRemove(key, out _);
    }
}
