using System.Collections.Immutable;
using System.Threading.Channels;
using DriftBoard.Core.Postmortems;

namespace DriftBoard.Web.Postmortems.Collab;

/// <summary>Blazor components' subscriptions, and the comments (which change nothing in the text but are news to every viewer).</summary>
public sealed partial class PostmortemAuthority
{
    /// <summary>
    /// Calls <paramref name="onChange"/> after each accepted change, presence, status or comment change of the document, in order,
    /// on a loop of its own: a slow or throwing subscriber delays or breaks nobody else. Dispose to stop.
    /// </summary>
    public IDisposable Subscribe(long postmortemId, Func<PostmortemChange, Task> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        var subscription = new Subscription(this, postmortemId, onChange);
        _subscriptions.AddOrUpdate(postmortemId, static (_, s) => [s], static (_, list, s) => list.Add(s), subscription);
        return subscription;
    }

    private void Unsubscribe(Subscription subscription)
    {
        while (_subscriptions.TryGetValue(subscription.PostmortemId, out var list))
        {
            var remaining = list.Remove(subscription);
            if (remaining.IsEmpty
                ? _subscriptions.TryRemove(new KeyValuePair<long, ImmutableArray<Subscription>>(subscription.PostmortemId, list))
                : _subscriptions.TryUpdate(subscription.PostmortemId, remaining, list))
                return;
        }
    }

    private sealed class Subscription : IDisposable
    {
        private readonly PostmortemAuthority _authority;
        private readonly Func<PostmortemChange, Task> _onChange;
        private readonly Channel<PostmortemChange> _changes =
            Channel.CreateUnbounded<PostmortemChange>(new UnboundedChannelOptions { SingleReader = true });

        public Subscription(PostmortemAuthority authority, long postmortemId, Func<PostmortemChange, Task> onChange)
        {
            _authority = authority;
            _onChange = onChange;
            PostmortemId = postmortemId;
            _ = Task.Run(DeliverAsync);
        }

        public long PostmortemId { get; }

        public void Post(PostmortemChange change) => _changes.Writer.TryWrite(change);

        private async Task DeliverAsync()
        {
            await foreach (var change in _changes.Reader.ReadAllAsync())
            {
                try { await _onChange(change); }
                catch (Exception e) { _authority.LogSubscriberFailed(e, PostmortemId); }
            }
        }

        public void Dispose()
        {
            if (_changes.Writer.TryComplete()) _authority.Unsubscribe(this);
        }
    }

    /// <summary>All comments of the document, in the order written.</summary>
    public IReadOnlyList<PostmortemComment> Comments(long postmortemId) => _store.Comments(postmortemId);

    /// <summary>
    /// Starts a thread on the editor's selection, quoting the passage from the text at the selection's version. Throws
    /// <see cref="ArgumentOutOfRangeException"/> when the selection is outside that version's text.
    /// </summary>
    public async Task<long> AddCommentAsync(long postmortemId, EditorSelection selection, string author, string body,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var text = TextAt(postmortemId, selection.Version);
        if (selection.From < 0 || selection.To < selection.From || selection.To > text.Length)
            throw new ArgumentOutOfRangeException(nameof(selection), selection, $"outside the {text.Length} characters of version {selection.Version}");
        var quote = text[selection.From..selection.To];
        var id = _store.AddComment(postmortemId, new CommentAnchor(selection.From, selection.To, selection.Version, quote), author, body);
        await PublishCommentsAsync(postmortemId, cancellationToken);
        return id;
    }

    public async Task<long> ReplyAsync(long commentId, string author, string body, CancellationToken cancellationToken = default)
    {
        var postmortemId = _store.CommentPostmortem(commentId) ?? throw new KeyNotFoundException($"no comment {commentId}");
        var id = _store.Reply(commentId, author, body);
        await PublishCommentsAsync(postmortemId, cancellationToken);
        return id;
    }

    /// <summary>Resolves a thread, or opens it again when <paramref name="resolvedBy"/> is null.</summary>
    public async Task SetResolvedAsync(long commentId, string? resolvedBy, CancellationToken cancellationToken = default)
    {
        var postmortemId = _store.CommentPostmortem(commentId) ?? throw new KeyNotFoundException($"no comment {commentId}");
        _store.SetResolved(commentId, resolvedBy);
        await PublishCommentsAsync(postmortemId, cancellationToken);
    }

    /// <summary>
    /// A comment's anchor [From, To) moved to the current version through the updates since it was written; null when the
    /// passage was deleted (the range collapsed) or the anchor is unknown.
    /// </summary>
    public async Task<(int From, int To)?> CurrentRangeAsync(long postmortemId, CommentAnchor anchor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        var document = await EnterAsync(postmortemId, cancellationToken);
        if (document is null || anchor.Version > document.Version)
        {
            document?.Gate.Release();
            return null;
        }
        try
        {
            int from = anchor.From, to = anchor.To;
            foreach (var update in UpdatesAfter(document, anchor.Version))
            {
                // The range keeps text typed at its edges outside it.
                from = MapOrUnknown(update.Update.Changes, from, 1);
                to = MapOrUnknown(update.Update.Changes, to, -1);
                if (from < 0 || to < 0) return null;
            }
            return to > from || anchor.From == anchor.To ? (from, Math.Max(from, to)) : null;
        }
        finally { document.Gate.Release(); }
    }

    private async Task PublishCommentsAsync(long postmortemId, CancellationToken cancellationToken)
    {
        var document = await EnterAsync(postmortemId, cancellationToken);
        if (document is null) return;
        try { _ = Publish(document, PostmortemChangeKind.Comments, send: null); }
        finally { document.Gate.Release(); }
    }
}
