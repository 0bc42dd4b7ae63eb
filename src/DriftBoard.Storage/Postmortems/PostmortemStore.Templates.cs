using Dapper;
using DriftBoard.Core.Postmortems;

namespace DriftBoard.Storage.Postmortems;

/// <summary>A template a team added in the app.</summary>
public sealed record TeamTemplate(string Name, string Markdown, string CreatedBy, DateTimeOffset CreatedAt);

public sealed partial class PostmortemStore
{
    /// <summary>The team's templates, by name.</summary>
    public IReadOnlyList<TeamTemplate> Templates()
    {
        using var connection = database.Open();
        return connection.Query<TemplateRow>(SelectTemplate + " ORDER BY name;").Select(r => r.ToTemplate()).ToList();
    }

    public TeamTemplate? Template(string name)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<TemplateRow>(SelectTemplate + " WHERE name = @name;", new { name })?.ToTemplate();
    }

    /// <summary>
    /// Adds a team template, or replaces the Markdown of the team template with that name (there is no separate edit).
    /// The name must satisfy <see cref="PostmortemTemplate.IsValidName"/>; the Markdown must not be blank.
    /// </summary>
    public TeamTemplate AddTemplate(string name, string markdown, string createdBy)
    {
        PostmortemTemplate.ValidateName(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(markdown);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var connection = database.Open();
        connection.Execute("""
            INSERT INTO postmortem_templates (name, markdown, created_by, created_at_ms) VALUES (@name, @markdown, @createdBy, @now)
            ON CONFLICT (name) DO UPDATE SET markdown = excluded.markdown, created_by = excluded.created_by, created_at_ms = excluded.created_at_ms;
            """, new { name, markdown, createdBy, now });
        return new TeamTemplate(name, markdown, createdBy, DateTimeOffset.FromUnixTimeMilliseconds(now));
    }

    private const string SelectTemplate = """
        SELECT name AS Name, markdown AS Markdown, created_by AS CreatedBy, created_at_ms AS CreatedAtMs FROM postmortem_templates
        """;

    private sealed class TemplateRow
    {
        public string Name { get; init; } = "";
        public string Markdown { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public long CreatedAtMs { get; init; }

        public TeamTemplate ToTemplate() => new(Name, Markdown, CreatedBy, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs));
    }
}
