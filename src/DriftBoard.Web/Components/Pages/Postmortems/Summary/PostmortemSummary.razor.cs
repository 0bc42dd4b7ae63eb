using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Web.Postmortems;
using Microsoft.AspNetCore.Components;

namespace DriftBoard.Web.Components.Pages.Postmortems.Summary;

/// <summary>
/// The managers' one-page, read-only view of a postmortem: the incident in three sentences, impact, root cause, which
/// monitors would have caught it and how many days earlier, and the action items. Author Markdown is rendered only through
/// <see cref="Web.Postmortems.Rendering.PostmortemRenderer"/>; extracted text is plain and encoded by Razor. Missing
/// sections are named on the page. An unknown id is a 404.
/// </summary>
public sealed partial class PostmortemSummary
{
    [Parameter]
    public long Id { get; set; }

    [Inject]
    public required PostmortemStore Store { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private PostmortemInfo? _postmortem;
    private PostmortemSections? _sections;
    private string _incident = "";
    private IReadOnlyList<EarlierDetection> _earlier = [];
    private IReadOnlyList<ActionItem> _actions = [];

    protected override void OnParametersSet()
    {
        _postmortem = Store.Get(Id);
        if (_postmortem is null)
        {
            _sections = null;
            Navigation.NotFound();
            return;
        }
        _sections = PostmortemSections.Parse(_postmortem.Markdown);
        _incident = _sections.FirstSentences(3);
        _earlier = _sections.EarlierDetections();
        _actions = _sections.ActionItemRows();
    }

    internal static string Facts(PostmortemInfo postmortem)
    {
        var updated = PostmortemFormat.Time(postmortem.UpdatedAt);
        var dataset = postmortem.DatasetId is { } id ? $"dataset {id} · " : "";
        return $"{dataset}version {postmortem.Version} · updated {updated}";
    }

    internal static string OpenCount(IReadOnlyList<ActionItem> items) =>
        items.Count == 0 ? "" : $"{items.Count(i => i.IsOpen)} open of {items.Count}";
}
