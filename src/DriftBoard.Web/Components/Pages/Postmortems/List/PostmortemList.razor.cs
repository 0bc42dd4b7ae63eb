using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Web.Postmortems;
using Microsoft.AspNetCore.Components;

namespace DriftBoard.Web.Components.Pages.Postmortems.List;

/// <summary>
/// Every postmortem (most recently updated first) with its status, dataset, links to the editor, the summary and the
/// exports, and the open action items across all of them, soonest due first.
/// </summary>
public sealed partial class PostmortemList
{
    [Inject]
    public required PostmortemStore Store { get; init; }

    internal sealed record Row(PostmortemInfo Info, int OpenActions);

    private IReadOnlyList<Row> _postmortems = [];
    private IReadOnlyList<(PostmortemInfo Postmortem, ActionItem Item)> _openActions = [];

    protected override void OnInitialized()
    {
        var rows = new List<Row>();
        var open = new List<(PostmortemInfo, ActionItem)>();
        foreach (var postmortem in Store.List())
        {
            var items = PostmortemSections.Parse(postmortem.Markdown).ActionItemRows();
            var openCount = 0;
            foreach (var item in items)
            {
                if (!item.IsOpen) continue;
                open.Add((postmortem, item));
                openCount++;
            }
            rows.Add(new Row(postmortem, openCount));
        }
        _postmortems = rows;
        _openActions = OrderByDue(open);
    }

    /// <summary>By due text (ISO dates sort as text), items without a due date last; ties keep the postmortems' order.</summary>
    internal static IReadOnlyList<(PostmortemInfo Postmortem, ActionItem Item)> OrderByDue(IEnumerable<(PostmortemInfo Postmortem, ActionItem Item)> items) =>
        items.OrderBy(i => i.Item.Due.Length == 0).ThenBy(i => i.Item.Due, StringComparer.Ordinal).ToList();

    internal static string Updated(PostmortemInfo postmortem) => PostmortemFormat.Time(postmortem.UpdatedAt);
}
