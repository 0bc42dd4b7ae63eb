using DriftBoard.Web.Postmortems.Collab;
using Microsoft.AspNetCore.Components;

namespace DriftBoard.Web.Components.Pages.Postmortems;

/// <summary>
/// A panel of the postmortem editor page: the document it shows, who acts in it, and a subscription to the document's changes
/// that follows <see cref="PostmortemId"/> and delivers the changes on this circuit's renderer.
/// </summary>
public abstract class PostmortemPanel : ComponentBase, IDisposable
{
    [Inject]
    public required PostmortemAuthority Authority { get; init; }

    [Parameter, EditorRequired]
    public long PostmortemId { get; set; }

    /// <summary>Who acts: the page's signed-in user or the editor's display name.</summary>
    [Parameter, EditorRequired]
    public string AuthorName { get; set; } = "";

    private IDisposable? _subscription;
    private long _subscribedId = -1;

    /// <summary>Subscribes to the document when it is a new one; true then, so the panel loads it.</summary>
    protected bool FollowDocument()
    {
        if (_subscribedId == PostmortemId) return false;
        _subscription?.Dispose();
        _subscription = Authority.Subscribe(PostmortemId, change =>
            Follows(change.Kind) ? InvokeAsync(() => OnDocumentChangedAsync(change)) : Task.CompletedTask);
        _subscribedId = PostmortemId;
        return true;
    }

    /// <summary>The kinds of change this panel reacts to.</summary>
    protected abstract bool Follows(PostmortemChangeKind kind);

    /// <summary>Runs on the renderer for each followed change; re-render when done.</summary>
    protected abstract Task OnDocumentChangedAsync(PostmortemChange change);

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
