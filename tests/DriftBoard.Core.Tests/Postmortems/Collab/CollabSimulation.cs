using DriftBoard.Core.Postmortems.Collab;

namespace DriftBoard.Core.Tests.Postmortems.Collab;

/// <summary>
/// The central authority of the collab protocol, in memory: an ordered log of accepted updates and the document.
/// Pushes at any base version are rebased with <see cref="CollabRebase.RebaseUpdates"/> over what was accepted since.
/// </summary>
internal sealed class CollabAuthority(string doc)
{
    private readonly List<CollabUpdate> _log = [];

    public string Doc { get; private set; } = doc;

    public int Version => _log.Count;

    /// <summary>Updates dropped from pushes because they had been accepted already (resends).</summary>
    public int Deduplicated { get; private set; }

    /// <summary>Accepts a push; returns the updates appended (possibly none: a duplicate resend).</summary>
    public IReadOnlyList<CollabUpdate> Push(int baseVersion, IReadOnlyList<CollabUpdate> updates)
    {
        if (baseVersion > Version)
            throw new InvalidOperationException($"push at version {baseVersion} is ahead of the authority ({Version})");
        var accepted = CollabRebase.RebaseUpdatesStepwise(updates, _log.GetRange(baseVersion, Version - baseVersion));
        // Rebasing never drops a foreign-free update, so any shortfall is a deduplicated resend.
        Deduplicated += updates.Count - accepted.Count;
        foreach (var update in accepted)
        {
            Doc = update.Changes.Apply(Doc);
            _log.Add(update);
        }
        return accepted;
    }

    public IReadOnlyList<CollabUpdate> Pull(int version) => _log.GetRange(version, Version - version);
}

/// <summary>
/// One browser: a port of @codemirror/collab's client state (confirmed version plus unconfirmed local updates) and of
/// its <c>receiveUpdates</c>, which confirms our own updates and rebases the unconfirmed ones over foreign ones.
/// </summary>
internal sealed class CollabClient(string clientId, string doc, int version)
{
    private List<ChangeSet> _unconfirmed = [];

    public string ClientId { get; } = clientId;
    public string Doc { get; private set; } = doc;
    public int Version { get; private set; } = version;
    public IReadOnlyList<ChangeSet> Unconfirmed => _unconfirmed;

    public void Edit(ChangeSet changes)
    {
        Doc = changes.Apply(Doc);
        if (!changes.IsEmpty)
            _unconfirmed.Add(changes);
    }

    /// <summary>What sendableUpdates returns, tagged for a push at <see cref="Version"/>.</summary>
    public IReadOnlyList<CollabUpdate> Sendable() => _unconfirmed.Select(c => new CollabUpdate(ClientId, c)).ToArray();

    /// <summary>Receives <paramref name="updates"/> (starting at <see cref="Version"/>) one receiveUpdates call each.</summary>
    public void Receive(IReadOnlyList<CollabUpdate> updates)
    {
        foreach (var update in updates)
            ReceiveBatch([update]);
    }

    /// <summary>Port of receiveUpdates; <paramref name="updates"/> must start at <see cref="Version"/>.</summary>
    public void ReceiveBatch(IReadOnlyList<CollabUpdate> updates)
    {
        Version += updates.Count;
        ChangeSet? changes = null;
        int own = 0;
        foreach (var update in updates)
        {
            var ours = own < _unconfirmed.Count ? _unconfirmed[own] : null;
            if (ours is not null && update.ClientId == ClientId)
            {
                changes = changes?.Map(ours.Desc, before: true);
                own++;
            }
            else
            {
                changes = changes is null ? update.Changes : changes.Compose(update.Changes);
            }
        }
        if (own > 0)
            _unconfirmed = _unconfirmed.GetRange(own, _unconfirmed.Count - own);
        if (changes is null)
            return;
        for (int i = 0; i < _unconfirmed.Count; i++)
        {
            var local = _unconfirmed[i];
            _unconfirmed[i] = local.Map(changes.Desc);
            changes = changes.Map(local.Desc, before: true);
        }
        Doc = changes.Apply(Doc);
    }
}
