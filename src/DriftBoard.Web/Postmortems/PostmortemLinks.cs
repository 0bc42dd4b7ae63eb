namespace DriftBoard.Web.Postmortems;

/// <summary>The addresses of a postmortem's pages, exports and figures.</summary>
public static class PostmortemLinks
{
    public const string List = "/postmortems";

    public static string Edit(long id) => $"/postmortems/{id}";

    public static string Summary(long id) => $"/postmortems/{id}/summary";

    public static string ExportMarkdown(long id) => $"/postmortems/{id}/export.md";

    public static string ExportHtml(long id) => $"/postmortems/{id}/export.html";

    public static string ExportPdf(long id) => $"/postmortems/{id}/export.pdf";

    /// <summary>Where a stored figure is served, and how the Markdown refers to it.</summary>
    public static string Figure(long id, string name) => $"/postmortems/{id}/figures/{Uri.EscapeDataString(name)}";

    /// <summary>The three exports as (label, address, test id), for the pages that offer them.</summary>
    public static IReadOnlyList<(string Label, string Href, string TestId)> Exports(long id) =>
    [
        ("Markdown", ExportMarkdown(id), "export-markdown"),
        ("HTML", ExportHtml(id), "export-html"),
        ("PDF", ExportPdf(id), "export-pdf"),
    ];
}
