using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Web.Postmortems;
using DriftBoard.Web.Security;
using DriftBoard.Web.Postmortems.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace DriftBoard.Web.Components.Pages.Postmortems.Templates;

/// <summary>
/// The postmortem templates: the built-in files and the team's templates, each previewed rendered (placeholders shown as
/// written, with the ones the draft does not fill called out), and a form to add or replace a team template.
/// </summary>
public partial class TemplatesPage
{
    private static readonly HashSet<string> Contract = PostmortemPlaceholders.All.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    [Inject]
    public required PostmortemTemplateCatalog Catalog { get; init; }

    [Inject]
    public required PostmortemStore Store { get; init; }

    [Inject]
    public required SessionAuthorization Permissions { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? Authentication { get; set; }

    private IReadOnlyList<TemplateEntry> _entries = [];
    private string? _selectedKey;
    private string _name = "";
    private string _markdown = "";
    private string? _error;
    private TemplatePreview? _preview;

    private sealed record TemplatePreview(string Title, int Known, IReadOnlyList<string> Unknown, string Html);

    private string? SelectedKey
    {
        get => _selectedKey;
        set
        {
            _selectedKey = value;
            if (_entries.FirstOrDefault(e => Key(e) == value) is { } entry) Show(entry.Template, $"{entry.Template.Name} ({SourceText(entry)})");
        }
    }

    protected override void OnInitialized() => Load();

    private void Load() => _entries = Catalog.List();

    private static string Key(TemplateEntry entry) => $"{entry.Source}:{entry.Template.Name}";

    private static string SourceText(TemplateEntry entry) =>
        entry.Source == TemplateSource.Team ? "team" : entry.Overridden ? "built-in, overridden by a team template" : "built-in";

    private void Show(PostmortemTemplate template, string title) => _preview = new TemplatePreview(
        title,
        template.Placeholders.Count(Contract.Contains),
        template.Placeholders.Where(p => !Contract.Contains(p)).ToList(),
        PostmortemRenderer.ToHtml(template.Markdown));

    private void Preview()
    {
        _error = null;
        Show(PostmortemTemplate.Parse(PostmortemTemplate.IsValidName(_name) ? _name : "preview", _markdown), "Preview of the new template");
    }

    private async Task SaveAsync()
    {
        _error = !PostmortemTemplate.IsValidName(_name)
            ? $"Use 1–{PostmortemTemplate.MaxNameLength} lower-case letters, digits, - or _, starting with a letter or digit."
            : string.IsNullOrWhiteSpace(_markdown) ? "The template is empty."
            : !await Permissions.AllowsAsync(Authentication, DriftBoardPolicies.CanEdit) ? "Adding a template needs the author or admin role."
            : null;
        if (_error is not null) return;

        var saved = Store.AddTemplate(_name, _markdown, await PostmortemAuthor.NameAsync(Authentication));
        Load();
        SelectedKey = $"{TemplateSource.Team}:{saved.Name}";
        _name = "";
        _markdown = "";
    }
}
