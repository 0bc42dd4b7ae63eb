using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Windows;

namespace DriftBoard.Web.Analysis;

/// <summary>
/// The analysis choice of one circuit (scoped): window size and reference. The URL query is the source of truth
/// (<c>?window=week&amp;reference=training</c>) so links and reloads keep it; this service remembers the last choice so
/// that a page opened without a query (the navigation menu, a card on the home page) continues with it.
/// </summary>
public sealed class AnalysisChoice
{
    public AnalysisSelection Current { get; private set; } = AnalysisSelection.Default;

    public event Action<AnalysisSelection>? Changed;

    /// <summary>
    /// Takes the query's values where they are valid and keeps the current ones where they are missing or invalid.
    /// Returns the resulting selection.
    /// </summary>
    public AnalysisSelection ApplyQuery(string? window, string? reference)
    {
        var next = new AnalysisSelection(
            AnalysisSelection.ParseWindow(window) ?? Current.Window,
            AnalysisSelection.ParseReference(reference) ?? Current.Reference);
        Set(next);
        return next;
    }

    public void Set(AnalysisSelection selection)
    {
        if (selection == Current)
        {
            return;
        }

        Current = selection;
        Changed?.Invoke(selection);
    }

    public void SetWindow(WindowSize window) => Set(Current with { Window = window });

    public void SetReference(ReferenceChoice reference) => Set(Current with { Reference = reference });
}
