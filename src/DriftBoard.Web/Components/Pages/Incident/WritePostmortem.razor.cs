using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Domain;
using DriftBoard.Core.Postmortems;
using DriftBoard.Storage.Postmortems;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Postmortems;
using DriftBoard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DriftBoard.Web.Components.Pages.Incident;

/// <summary>
/// The incident page's "Write postmortem" button and its dialog: pick a template and a title (defaults: the standard
/// template and a title from the verdict), then the draft is written from the analysis on screen and opened at
/// <c>/postmortems/{id}</c>.
/// </summary>
public partial class WritePostmortem
{
    private static readonly DialogOptions DialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    [Inject]
    public required PostmortemDrafting Drafting { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required SessionAuthorization Permissions { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? Authentication { get; set; }

    [Parameter, EditorRequired]
    public required DatasetInfo Dataset { get; set; }

    [Parameter, EditorRequired]
    public required AnalysisSelection Selection { get; set; }

    /// <summary>The report on screen; the button is disabled until there is one.</summary>
    [Parameter]
    public AnalysisReport? Report { get; set; }

    private bool _open;
    private bool _busy;
    private string _title = "";
    private string _template = "";
    private string? _error;
    private IReadOnlyList<TemplateEntry> _templates = [];

    private void Open()
    {
        if (Report is not { } report) return;
        _templates = Drafting.Templates();
        _template = _templates.Any(t => t.Template.Name == PostmortemTemplateCatalog.DefaultName)
            ? PostmortemTemplateCatalog.DefaultName
            : _templates.FirstOrDefault()?.Template.Name ?? "";
        _title = PostmortemDraft.DefaultTitle(report, Dataset.Name);
        _error = _templates.Count == 0 ? "No postmortem template is installed (see docs/postmortems.md)." : null;
        _open = true;
    }

    private void Close() => _open = false;

    private async Task CreateAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            // The button is hidden from viewers; this is the check that counts (a role can change under an open page).
            if (!await Permissions.AllowsAsync(Authentication, DriftBoardPolicies.CanEdit))
                throw new InvalidOperationException("Writing a postmortem needs the author or admin role.");
            var drafted = await Drafting.DraftAsync(new PostmortemDraftRequest(Dataset.Id, Selection, _template, _title,
                await PostmortemAuthor.NameAsync(Authentication)));
            _open = false;
            Navigation.NavigateTo($"/postmortems/{drafted.Id}");
        }
        catch (Exception e) when (e is KeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
