using System.Net;
using System.Text;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Storage.Analysis;
using DriftBoard.Storage.Store;
using DriftBoard.Web.Analysis;
using Markdig;

namespace DriftBoard.Web.Downloads;

/// <summary>
/// The report as files, from the same shared analysis the pages show: <c>report.json</c> (the JSON contract),
/// <c>report.md</c>, <c>report.html</c> (the Markdown rendered into a standalone page, raw HTML disabled) and
/// <c>notebook.ipynb</c> (Python that recomputes the numbers from the dataset's files). <c>?window=</c> and
/// <c>?reference=</c> take the pages' query values; an invalid value is a 400, an unknown dataset a 404.
/// </summary>
public static class DownloadEndpoints
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().DisableHtml().Build();

    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/datasets/{id}");
        group.MapGet("/report.json", (string id, string? window, string? reference, DatasetAnalyzer analyzer, CancellationToken ct) =>
            WithReport(id, window, reference, analyzer, ct, report =>
                Results.File(Encoding.UTF8.GetBytes(ReportJson.Serialize(report)), "application/json; charset=utf-8", $"{id}-report.json")));
        group.MapGet("/report.md", (string id, string? window, string? reference, DatasetAnalyzer analyzer, CancellationToken ct) =>
            WithReport(id, window, reference, analyzer, ct, report =>
                Results.File(Encoding.UTF8.GetBytes(ReportMarkdown.Render(report)), "text/markdown; charset=utf-8", $"{id}-report.md")));
        group.MapGet("/report.html", (string id, string? window, string? reference, DatasetAnalyzer analyzer, CancellationToken ct) =>
            WithReport(id, window, reference, analyzer, ct, report =>
                Results.Content(Html(report), "text/html; charset=utf-8")));
        group.MapGet("/notebook.ipynb", (string id, string? window, DatasetStore store) =>
        {
            if (Parse(window, null) is not { } selection) return InvalidChoice();
            return store.Find(id) is { } dataset
                ? Results.File(Encoding.UTF8.GetBytes(NotebookBuilder.Build(dataset, selection.Window)), "application/x-ipynb+json", $"{id}.ipynb")
                : NoDataset(id);
        });
        return app;
    }

    /// <summary>The Markdown report as a standalone HTML page (no script, styles inline so it reads offline).</summary>
    public static string Html(AnalysisReport report)
    {
        var body = Markdown.ToHtml(ReportMarkdown.Render(report), Pipeline);
        var title = WebUtility.HtmlEncode($"{report.Dataset.Model} {report.Dataset.Version}: diagnosis");
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}}</title>
            <style>
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1f2328; }
            table { border-collapse: collapse; margin: 1rem 0; font-variant-numeric: tabular-nums; }
            th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; }
            th { background: #f6f8fa; }
            code { background: #f6f8fa; padding: 0 0.25rem; border-radius: 4px; }
            @media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } th, code { background: #161b22; } th, td { border-color: #30363d; } }
            </style>
            </head>
            <body>
            {{body}}
            </body>
            </html>
            """;
    }

    private static async Task<IResult> WithReport(string id, string? window, string? reference, DatasetAnalyzer analyzer, CancellationToken ct,
        Func<AnalysisReport, IResult> result)
    {
        if (Parse(window, reference) is not { } selection) return InvalidChoice();
        try
        {
            return result(await analyzer.AnalyzeAsync(id, selection.ToOptions(), null, ct));
        }
        catch (KeyNotFoundException)
        {
            return NoDataset(id);
        }
        catch (ArgumentException ex)
        {
            // The dataset cannot be analysed with this choice (no training rows, an empty reference period).
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }

    /// <summary>The query's choice; absent values take the defaults, invalid ones give null.</summary>
    private static AnalysisSelection? Parse(string? window, string? reference)
    {
        WindowSize? size = string.IsNullOrEmpty(window) ? AnalysisSelection.Default.Window : AnalysisSelection.ParseWindow(window);
        var choice = string.IsNullOrEmpty(reference) ? AnalysisSelection.Default.Reference : AnalysisSelection.ParseReference(reference);
        return size is { } s && choice is not null ? new AnalysisSelection(s, choice) : null;
    }

    private static IResult InvalidChoice() =>
        Results.Problem("window must be day, week or month; reference must be 'training' or FROM..TO (yyyy-MM-dd)", statusCode: StatusCodes.Status400BadRequest);

    private static IResult NoDataset(string id) => Results.Problem($"no dataset '{id}'", statusCode: StatusCodes.Status404NotFound);
}
