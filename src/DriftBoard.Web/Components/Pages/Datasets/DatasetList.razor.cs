using System.Globalization;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Domain;
using DriftBoard.Web.Analysis;
using DriftBoard.Web.Datasets;
using Microsoft.AspNetCore.Components;

namespace DriftBoard.Web.Components.Pages.Datasets;

/// <summary>The home page: one card per imported dataset, or how to import one.</summary>
public partial class DatasetList
{
    [Inject]
    public required DatasetCatalog Catalog { get; init; }

    [Inject]
    public required DatasetReports Reports { get; init; }

    [Inject]
    public required AnalysisChoice Choice { get; init; }

    private IReadOnlyList<DatasetInfo>? _datasets;

    /// <summary>The cached analysis for the current choice; null until the dataset has been analysed (opening it runs one).</summary>
    private AnalysisReport? CachedReport(DatasetInfo dataset) => Reports.Cached(dataset.Id, Choice.Current);

    protected override async Task OnInitializedAsync() => _datasets = await Catalog.ListAsync();

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
