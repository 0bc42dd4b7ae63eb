using System.Diagnostics;
using System.Globalization;
using DriftBoard.Storage;
using DriftBoard.Web.Import;
using DriftBoard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace DriftBoard.Web.Components.Pages.Import;

/// <summary>
/// Upload a dataset (a zip, or the folder's files) and import it in the background, showing the stage, rows and rows/s;
/// on success the new dataset opens. Every failure is shown as it is: the contract error names file, line and key.
/// </summary>
public sealed partial class ImportPage : IDisposable
{
    /// <summary>Most files one upload may hold (a dataset folder has a handful).</summary>
    public const int MaxFiles = 50;

    [Inject]
    public required UploadedDatasetImporter Importer { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required SessionAuthorization Permissions { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private readonly CancellationTokenSource _cancellation = new();
    private readonly Stopwatch _sinceRender = Stopwatch.StartNew();
    private string? _name;
    private bool _replace;
    private bool _running;
    private UploadProgress? _progress;
    private string? _errorTitle;
    private string? _error;

    private async Task OnFilesChosen(InputFileChangeEventArgs e)
    {
        if (_running) return;
        _running = true;
        _error = null;
        _progress = new UploadProgress("uploading", "", 0, 0, 0, 0);
        try
        {
            // The page's [Authorize] keeps viewers from rendering it; this also holds when a role changed while the page was open.
            if (!await Permissions.AllowsAsync(AuthenticationState, DriftBoardPolicies.CanEdit)) throw new UploadRejectedException("Importing needs the author or admin role.");
            if (e.FileCount > MaxFiles) throw new UploadRejectedException($"Choose at most {MaxFiles} files.");
            var files = e.GetMultipleFiles(MaxFiles)
                .Select(f => new UploadedFile(f.Name, f.Size, (max, ct) => f.OpenReadStream(max, ct)))
                .ToList();
            var options = new ImportOptions(string.IsNullOrWhiteSpace(_name) ? null : _name.Trim(), _replace);
            var result = await Importer.ImportAsync(files, options, new Progress<UploadProgress>(OnProgress), _cancellation.Token);
            Navigation.NavigateTo($"/datasets/{Uri.EscapeDataString(result.DatasetId)}");
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // The page is gone; the importer rolled back and the upload folder is deleted.
        }
        catch (Exception ex) when (Describe(ex) is { } described)
        {
            (_errorTitle, _error) = described;
            _progress = null;
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>The title and message shown for a failure the user can act on; null lets anything else surface as a bug.</summary>
    internal static (string Title, string Message)? Describe(Exception ex) => ex switch
    {
        UploadRejectedException => ("Upload refused.", ex.Message),
        DatasetContractException => ("The dataset breaks its contract:", ex.Message),
        DatasetExistsException exists => ("Already imported:",
            $"a dataset with the id '{exists.DatasetId}' exists. Switch on \"Replace\" to replace it, or give the upload another name."),
        IOException => ("Upload failed:", ex.Message),
        InvalidDataException => ("The zip cannot be read:", ex.Message),
        _ => null,
    };

    private void OnProgress(UploadProgress progress)
    {
        _progress = progress;
        // Uploads report every buffer: repaint at most ten times a second. Reports may come from the thread pool.
        if (_sinceRender.ElapsedMilliseconds < 100) return;
        _sinceRender.Restart();
        _ = InvokeAsync(StateHasChanged);
    }

    private static string StageTitle(string stage) => stage switch
    {
        "uploading" => "Uploading",
        "extracting" => "Extracting",
        "labels" => "Reading labels",
        "predictions" => "Reading predictions",
        "training" => "Reading training data",
        "finishing" => "Finishing",
        _ => stage,
    };

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string SafeBytes(long bytes) => SafeZip.Bytes(bytes);

    public void Dispose()
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
    }
}
