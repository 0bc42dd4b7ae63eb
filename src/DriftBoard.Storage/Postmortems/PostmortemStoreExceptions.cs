namespace DriftBoard.Storage.Postmortems;

/// <summary>
/// An append was based on a version that is no longer the document's: another writer (another process on the same file)
/// got there first. The caller reloads the document and rebases.
/// </summary>
public sealed class PostmortemVersionConflictException(long postmortemId, int expectedVersion, int actualVersion)
    : Exception($"postmortem {postmortemId} is at version {actualVersion}, not {expectedVersion}")
{
    public long PostmortemId { get; } = postmortemId;
    public int ExpectedVersion { get; } = expectedVersion;
    public int ActualVersion { get; } = actualVersion;
}

/// <summary>The postmortem is final: its text cannot change until someone reopens it.</summary>
public sealed class PostmortemLockedException(long postmortemId)
    : Exception($"postmortem {postmortemId} is final; reopen it to edit")
{
    public long PostmortemId { get; } = postmortemId;
}
