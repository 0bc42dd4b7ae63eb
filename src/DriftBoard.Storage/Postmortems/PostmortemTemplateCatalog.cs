using DriftBoard.Core.Postmortems;

namespace DriftBoard.Storage.Postmortems;

/// <summary>Where a template comes from.</summary>
public enum TemplateSource
{
    /// <summary>A <c>.md</c> file in the templates folder shipped with the app.</summary>
    BuiltIn,

    /// <summary>Added by a team in the app (table <c>postmortem_templates</c>).</summary>
    Team,
}

/// <summary>A template as listed: its source, and whether a team template of the same name hides this built-in one.</summary>
public sealed record TemplateEntry(PostmortemTemplate Template, TemplateSource Source, bool Overridden, string? CreatedBy);

/// <summary>
/// The templates a postmortem can be drafted from: the <c>*.md</c> files in <see cref="Folder"/> (name = file name without
/// <c>.md</c>; files with invalid names are skipped) plus the team's templates from the store. A team template with the
/// same name as a file overrides it, so a team can adapt the standard template without a deploy; the file stays listed
/// as overridden. Files are read on each call: editing a file needs no restart.
/// </summary>
public sealed class PostmortemTemplateCatalog(string folder, PostmortemStore? store)
{
    /// <summary>The default template's name (<c>default.md</c>).</summary>
    public const string DefaultName = "default";

    /// <summary>The folder name beside the app's binaries that the build copies <c>data/templates</c> into.</summary>
    public const string ShippedFolderName = "templates";

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>The shipped templates folder beside the running app.</summary>
    public static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, ShippedFolderName);

    /// <summary>Every template, built-in first, each group by name.</summary>
    public IReadOnlyList<TemplateEntry> List()
    {
        var team = store?.Templates() ?? [];
        var teamNames = team.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var entries = BuiltIn().Select(t => new TemplateEntry(t, TemplateSource.BuiltIn, teamNames.Contains(t.Name), null)).ToList();
        entries.AddRange(team.Select(t => new TemplateEntry(PostmortemTemplate.Parse(t.Name, t.Markdown), TemplateSource.Team, false, t.CreatedBy)));
        return entries;
    }

    /// <summary>The template drafts use under <paramref name="name"/>: the team's if there is one, else the file; null when neither.</summary>
    public PostmortemTemplate? Find(string name)
    {
        if (!PostmortemTemplate.IsValidName(name)) return null;
        if (store?.Template(name) is { } team) return PostmortemTemplate.Parse(team.Name, team.Markdown);
        var path = Path.Combine(Folder, name + ".md");
        return File.Exists(path) ? PostmortemTemplate.Parse(name, File.ReadAllText(path)) : null;
    }

    private IEnumerable<PostmortemTemplate> BuiltIn()
    {
        if (!Directory.Exists(Folder)) yield break;
        foreach (var path in Directory.EnumerateFiles(Folder, "*.md").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (PostmortemTemplate.IsValidName(name)) yield return PostmortemTemplate.Parse(name, File.ReadAllText(path));
        }
    }
}
