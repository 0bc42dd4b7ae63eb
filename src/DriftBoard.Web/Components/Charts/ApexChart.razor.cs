using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace DriftBoard.Web.Components.Charts;

/// <summary>
/// One ApexCharts chart. Imports <c>wwwroot/js/apexchart.js</c> on first render and calls <c>render</c>; afterwards calls
/// <c>update</c> only when the serialised <see cref="Spec"/> changed, and <c>destroy</c> on disposal. A circuit that is
/// already gone (the tab closed) makes disposal a no-op instead of an error. Beside the chart, a button shows the same
/// numbers as a table: the chart's text alternative.
/// </summary>
public partial class ApexChart
{
    public const string ModulePath = "./js/apexchart.js";

    [Inject]
    public required IJSRuntime JS { get; init; }

    /// <summary>The chart's options; a new record with other values redraws the chart.</summary>
    [Parameter, EditorRequired]
    public required ChartSpec Spec { get; set; }

    /// <summary>The host element's <c>data-testid</c>; also the stem of the toggle's and download buttons' test ids and file names.</summary>
    [Parameter, EditorRequired]
    public required string TestId { get; set; }

    /// <summary>What the chart shows, for screen readers (<c>role="img"</c>) and the table's caption.</summary>
    [Parameter, EditorRequired]
    public required string AriaLabel { get; set; }

    /// <summary>A hand-made text alternative; by default a table of the series is generated from <see cref="Spec"/>.</summary>
    [Parameter]
    public RenderFragment? Table { get; set; }

    /// <summary>Header of the generated table's first column.</summary>
    [Parameter]
    public string XHeader { get; set; } = "Window";

    /// <summary>Download file name without extension; <see cref="TestId"/> when not set.</summary>
    [Parameter]
    public string? FileName { get; set; }

    private ElementReference _host;
    private IJSObjectReference? _module;
    private string? _specJson;
    private string? _drawnJson;
    private bool _showTable;
    private bool _disposed;

    private string TableId => $"{TestId}-table";

    protected override void OnParametersSet() => _specJson = ChartSpecJson.Serialize(Spec);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_disposed || _specJson is null)
        {
            return;
        }

        try
        {
            if (firstRender)
            {
                _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
                _drawnJson = _specJson;
                await _module.InvokeVoidAsync("render", _host, _specJson);
            }
            else if (_module is not null && !string.Equals(_specJson, _drawnJson, StringComparison.Ordinal))
            {
                _drawnJson = _specJson;
                await _module.InvokeVoidAsync("update", _host, _specJson);
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit went away while drawing: nothing is left to draw into.
        }
        catch (TaskCanceledException)
        {
        }
    }

    private void ToggleTable() => _showTable = !_showTable;

    private Task DownloadPngAsync() => DownloadAsync("downloadPng", ".png");

    private Task DownloadSvgAsync() => DownloadAsync("downloadSvg", ".svg");

    private async Task DownloadAsync(string function, string extension)
    {
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync(function, _host, (FileName ?? TestId) + extension);
        }
        catch (JSDisconnectedException)
        {
        }
        catch (TaskCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync("destroy", _host);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone (tab closed, reconnect failed): the browser already dropped the chart with the page.
        }
        catch (TaskCanceledException)
        {
        }

        GC.SuppressFinalize(this);
    }
}
