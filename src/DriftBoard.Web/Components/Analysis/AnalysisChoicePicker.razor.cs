using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Web.Analysis;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DriftBoard.Web.Components.Analysis;

/// <summary>
/// The window size and reference toolbar of every dataset page. A change navigates to the same page with the new
/// query (<c>?window=…&amp;reference=…</c>), so the page reloads its report and the address can be shared or reloaded.
/// </summary>
public partial class AnalysisChoicePicker
{
    private static readonly WindowSize[] Windows = [WindowSize.Day, WindowSize.Week, WindowSize.Month];

    private static readonly int DefaultReferenceDays = new PerformanceSettings().DefaultReferenceDays;

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required AnalysisChoice Choice { get; init; }

    /// <summary>The selection the page shows.</summary>
    [Parameter, EditorRequired]
    public required AnalysisSelection Selection { get; set; }

    /// <summary>The dataset's first production day: the start of a production reference chosen without dates.</summary>
    [Parameter]
    public DateOnly? FirstDay { get; set; }

    /// <summary>The dataset's last production day: the latest day a reference period may include.</summary>
    [Parameter]
    public DateOnly? LastDay { get; set; }

    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private string WindowLabelId => $"window-label-{_id}";

    private string ReferenceLabelId => $"reference-label-{_id}";

    internal static string WindowText(WindowSize window) => window switch
    {
        WindowSize.Day => "Day",
        WindowSize.Week => "Week",
        WindowSize.Month => "Month",
        _ => window.ToString(),
    };

    private void OnWindowChanged(WindowSize window) => Go(Selection with { Window = window });

    private void OnReferenceKindChanged(bool training)
    {
        if (training)
        {
            Go(Selection with { Reference = ReferenceChoice.Training });
            return;
        }

        if (!Selection.Reference.IsTraining)
        {
            return;
        }

        // The same default period the performance estimate calibrates on: the first days of production.
        var start = FirstDay ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var last = start.AddDays(DefaultReferenceDays - 1);
        if (LastDay is { } lastDay && last > lastDay)
        {
            last = lastDay;
        }

        Go(Selection with { Reference = AnalysisSelection.Production(start, last) });
    }

    private void OnPeriodChanged(DateRange? range)
    {
        if (range?.Start is { } start && range.End is { } end && end >= start)
        {
            Go(Selection with { Reference = AnalysisSelection.Production(DateOnly.FromDateTime(start), DateOnly.FromDateTime(end)) });
        }
    }

    private void Go(AnalysisSelection selection)
    {
        if (selection == Selection)
        {
            return;
        }

        Choice.Set(selection);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(selection.ToQueryParameters()));
    }
}
