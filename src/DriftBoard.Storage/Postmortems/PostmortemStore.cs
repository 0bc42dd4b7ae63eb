using Dapper;
using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Database;

namespace DriftBoard.Storage.Postmortems;

/// <summary>
/// The postmortems' SQL: documents, their change log, figures, comments, status events and templates. Split over partial
/// files by concern; this file holds the documents themselves.
/// </summary>
public sealed partial class PostmortemStore(DriftBoardDatabase database)
{
    private const string SelectPostmortem = """
        SELECT id AS Id, dataset_id AS DatasetId, title AS Title, status AS Status, template AS Template, version AS Version,
               markdown AS Markdown, created_by AS CreatedBy, created_at_ms AS CreatedAtMs, updated_at_ms AS UpdatedAtMs
        FROM postmortems
        """;

    /// <summary>Creates a postmortem at version 0 with its frozen figures, in one transaction; returns its id.</summary>
    public long Create(string? datasetId, string title, string template, string markdown, string createdBy,
        IReadOnlyList<PostmortemFigure>? figures = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return Create(datasetId, title, template, _ => markdown, createdBy, figures);
    }

    /// <summary>
    /// Creates a postmortem whose Markdown depends on its id (a draft links its figures as <c>/postmortems/{id}/figures/…</c>):
    /// <paramref name="markdownFor"/> gets the new id inside the same transaction, so the document is never seen without it.
    /// </summary>
    public long Create(string? datasetId, string title, string template, Func<long, string> markdownFor, string createdBy,
        IReadOnlyList<PostmortemFigure>? figures = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(markdownFor);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO postmortems (dataset_id, title, status, template, initial_markdown, markdown, version, created_by, created_at_ms, updated_at_ms)
            VALUES (@datasetId, @title, 'draft', @template, '', '', 0, @createdBy, @now, @now)
            RETURNING id;
            """, new { datasetId, title, template, createdBy, now }, transaction);
        var markdown = markdownFor(id) ?? throw new InvalidOperationException("the postmortem's Markdown is null");
        connection.Execute("UPDATE postmortems SET initial_markdown = @markdown, markdown = @markdown WHERE id = @id;",
            new { id, markdown }, transaction);
        foreach (var figure in figures ?? [])
            connection.Execute("""
                INSERT INTO postmortem_figures (postmortem_id, name, content_type, data) VALUES (@id, @Name, @ContentType, @Data);
                """, new { id, figure.Name, figure.ContentType, figure.Data }, transaction);
        connection.Execute("INSERT INTO postmortem_events (postmortem_id, kind, author, created_at_ms) VALUES (@id, 'created', @createdBy, @now);",
            new { id, createdBy, now }, transaction);
        transaction.Commit();
        return id;
    }

    public PostmortemInfo? Get(long id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<PostmortemRow>(SelectPostmortem + " WHERE id = @id;", new { id })?.ToInfo();
    }

    /// <summary>Every postmortem, most recently updated first.</summary>
    public IReadOnlyList<PostmortemInfo> List()
    {
        using var connection = database.Open();
        return connection.Query<PostmortemRow>(SelectPostmortem + " ORDER BY updated_at_ms DESC, id DESC;").Select(r => r.ToInfo()).ToList();
    }

    public PostmortemFigure? Figure(long id, string name)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<FigureRow>("""
            SELECT name AS Name, content_type AS ContentType, data AS Data FROM postmortem_figures WHERE postmortem_id = @id AND name = @name;
            """, new { id, name }) is { } row ? new PostmortemFigure(row.Name, row.ContentType, row.Data) : null;
    }

    public IReadOnlyList<PostmortemFigure> Figures(long id)
    {
        using var connection = database.Open();
        return connection.Query<FigureRow>("""
            SELECT name AS Name, content_type AS ContentType, data AS Data FROM postmortem_figures WHERE postmortem_id = @id ORDER BY name;
            """, new { id }).Select(row => new PostmortemFigure(row.Name, row.ContentType, row.Data)).ToList();
    }

    private sealed class PostmortemRow
    {
        public long Id { get; init; }
        public string? DatasetId { get; init; }
        public string Title { get; init; } = "";
        public string Status { get; init; } = "";
        public string Template { get; init; } = "";
        public long Version { get; init; }
        public string Markdown { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public long CreatedAtMs { get; init; }
        public long UpdatedAtMs { get; init; }

        public PostmortemInfo ToInfo() => new(Id, DatasetId, Title, PostmortemStatusNames.Parse(Status), Template, checked((int)Version),
            Markdown, CreatedBy, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAtMs));
    }

    private sealed class FigureRow
    {
        public string Name { get; init; } = "";
        public string ContentType { get; init; } = "";
        public byte[] Data { get; init; } = [];
    }
}
