using DriftBoard.Web.Postmortems.Collab;
using DriftBoard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace DriftBoard.Web.Components.Pages.Postmortems;

/// <summary>
/// A panel of the postmortem editor page: the document it shows, who acts in it, and a subscription to the document's changes
/// that follows <see cref="PostmortemId"/> and delivers the changes on this circuit's renderer.
/// </summary>
public abstract class PostmortemPanel : ComponentBase, IDisposable
{
    [Inject]
    public required PostmortemAuthority Authority { get; init; }

    /// <summary>Each action re-checks its policy here (the buttons are only hidden by <c>AuthorizeView</c>).</summary>
    [Inject]
    public required SessionAuthorization Permissions { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

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

    /// <summary>True when the circuit's user, as the users table has it now, satisfies <paramref name="policy"/>.</summary>
    protected Task<bool> AllowsAsync(string policy) => Permissions.AllowsAsync(AuthenticationState, policy);

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
