using System.Globalization;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Domain;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Datasets;
using DriftBoard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DriftBoard.Web.Components.Pages.Datasets;

/// <summary>
/// The home page: one card per imported dataset, or how to import one. While the demo incident is being seeded into an
/// empty database it shows that instead, and lists the datasets again when the seeding is done.
/// </summary>
public sealed partial class DatasetList : IDisposable
{
    [Inject]
    public required DatasetCatalog Catalog { get; init; }

    [Inject]
    public required DatasetReports Reports { get; init; }

    [Inject]
    public required AnalysisChoice Choice { get; init; }

    [Inject]
    public required DemoSeedingStatus Seeding { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required SessionAuthorization Permissions { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private IReadOnlyList<DatasetInfo>? _datasets;
    private DemoSeedingSnapshot _seeding = new(DemoSeedingStage.Idle);

    /// <summary>The cached analysis for the current choice; null until the dataset has been analysed (opening it runs one).</summary>
    private AnalysisReport? CachedReport(DatasetInfo dataset) => Reports.Cached(dataset.Id, Choice.Current);

    protected override async Task OnInitializedAsync()
    {
        Seeding.Changed += OnSeedingChanged;
        _seeding = Seeding.Current;
        _datasets = await Catalog.ListAsync();
    }

    /// <summary>Runs on the seeding thread: hop onto this circuit's renderer before touching state.</summary>
    private void OnSeedingChanged() => _ = InvokeAsync(async () =>
    {
        var previous = _seeding;
        _seeding = Seeding.Current;
        if (previous.IsRunning && !_seeding.IsRunning) _datasets = await Catalog.ListAsync();
        StateHasChanged();
    });

    internal static string SeedingStage(DemoSeedingSnapshot seeding)
    {
        var step = seeding.Stage == DemoSeedingStage.Generating ? "Generating the transactions" : "Importing them";
        return seeding.Fraction is { } fraction ? string.Create(CultureInfo.InvariantCulture, $"{step}: {fraction * 100:0}%") : step;
    }

    public void Dispose() => Seeding.Changed -= OnSeedingChanged;

    /// <summary>Admins only: the button is shown to admins, and the policy is checked again here, after the confirmation.</summary>
    private async Task DeleteAsync(DatasetInfo dataset)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete dataset",
            $"Delete \"{dataset.Name}\" and everything imported for it? This cannot be undone.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true || !await Permissions.AllowsAsync(AuthenticationState, DriftBoardPolicies.CanAdminister)) return;
        await Catalog.DeleteAsync(dataset.Id);
        _datasets = await Catalog.ListAsync();
    }

    internal static string DatasetHref(DatasetInfo dataset) => $"/datasets/{Uri.EscapeDataString(dataset.Id)}";

    internal static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>First to last production event as UTC dates; a dataset without production rows has no period.</summary>
    internal static string Period(DatasetInfo dataset) => (dataset.FirstEvent, dataset.LastEvent) switch
    {
        ({ } first, { } last) => $"{Date(first)} → {Date(last)}",
        _ => "no events",
    };

    private static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
