using DriftBoard.Core.Analysis;

namespace DriftBoard.Web.Analysis;

/// <summary>The engine's options for a page's choice: window size and reference, the product's defaults for the rest.</summary>
public static class AnalysisSelectionOptions
{
    public static DiagnosisOptions ToDiagnosisOptions(this AnalysisSelection selection) => selection.ToOptions();
}
