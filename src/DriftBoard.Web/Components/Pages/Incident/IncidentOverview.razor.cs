using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Components.Analysis;
using DriftBoard.Web.Components.Charts;
using DriftBoard.Web.Theming;
using Microsoft.AspNetCore.Components;

namespace DriftBoard.Web.Components.Pages.Incident;

/// <summary>
/// The incident at a glance: recall before and after, the drop's start, the verdict and its confidence; the performance
/// timeline; the drift heatmap; the root cause. Everything shown is read from the dataset's analysis report.
/// </summary>
public partial class IncidentOverview
{
    [Inject]
    public required DriftBoardTheme Theme { get; init; }

    [Inject]
    public required ThemeState ThemeState { get; init; }

    private ChartSpec? _performanceChart;
    private HeatmapLayout? _heatmap;

    private DateOnly? FirstDay => Dataset?.FirstEvent is { } first ? DateOnly.FromDateTime(first.UtcDateTime) : null;

    private DateOnly? LastDay => Dataset?.LastEvent is { } last ? DateOnly.FromDateTime(last.UtcDateTime) : null;

    /// <summary>The report's own window size (it may differ from the selection while a new analysis loads).</summary>
    private WindowSize ReportWindow => Report is { } r ? AnalysisSelection.ParseWindow(r.Dataset.Window) ?? Selection.Window : Selection.Window;

    private string WindowNoun => AnalysisChoicePicker.WindowText(ReportWindow).ToLowerInvariant();

    protected override void OnInitialized() => ThemeState.Changed += OnThemeChanged;

    protected override void OnReportChanged() => BuildViews();

    private void BuildViews()
    {
        if (Report is not { } report)
        {
            _performanceChart = null;
            _heatmap = null;
            return;
        }

        _performanceChart = PerformanceTimeline.Build(report, ChartPalette.From(Theme.Theme, ThemeState.IsDarkMode));
        _heatmap = HeatmapLayout.From(report, ReportWindow, Id, AnalysisQuery);
    }

    /// <summary>The query of the analysis the report is for, so drill-down links open the same analysis.</summary>
    private string AnalysisQuery =>
        (Selection with { Window = ReportWindow }).ToQueryString();

    private string FeatureHref(string feature) =>
        $"/datasets/{Uri.EscapeDataString(Id)}/features/{Uri.EscapeDataString(feature)}?{SelectionQuery}";

    private static string PerformanceChartLabel(AnalysisReport report) =>
        $"Recall and precision per window from {ReportText.Date(report.Performance.Count > 0 ? report.Performance[0].Start : null)}"
        + (report.RecallDrop.Detected
            ? $"; recall fell from {ReportText.Percent(report.RecallDrop.Baseline)} to {ReportText.Percent(report.RecallDrop.Current)} starting {ReportText.Date(report.RecallDrop.StartDate)}"
            : "; no recall drop detected");

    private void OnThemeChanged()
    {
        BuildViews();
        _ = InvokeAsync(StateHasChanged);
    }

    public override void Dispose()
    {
        ThemeState.Changed -= OnThemeChanged;
        base.Dispose();
    }
}
