using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Domain;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Datasets;
using Microsoft.AspNetCore.Components;

namespace DriftBoard.Web.Components.Analysis;

/// <summary>
/// Base of the pages under <c>/datasets/{id}</c>: resolves the dataset, applies the query's analysis choice and loads the
/// report from <see cref="DatasetReports"/> in the background, streaming the analysis' stage text to the page. The page
/// stays interactive meanwhile and keeps showing the previous report until the new one arrives; a new choice cancels
/// the analysis in flight.
/// </summary>
public abstract class DatasetPage : ComponentBase, IDisposable
{
    [Inject]
    public required DatasetCatalog Catalog { get; init; }

    [Inject]
    public required DatasetReports Reports { get; init; }

    [Inject]
    public required AnalysisChoice Choice { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Parameter]
    public string Id { get; set; } = "";

    [SupplyParameterFromQuery(Name = AnalysisSelection.WindowQueryName)]
    public string? WindowQuery { get; set; }

    [SupplyParameterFromQuery(Name = AnalysisSelection.ReferenceQueryName)]
    public string? ReferenceQuery { get; set; }

    /// <summary>The dataset; null while resolving and when <see cref="NotFound"/>.</summary>
    protected DatasetInfo? Dataset { get; private set; }

    /// <summary>No dataset has this id.</summary>
    protected bool NotFound { get; private set; }

    /// <summary>The selection the page shows (or is loading).</summary>
    protected AnalysisSelection Selection { get; private set; } = AnalysisSelection.Default;

    /// <summary>The report for <see cref="Selection"/>, or the previous one while the new one loads.</summary>
    protected AnalysisReport? Report { get; private set; }

    /// <summary>An analysis is running.</summary>
    protected bool Loading { get; private set; }

    /// <summary>The running analysis' latest stage text.</summary>
    protected string? Stage { get; private set; }

    /// <summary>Why the last analysis failed, if it did.</summary>
    protected string? Error { get; private set; }

    private CancellationTokenSource? _load;
    private (string Id, AnalysisSelection Selection)? _requested;

    protected override async Task OnParametersSetAsync()
    {
        Selection = Choice.ApplyQuery(WindowQuery, ReferenceQuery);
        if (Dataset?.Id != Id)
        {
            Dataset = (await Catalog.ListAsync()).FirstOrDefault(d => string.Equals(d.Id, Id, StringComparison.Ordinal));
            NotFound = Dataset is null;
            Report = null;
            _requested = null;
        }

        if (NotFound || _requested == (Id, Selection))
        {
            return;
        }

        _requested = (Id, Selection);
        StartLoad(Id, Selection);

        if (RendererInfo.IsInteractive && (WindowQuery is null || ReferenceQuery is null))
        {
            // Opened without the choice in the address (a card, the menu): write it there, so a reload or a copied link keeps it.
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(Selection.ToQueryParameters()), replace: true);
        }
    }

    /// <summary>Called when a new report is shown, so the page can rebuild what it derives from it (chart specs).</summary>
    protected virtual void OnReportChanged()
    {
    }

    /// <summary>The query string of the current selection, for links to other dataset pages.</summary>
    protected string SelectionQuery => Selection.ToQueryString();

    private void StartLoad(string id, AnalysisSelection selection)
    {
        _load?.Cancel();
        _load?.Dispose();
        _load = null;
        Error = null;

        if (Reports.Cached(id, selection) is { } cached)
        {
            Loading = false;
            Stage = null;
            SetReport(cached);
            return;
        }

        Loading = true;
        Stage = "Starting the analysis";
        if (!RendererInfo.IsInteractive)
        {
            // Prerendering: the interactive render that follows starts the analysis (once) and can stream its progress.
            _requested = null;
            return;
        }

        var load = new CancellationTokenSource();
        _load = load;
        _ = LoadAsync(id, selection, load.Token);
    }

    private async Task LoadAsync(string id, AnalysisSelection selection, CancellationToken cancellationToken)
    {
        // Progress<T> posts its callbacks, so one may arrive after the report: on the renderer, and only while this load runs.
        var progress = new Progress<string>(stage => _ = InvokeAsync(() =>
        {
            if (Loading && !cancellationToken.IsCancellationRequested)
            {
                Stage = stage;
                StateHasChanged();
            }
        }));

        try
        {
            // Off the circuit's thread: the analysis is CPU-bound and the page must stay responsive.
            var report = await Task.Run(() => Reports.AnalyzeAsync(id, selection, progress, cancellationToken), cancellationToken);
            await InvokeAsync(() =>
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                Loading = false;
                Stage = null;
                SetReport(report);
                StateHasChanged();
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer choice or leaving the page replaced this analysis.
        }
        catch (Exception ex)
        {
            await InvokeAsync(() =>
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                Loading = false;
                Stage = null;
                Error = ex.Message;
                StateHasChanged();
            });
        }
    }

    private void SetReport(AnalysisReport report)
    {
        Report = report;
        OnReportChanged();
    }

    public virtual void Dispose()
    {
        _load?.Cancel();
        _load?.Dispose();
        _load = null;
        GC.SuppressFinalize(this);
    }
}
