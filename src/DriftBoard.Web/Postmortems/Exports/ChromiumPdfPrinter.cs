using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace DriftBoard.Web.Postmortems.Exports;

/// <summary>The <c>DriftBoard</c> configuration section's settings for the PDF export.</summary>
public sealed class PdfExportOptions
{
    public const string ChromiumPathSetting = "DriftBoard:ChromiumPath";

    /// <summary>Headless Chromium's executable (<c>DriftBoard:ChromiumPath</c>).</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>How long one print may take before Chromium is killed (<c>DriftBoard:PdfTimeoutSeconds</c>).</summary>
    public int PdfTimeoutSeconds { get; set; } = 60;
}

/// <summary>Chromium is not installed where the configuration says.</summary>
public sealed class ChromiumMissingException(string path)
    : Exception($"PDF export needs headless Chromium, and '{path}' does not exist: install Chromium or set {PdfExportOptions.ChromiumPathSetting}.");

/// <summary>
/// Prints standalone HTML to PDF with headless Chromium: the HTML goes to a fresh temporary folder (with Chromium's profile,
/// so concurrent prints do not share one), Chromium prints it there, and the folder is deleted whatever happens. One print
/// at a time: each Chromium is a few hundred megabytes and the machine is small. A print that outlives the timeout is
/// killed with its child processes.
/// </summary>
public sealed class ChromiumPdfPrinter(IOptions<PdfExportOptions> options, ILogger<ChromiumPdfPrinter> logger)
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public string ChromiumPath => options.Value.ChromiumPath;

    public bool IsAvailable => File.Exists(ChromiumPath);

    /// <exception cref="ChromiumMissingException">Chromium is not at <see cref="PdfExportOptions.ChromiumPath"/>.</exception>
    /// <exception cref="TimeoutException">Chromium took longer than <see cref="PdfExportOptions.PdfTimeoutSeconds"/>.</exception>
    /// <exception cref="InvalidOperationException">Chromium failed or wrote no PDF; the message carries its exit code and error output.</exception>
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!IsAvailable) throw new ChromiumMissingException(ChromiumPath);
        await _oneAtATime.WaitAsync(cancellationToken);
        var folder = Directory.CreateTempSubdirectory("driftboard-pdf-");
        try
        {
            var input = Path.Combine(folder.FullName, "postmortem.html");
            var output = Path.Combine(folder.FullName, "postmortem.pdf");
            await File.WriteAllTextAsync(input, html, cancellationToken);
            var (exitCode, errors) = await RunAsync(input, output, Path.Combine(folder.FullName, "profile"), cancellationToken);
            if (!File.Exists(output) || new FileInfo(output).Length == 0)
                throw new InvalidOperationException($"Chromium exited with {exitCode} and wrote no PDF: {Tail(errors)}");
            return await File.ReadAllBytesAsync(output, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Could not delete the PDF export's temporary folder {Folder}", folder.FullName);
            }
        }
    }

    private async Task<(int ExitCode, string Errors)> RunAsync(string input, string output, string profile, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ChromiumPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run", "--disable-extensions",
                     "--disable-background-networking", "--disable-dev-shm-usage", $"--user-data-dir={profile}",
                     $"--print-to-pdf={output}", new Uri(input).AbsoluteUri,
                 })
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {ChromiumPath}");
        // Both streams are drained so a chatty Chromium never blocks on a full pipe.
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.PdfTimeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"Chromium did not print the PDF within {options.Value.PdfTimeoutSeconds} s");
        }
        await stdout;
        return (process.ExitCode, await stderr);
    }

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : text[^2000..].Trim();
}
