using DriftBoard.Core.Analysis.Report;

namespace DriftBoard.Web.Analysis;

/// <summary>Runs (or returns the cached) analysis of one dataset for one selection, reporting its stages.</summary>
public delegate Task<AnalysisReport> AnalyzeDataset(string datasetId, AnalysisSelection selection, IProgress<string>? progress, CancellationToken cancellationToken);

/// <summary>The cached report of a dataset for a selection, or null when that analysis has not run yet. Never starts one.</summary>
public delegate AnalysisReport? PeekReport(string datasetId, AnalysisSelection selection);

/// <summary>
/// The pages' one way to the shared analysis service (the same service that writes the JSON report), so a page shows
/// the report's numbers and never computes its own. A thin seam like <see cref="Datasets.DatasetCatalog"/>: the app
/// binds it to the storage's analyzer; tests can bind it to fixed reports.
/// </summary>
public sealed class DatasetReports(AnalyzeDataset analyze, PeekReport peek)
{
    public Task<AnalysisReport> AnalyzeAsync(string datasetId, AnalysisSelection selection, IProgress<string>? progress, CancellationToken cancellationToken) =>
        analyze(datasetId, selection, progress, cancellationToken);

    public AnalysisReport? Cached(string datasetId, AnalysisSelection selection) => peek(datasetId, selection);
}
