using DriftBoard.Web.Analysis;

namespace DriftBoard.Web.Downloads;

/// <summary>The addresses of a dataset's downloads (<see cref="DownloadEndpoints"/>), with the page's analysis choice.</summary>
public static class DownloadLinks
{
    public static IReadOnlyList<(string Label, string Href, string TestId)> For(string datasetId, AnalysisSelection selection)
    {
        var stem = $"/datasets/{Uri.EscapeDataString(datasetId)}";
        var query = "?" + selection.ToQueryString();
        return
        [
            ("JSON", $"{stem}/report.json{query}", "download-json"),
            ("Markdown", $"{stem}/report.md{query}", "download-markdown"),
            ("HTML", $"{stem}/report.html{query}", "download-html"),
            ("Notebook", $"{stem}/notebook.ipynb{query}", "download-notebook"),
        ];
    }
}
