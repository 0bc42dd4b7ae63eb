using System.Globalization;
using DriftBoard.Core.Postmortems;
using DriftBoard.Web.Postmortems.Collab;
using DriftBoard.Web.Security;
using Microsoft.AspNetCore.Components;

namespace DriftBoard.Web.Components.Pages.Postmortems;

/// <summary>
/// A postmortem's history panel for the editor page: who changed it when (grouped by the store's history
/// rules), the line diff of any two versions, and restoring one (an ordinary update, so every open editor receives it).
/// Refreshes itself while people edit.
/// </summary>
public sealed partial class PostmortemHistory : PostmortemPanel
{
    /// <summary>How long edits are gathered before the history is read again (it is a query over the whole log).</summary>
    public static readonly TimeSpan RefreshDelay = TimeSpan.FromSeconds(1);

    private IReadOnlyList<PostmortemHistoryEntry>? _entries;
    private readonly List<int> _picked = [];
    private DiffView? _diff;
    private int _currentVersion;
    private PostmortemStatus _status;
    private string? _error;
    private bool _restoring;
    private bool _refreshScheduled;

    internal sealed record DiffView(int From, int To, IReadOnlyList<DiffHunk> Hunks, int Added, int Removed);

    protected override async Task OnParametersSetAsync()
    {
        if (FollowDocument())
        {
            _picked.Clear();
            _diff = null;
        }
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (await Authority.GetAsync(PostmortemId) is not { } snapshot)
        {
            _error = "This postmortem does not exist.";
            _entries = [];
            return;
        }
        _currentVersion = snapshot.Version;
        _status = snapshot.Status;
        _entries = Authority.History(PostmortemId);
    }

    protected override bool Follows(PostmortemChangeKind kind) => kind is PostmortemChangeKind.Text or PostmortemChangeKind.Status;

    protected override async Task OnDocumentChangedAsync(PostmortemChange change)
    {
        _status = change.Status;
        if (_refreshScheduled) return;
        _refreshScheduled = true;
        StateHasChanged();
        await Task.Delay(RefreshDelay);
        _refreshScheduled = false;
        await LoadAsync();
        StateHasChanged();
    }

    private void Pick(int version, bool on)
    {
        _picked.Remove(version);
        if (on)
        {
            // A third tick replaces the oldest pick.
            if (_picked.Count == 2) _picked.RemoveAt(0);
            _picked.Add(version);
        }
        _diff = _picked.Count == 2 ? Compare(_picked.Min(), _picked.Max()) : null;
    }

    private void ShowChanges(PostmortemHistoryEntry entry)
    {
        _picked.Clear();
        _picked.AddRange([entry.FromVersion, entry.ToVersion]);
        _diff = Compare(entry.FromVersion, entry.ToVersion);
    }

    private DiffView Compare(int from, int to)
    {
        var lines = TextDiff.Lines(Authority.TextAt(PostmortemId, from), Authority.TextAt(PostmortemId, to));
        var added = 0;
        var removed = 0;
        foreach (var line in lines)
        {
            if (line.Kind == DiffLineKind.Added) added++;
            else if (line.Kind == DiffLineKind.Removed) removed++;
        }
        return new DiffView(from, to, TextDiff.Hunks(lines), added, removed);
    }

    private async Task RestoreAsync(int version)
    {
        _restoring = true;
        try
        {
            var reply = await AllowsAsync(DriftBoardPolicies.CanEdit)
                ? await Authority.RestoreAsync(PostmortemId, version, AuthorName)
                : PushReply.Rejected(-1, PostmortemAuthority.EditNeedsAuthor);
            _error = reply.Accepted ? null : $"Version {version} could not be restored: {reply.Error}";
            await LoadAsync();
        }
        finally { _restoring = false; }
    }

    internal static string VersionText(PostmortemHistoryEntry entry) => entry switch
    {
        { IsCreation: true } => "0 (created)",
        { RestoredVersion: { } restored } => $"{entry.ToVersion} (restored {restored})",
        _ when entry.ToVersion - entry.FromVersion == 1 => entry.ToVersion.ToString(CultureInfo.InvariantCulture),
        _ => $"{entry.FromVersion + 1}–{entry.ToVersion}",
    };

    internal static string TimeText(PostmortemHistoryEntry entry)
    {
        var start = entry.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return entry.End - entry.Start < TimeSpan.FromMinutes(1) ? start : $"{start}–{entry.End.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    }

    internal static string LineClass(DiffLineKind kind) => "driftboard-diff-line driftboard-diff-" + KindName(kind);

    internal static string KindName(DiffLineKind kind) => kind switch
    {
        DiffLineKind.Added => "added",
        DiffLineKind.Removed => "removed",
        _ => "kept",
    };

    private static string Sign(DiffLineKind kind) => kind switch
    {
        DiffLineKind.Added => "+",
        DiffLineKind.Removed => "−",
        _ => " ",
    };
}
