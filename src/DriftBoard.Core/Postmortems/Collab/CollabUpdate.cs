namespace DriftBoard.Core.Postmortems.Collab;

/// <summary>One change set a client made, tagged with that client's id (the unit collab pushes, accepts and broadcasts).</summary>
public sealed record CollabUpdate(string ClientId, ChangeSet Changes);
