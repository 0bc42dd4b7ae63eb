using DriftBoard.Core.Postmortems;
using DriftBoard.Web.Postmortems.Collab;
using DriftBoard.Web.Security;
using Microsoft.AspNetCore.Components;

namespace DriftBoard.Web.Components.Pages.Postmortems;

/// <summary>
/// Comments on passages of a postmortem, for the editor page: start a thread on the editor's selection (read through
/// <see cref="GetSelection"/>, which the page implements with the editor's JS), reply, resolve. Every viewer's list updates
/// when anyone comments.
/// </summary>
public sealed partial class PostmortemComments : PostmortemPanel
{
    /// <summary>Longest comment or reply.</summary>
    public const int MaxBodyLength = 4000;

    /// <summary>Longest quote shown; the stored quote is the whole passage.</summary>
    public const int QuoteDisplayLength = 280;

    /// <summary>The editor's current selection and the version it is at; null when the editor is not ready.</summary>
    [Parameter, EditorRequired]
    public Func<Task<EditorSelection?>>? GetSelection { get; set; }

    /// <summary>Optional: shows [from, to) of the current version in the editor (the comment's passage after later edits).</summary>
    [Parameter]
    public Func<int, int, Task>? ShowPassage { get; set; }

    internal sealed record Thread(PostmortemComment Comment, IReadOnlyList<PostmortemComment> Replies);

    private sealed record Draft(EditorSelection Selection, string Quote);

    private IReadOnlyList<Thread>? _threads;
    private Draft? _draft;
    private string? _draftBody;
    private string? _hint;
    private bool _showResolved;
    private readonly Dictionary<long, string?> _replies = [];

    protected override void OnParametersSet()
    {
        if (FollowDocument()) Load();
    }

    protected override bool Follows(PostmortemChangeKind kind) => kind == PostmortemChangeKind.Comments;

    protected override Task OnDocumentChangedAsync(PostmortemChange change)
    {
        Load();
        StateHasChanged();
        return Task.CompletedTask;
    }

    private void Load() => _threads = Threads(Authority.Comments(PostmortemId));

    /// <summary>Top-level comments in the order written, each with its replies.</summary>
    internal static IReadOnlyList<Thread> Threads(IReadOnlyList<PostmortemComment> comments)
    {
        var replies = comments.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);
        return comments.Where(c => c.ParentId is null).Select(c => new Thread(c, replies[c.Id].ToList())).ToList();
    }

    private async Task StartAsync()
    {
        _hint = null;
        var selection = GetSelection is null ? null : await GetSelection();
        if (selection is null || selection.To <= selection.From)
        {
            _hint = "Select a passage in the editor first.";
            return;
        }
        try
        {
            var text = Authority.TextAt(PostmortemId, selection.Version);
            if (selection.From < 0 || selection.To > text.Length) throw new ArgumentOutOfRangeException(nameof(selection));
            _draft = new Draft(selection, text[selection.From..selection.To]);
            _draftBody = null;
        }
        catch (ArgumentOutOfRangeException)
        {
            _hint = "The editor is ahead of the server; try again in a moment.";
        }
    }

    private async Task AddAsync()
    {
        if (_draft is null || string.IsNullOrWhiteSpace(_draftBody) || !await MayEditAsync()) return;
        await Authority.AddCommentAsync(PostmortemId, _draft.Selection, AuthorName, _draftBody.Trim());
        Cancel();
        Load();
    }

    private void Cancel()
    {
        _draft = null;
        _draftBody = null;
    }

    private string? ReplyText(long commentId) => _replies.GetValueOrDefault(commentId);

    private async Task ReplyAsync(long commentId)
    {
        if (ReplyText(commentId) is not { } text || string.IsNullOrWhiteSpace(text) || !await MayEditAsync()) return;
        await Authority.ReplyAsync(commentId, AuthorName, text.Trim());
        _replies.Remove(commentId);
        Load();
    }

    private async Task ToggleResolvedAsync(PostmortemComment comment)
    {
        if (!await MayEditAsync()) return;
        await Authority.SetResolvedAsync(comment.Id, comment.IsResolved ? null : AuthorName);
        Load();
    }

    // Commenting, replying and resolving are edits: authors and admins.
    private async Task<bool> MayEditAsync()
    {
        if (await AllowsAsync(DriftBoardPolicies.CanEdit)) return true;
        _hint = "Commenting needs the author or admin role.";
        return false;
    }

    private async Task ShowAsync(PostmortemComment comment)
    {
        if (ShowPassage is null || comment.Anchor is null) return;
        if (await Authority.CurrentRangeAsync(PostmortemId, comment.Anchor) is { } range) await ShowPassage(range.From, range.To);
        else _hint = "That passage has since been deleted.";
    }

    internal static string Shorten(string quote) => quote.Length <= QuoteDisplayLength ? quote : quote[..QuoteDisplayLength] + "…";
}
