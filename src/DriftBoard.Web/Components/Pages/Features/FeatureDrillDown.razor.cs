using System.Globalization;
using DriftBoard.Core.Analysis.Detail;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Storage.Analysis;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Components.Analysis;
using DriftBoard.Web.Components.Charts;
using DriftBoard.Web.Theming;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DriftBoard.Web.Components.Pages.Features;

/// <summary>
/// One feature against the reference in a chosen window (<c>?at=yyyy-MM-dd</c>, the start of one of the analysis' windows;
/// by default the window with the largest PSI): distributions, the positives, recall by segment, statistics over time.
/// The <see cref="FeatureDetail"/> comes from the shared analyzer; the page only lays it out.
/// </summary>
public partial class FeatureDrillDown
{
    public const string AtQueryName = "at";

    [Inject]
    public required DatasetAnalyzer Analyzer { get; init; }

    [Inject]
    public required DriftBoardTheme Theme { get; init; }

    [Inject]
    public required ThemeState ThemeState { get; init; }

    [Parameter]
    public string Feature { get; set; } = "";

    [SupplyParameterFromQuery(Name = AtQueryName)]
    public string? At { get; set; }

    private sealed record Charts(ChartSpec Distribution, ChartSpec Positives, ChartSpec Recall, ChartSpec? Statistics, ChartSpec? Rates);

    private IReadOnlyList<TimeWindow> _windows = [];
    private WindowSize _windowSize = WindowSize.Week;
    private FeatureDetail? _detail;
    private Charts? _charts;
    private string? _detailError;
    private (string Id, string Feature, DateOnly? At, object Report)? _loaded;
    private CancellationTokenSource? _detailLoad;

    private string SegmentHeader => _detail?.Type == DriftSeriesType.Numeric ? "Bin" : "Category";

    protected override async Task OnParametersSetAsync()
    {
        await base.OnParametersSetAsync();
        LoadDetailIfNeeded();
    }

    protected override void OnReportChanged()
    {
        var report = Report!;
        _windowSize = AnalysisSelection.ParseWindow(report.Dataset.Window) ?? Selection.Window;
        _windows = [.. report.Performance.Select(w => new TimeWindow(w.Start, w.End))];
        LoadDetailIfNeeded();
    }

    /// <summary>The <c>?at=</c> day, or null when absent or not a date (then the default window opens).</summary>
    internal static DateOnly? ParseAt(string? at) =>
        DateOnly.TryParseExact(at, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private void LoadDetailIfNeeded()
    {
        // Prerendering shows the cached report; the interactive render that follows loads the detail (once).
        if (Report is not { } report || !RendererInfo.IsInteractive) return;
        var at = ParseAt(At);
        var key = (Id, Feature, at, (object)report);
        if (_loaded == key) return;
        _loaded = key;
        _detailLoad?.Cancel();
        _detailLoad?.Dispose();
        _detailLoad = new CancellationTokenSource();
        _detailError = null;
        _ = LoadDetailAsync(Id, Feature, at, Selection, _detailLoad.Token);
    }

    private async Task LoadDetailAsync(string id, string feature, DateOnly? at, AnalysisSelection selection, CancellationToken cancellationToken)
    {
        try
        {
            var detail = await Task.Run(() => Analyzer.FeatureDetailAsync(id, feature, at, selection.ToOptions(), cancellationToken), cancellationToken);
            await InvokeAsync(() =>
            {
                if (cancellationToken.IsCancellationRequested) return;
                _detail = detail;
                var palette = ChartPalette.From(Theme.Theme, ThemeState.IsDarkMode);
                var windowName = WindowName(detail.Window.Start);
                _charts = new Charts(
                    FeatureCharts.Distribution(detail, windowName, palette, positivesOnly: false),
                    FeatureCharts.Distribution(detail, windowName, palette, positivesOnly: true),
                    FeatureCharts.Recall(detail, windowName, palette),
                    detail.Series is { } series ? FeatureCharts.Statistics(series, palette) : null,
                    detail.Series is { } s ? FeatureCharts.Rates(s, palette) : null);
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
                _detail = null;
                _detailError = ex is KeyNotFoundException ? $"Nothing to show: {ex.Message}." : $"The feature could not be loaded: {ex.Message}";
                StateHasChanged();
            });
        }
    }

    private void OnWindowChosen(DateOnly start) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(AtQueryName, start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    private string WindowName(DateOnly start) =>
        start == default ? "" : $"the {AnalysisChoicePicker.WindowText(_windowSize).ToLowerInvariant()} {new TimeWindow(start, start.AddDays(1)).Label(_windowSize)}";

    private string WindowOption(TimeWindow window)
    {
        var psi = _detail?.Series?.Windows.FirstOrDefault(w => w.Start == window.Start)?.Psi;
        return $"{window.Label(_windowSize)} ({ReportText.Date(window.Start)}){(psi is { } p ? $" · PSI {ReportText.Statistic(p)}" : "")}";
    }

    private static Color SeverityColor(string severity) => severity switch
    {
        "major" => Color.Error,
        "moderate" => Color.Warning,
        _ => Color.Default,
    };

    public override void Dispose()
    {
        _detailLoad?.Cancel();
        _detailLoad?.Dispose();
        base.Dispose();
    }
}
