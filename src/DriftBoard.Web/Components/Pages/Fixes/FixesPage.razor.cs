using DriftBoard.Core.Analysis.Detail;
using DriftBoard.Storage.Analysis;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Components.Charts;
using DriftBoard.Web.Theming;
using Microsoft.AspNetCore.Components;

namespace DriftBoard.Web.Components.Pages.Fixes;

/// <summary>
/// The fixes of the report as cards, and a threshold slider over the <see cref="ThresholdCurve"/> of the matured windows
/// of the affected period: the curve is counted once by the shared analyzer, so the slider only looks points up.
/// </summary>
public partial class FixesPage
{
    [Inject]
    public required DatasetAnalyzer Analyzer { get; init; }

    [Inject]
    public required DriftBoardTheme Theme { get; init; }

    [Inject]
    public required ThemeState ThemeState { get; init; }

    private ThresholdCurve? _curve;
    private ChartSpec? _curveChart;
    private string? _curveError;
    private CancellationTokenSource? _curveLoad;

    protected override void OnReportChanged()
    {
        // Prerendering shows the cached report; the interactive render that follows counts the curve (once).
        if (!RendererInfo.IsInteractive) return;
        _curveLoad?.Cancel();
        _curveLoad?.Dispose();
        _curveLoad = new CancellationTokenSource();
        _curve = null;
        _curveChart = null;
        _curveError = null;
        _ = LoadCurveAsync(Id, Selection, _curveLoad.Token);
    }

    private async Task LoadCurveAsync(string id, AnalysisSelection selection, CancellationToken cancellationToken)
    {
        try
        {
            var curve = await Task.Run(() => Analyzer.ThresholdCurveAsync(id, selection.ToOptions(), cancellationToken), cancellationToken);
            await InvokeAsync(() =>
            {
                if (cancellationToken.IsCancellationRequested) return;
                _curve = curve;
                _curveChart = ThresholdChart.Build(curve, ChartPalette.From(Theme.Theme, ThemeState.IsDarkMode));
                StateHasChanged();
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            await InvokeAsync(() =>
            {
                if (cancellationToken.IsCancellationRequested) return;
                _curveError = ex.Message;
                StateHasChanged();
            });
        }
    }

    public override void Dispose()
    {
        _curveLoad?.Cancel();
        _curveLoad?.Dispose();
        base.Dispose();
    }
}
