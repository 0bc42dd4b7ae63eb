using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Datasets;
using DriftBoard.Web.Postmortems.Figures;

namespace DriftBoard.Web.Postmortems;

/// <summary>What to draft: the dataset and the analysis the user is looking at, the template and title, who asks.</summary>
public sealed record PostmortemDraftRequest(string DatasetId, AnalysisSelection Selection, string Template, string Title, string CreatedBy);

/// <summary>A postmortem just created, and the template's placeholders the draft could not fill (left visible in the text).</summary>
public sealed record DraftedPostmortem(long Id, IReadOnlyList<string> Unfilled);

/// <summary>
/// Writes a postmortem from an analysis: takes the report from the shared analysis service (the pages' cache, never a new
/// computation of its own), fills the chosen template with <see cref="PostmortemDraft"/>, draws the figures and stores it
/// all in one transaction, the Markdown linking the figures under the new postmortem's id.
/// </summary>
public sealed class PostmortemDrafting(DatasetReports reports, DatasetCatalog datasets, PostmortemStore store, PostmortemTemplateCatalog templates)
{
    /// <summary>Where a stored figure is served.</summary>
    public static string FigurePath(long postmortemId, string name) => $"/postmortems/{postmortemId}/figures/{Uri.EscapeDataString(name)}";

    /// <summary>The templates to choose from, by name (a team template hides a built-in one of the same name).</summary>
    public IReadOnlyList<TemplateEntry> Templates() => templates.List().Where(t => !t.Overridden).ToList();

    /// <summary>
    /// Throws <see cref="KeyNotFoundException"/> for an unknown dataset or template; the analysis' own exceptions pass through.
    /// </summary>
    public async Task<DraftedPostmortem> DraftAsync(PostmortemDraftRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Title);
        var template = templates.Find(request.Template) ?? throw new KeyNotFoundException($"no postmortem template '{request.Template}'");
        var dataset = (await datasets.ListAsync()).FirstOrDefault(d => d.Id == request.DatasetId)
            ?? throw new KeyNotFoundException($"no dataset '{request.DatasetId}'");
        var report = reports.Cached(dataset.Id, request.Selection)
            ?? await reports.AnalyzeAsync(dataset.Id, request.Selection, progress: null, cancellationToken);
        var figures = SvgFigures.All(report);
        IReadOnlyList<string> unfilled = [];
        var id = store.Create(dataset.Id, request.Title.Trim(), template.Name, postmortemId =>
        {
            var fill = PostmortemDraft.Write(template, report,
                new PostmortemDraftOptions(request.Title.Trim(), dataset, name => FigurePath(postmortemId, name)));
            unfilled = fill.Unfilled;
            return fill.Markdown;
        }, request.CreatedBy, figures);
        return new DraftedPostmortem(id, unfilled);
    }
}
