using DriftBoard.Web.Components.Charts;
using DriftBoard.Web.Theming;
using Microsoft.AspNetCore.Components;

namespace DriftBoard.Web.Components.Pages.Monitors;

/// <summary>The report's monitor replay: when each candidate would have fired against the day the drop became visible.</summary>
public partial class MonitorsPage
{
    [Inject]
    public required DriftBoardTheme Theme { get; init; }

    [Inject]
    public required ThemeState ThemeState { get; init; }

    private ChartSpec? _chart;

    protected override void OnReportChanged() =>
        _chart = Report is { } report ? MonitorChart.Build(report, ChartPalette.From(Theme.Theme, ThemeState.IsDarkMode)) : null;
}
