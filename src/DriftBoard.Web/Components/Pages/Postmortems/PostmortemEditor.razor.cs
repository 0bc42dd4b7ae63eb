using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Web.Postmortems.Collab;
using DriftBoard.Web.Postmortems.Rendering;
using DriftBoard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace DriftBoard.Web.Components.Pages.Postmortems;

/// <summary>
/// Co-editing one postmortem. The text itself lives in the browser (<c>wwwroot-assets/src/postmortem-editor.js</c>: CodeMirror
/// with the collab extension, talking to <see cref="PostmortemHub"/> on its own connection, so edits keep flowing while this
/// circuit reconnects); this component mounts it on first render and destroys it on disposal. Everything around the text
/// (presence, status, preview, page estimate) follows <see cref="PostmortemAuthority"/>'s accepted changes.
/// </summary>
public sealed partial class PostmortemEditor : IAsyncDisposable
{
    public const string ModulePath = "./lib/postmortem-editor/postmortem-editor.js";

    /// <summary>The preview re-renders at most this often while people type.</summary>
    public static readonly TimeSpan PreviewDebounce = TimeSpan.FromMilliseconds(200);

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required PostmortemAuthority Authority { get; init; }

    [Inject]
    public required PostmortemStore Store { get; init; }

    [Inject]
    public required ILogger<PostmortemEditor> Logger { get; init; }

    [Inject]
    public required SessionAuthorization Permissions { get; init; }

    [Parameter]
    public long Id { get; set; }

    /// <summary>An anonymous editor's name (<c>?name=</c>); a signed-in user is always named by their account.</summary>
    [SupplyParameterFromQuery(Name = "name")]
    public string? GuestName { get; set; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    private readonly CancellationTokenSource _disposing = new();
    private ElementReference _host;
    private IJSObjectReference? _module;
    private IJSObjectReference? _editor;
    private IDisposable? _subscription;
    private bool _disposed;
    private int _previewScheduled;

    private PostmortemInfo? _info;
    private bool _notFound;
    private string _displayName = "Guest";
    // A viewer's editor follows the text read-only; the hub refuses a viewer's pushes whatever the browser sends.
    private bool _readOnly = true;
    private IReadOnlyList<PresenceDto> _presence = [];
    private volatile string _markdown = "";
    private MarkupString _previewHtml;
    private PageEstimate _estimate = PageEstimate.Of("");

    protected override async Task OnInitializedAsync()
    {
        _info = Store.Get(Id);
        var snapshot = _info is null ? null : await Authority.GetAsync(Id, _disposing.Token);
        if (_info is null || snapshot is null)
        {
            _notFound = true;
            return;
        }

        _displayName = await DisplayNameAsync();
        _readOnly = !await Permissions.AllowsAsync(AuthenticationState, DriftBoardPolicies.CanEdit);
        _markdown = snapshot.Markdown;
        _presence = snapshot.Presence;
        RenderPreview(snapshot.Markdown);
        _subscription = Authority.Subscribe(Id, OnChangeAsync);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || _notFound || _disposed || !RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", _disposing.Token, ModulePath);
            // No .NET callback: the module shows its own sync state, which must keep working while this circuit is down.
            _editor = await _module.InvokeAsync<IJSObjectReference>("mount", _disposing.Token, _host, EditorOptions());
        }
        catch (JSDisconnectedException)
        {
            // The circuit went away before the editor started: there is no page left to edit in.
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>What the module's <c>mount</c> receives.</summary>
    internal EditorMountOptions EditorOptions() =>
        new(Id, PostmortemHub.Path, _displayName, $"Postmortem {_info?.Title} (Markdown)", _readOnly);

    /// <summary>The editor's selection in the server's numbering, for anchoring a comment; null before the editor joined.</summary>
    public async Task<EditorSelection?> GetSelectionAsync()
    {
        if (_editor is null) return null;
        try
        {
            return await _editor.InvokeAsync<EditorSelection?>("selection", _disposing.Token);
        }
        catch (JSDisconnectedException)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Selects [from, to) of the server's current text in the editor and scrolls to it (a comment's passage).</summary>
    public async Task ShowPassageAsync(int from, int to)
    {
        if (_editor is null) return;
        try
        {
            await _editor.InvokeVoidAsync("showPassage", _disposing.Token, from, to);
        }
        catch (JSDisconnectedException)
        {
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Runs on the authority's delivery loop for this subscription, one change at a time.
    private Task OnChangeAsync(PostmortemChange change)
    {
        if (_disposed) return Task.CompletedTask;
        _markdown = change.Markdown;
        if (change.Kind == PostmortemChangeKind.Text && Interlocked.Exchange(ref _previewScheduled, 1) == 0)
        {
            _ = RenderPreviewSoonAsync();
        }

        return InvokeAsync(() =>
        {
            _presence = change.Presence;
            StateHasChanged();
        });
    }

    // Trailing debounce: the first change of a burst starts the wait, the render takes the newest text.
    private async Task RenderPreviewSoonAsync()
    {
        try
        {
            await Task.Delay(PreviewDebounce, _disposing.Token);
            Volatile.Write(ref _previewScheduled, 0);
            RenderPreview(_markdown);
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "Rendering the preview of postmortem {Id} failed", Id);
        }
    }

    private void RenderPreview(string markdown)
    {
        // PostmortemRenderer sanitizes (raw HTML off, then HtmlSanitizer): the only HTML this page renders as markup.
        _previewHtml = new MarkupString(PostmortemRenderer.ToHtml(markdown));
        _estimate = PageEstimate.Of(markdown);
    }

    private async Task<string> DisplayNameAsync()
    {
        if (AuthenticationState is not null)
        {
            var user = (await AuthenticationState).User;
            if (user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }) return name;
        }

        var guest = GuestName?.Trim();
        return string.IsNullOrEmpty(guest) ? "Guest" : guest[..Math.Min(guest.Length, PostmortemHub.MaxNameLength)];
    }

    /// <summary>Presence colours come from the server's palette; anything but #rgb/#rrggbb falls back before reaching a style attribute.</summary>
    internal static string SafeColor(string? color) =>
        color is { Length: 4 or 7 } && color[0] == '#' && !color.AsSpan(1).ContainsAnyExcept("0123456789abcdefABCDEF")
            ? color
            : "#7e57c2";

    internal string ExportHref(string suffix) => $"/postmortems/{Id}/{suffix}";

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _subscription?.Dispose();
        await _disposing.CancelAsync();

        try
        {
            if (_editor is not null)
            {
                await _editor.InvokeVoidAsync("destroy");
                await _editor.DisposeAsync();
            }

            if (_module is not null) await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone (tab closed, server restarted): the browser dropped the editor with the page.
        }
        catch (OperationCanceledException)
        {
        }

        _disposing.Dispose();
    }
}

/// <summary>The options of the editor module's <c>mount</c> (camelCase on the JS side).</summary>
public sealed record EditorMountOptions(long PostmortemId, string HubUrl, string DisplayName, string AriaLabel, bool ReadOnly);
