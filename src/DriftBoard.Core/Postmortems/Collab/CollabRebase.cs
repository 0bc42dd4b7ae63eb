namespace DriftBoard.Core.Postmortems.Collab;

/// <summary>The authority's side of @codemirror/collab.</summary>
public static class CollabRebase
{
    /// <summary>
    /// Port of @codemirror/collab's <c>rebaseUpdates</c>: <paramref name="updates"/> were pushed by one client at a base
    /// version, <paramref name="over"/> are the updates accepted since that version, in order. Leading updates of the
    /// push that <paramref name="over"/> already holds (same client id, in order: a resend after a lost reply) are
    /// dropped; the rest are mapped over the other clients' updates so they apply to the current document.
    /// Foreign updates are treated as coming first at a shared position, as the browsers' receiveUpdates does.
    /// </summary>
    /// <exception cref="ArgumentException">When the updates do not start in the document <paramref name="over"/> starts in.</exception>
    public static IReadOnlyList<CollabUpdate> RebaseUpdates(IReadOnlyList<CollabUpdate> updates, IReadOnlyList<CollabUpdate> over)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(over);
        if (over.Count == 0 || updates.Count == 0)
            return updates;
        ChangeDesc? changes = null;
        int skip = 0;
        foreach (var update in over)
        {
            var other = skip < updates.Count ? updates[skip] : null;
            if (other is not null && other.ClientId == update.ClientId)
            {
                // Already accepted: the remaining foreign changes move past it.
                changes = changes?.Map(other.Changes.Desc, before: true);
                skip++;
            }
            else
            {
                changes = changes is null ? update.Changes.Desc : changes.Compose(update.Changes.Desc);
            }
        }
        if (changes is null)
            return skip == 0 ? updates : updates.Skip(skip).ToArray();
        var rebased = new CollabUpdate[updates.Count - skip];
        for (int i = skip; i < updates.Count; i++)
        {
            var update = updates[i];
            rebased[i - skip] = update with { Changes = update.Changes.Map(changes) };
            changes = changes.Map(update.Changes.Desc, before: true);
        }
        return rebased;
    }
}
