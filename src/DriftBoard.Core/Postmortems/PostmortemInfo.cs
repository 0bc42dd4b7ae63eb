namespace DriftBoard.Core.Postmortems;

/// <summary>
/// A postmortem as stored: its current Markdown at <see cref="Version"/> (the number of accepted change sets since creation).
/// <see cref="DatasetId"/> is null when the dataset it was drafted from has been deleted; the postmortem outlives it.
/// </summary>
public sealed record PostmortemInfo(
    long Id,
    string? DatasetId,
    string Title,
    PostmortemStatus Status,
    string Template,
    int Version,
    string Markdown,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A figure frozen at draft time (SVG or PNG bytes), referenced from the Markdown as <c>/postmortems/{id}/figures/{name}</c>.</summary>
public sealed record PostmortemFigure(string Name, string ContentType, byte[] Data);
