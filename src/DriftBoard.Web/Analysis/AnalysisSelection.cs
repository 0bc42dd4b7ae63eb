using System.Globalization;
using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Windows;

namespace DriftBoard.Web.Analysis;

/// <summary>
/// The window size and reference one analysis runs with: the choice every dataset page shares. The reference is the
/// engine's own <see cref="ReferenceChoice"/> (training, or inclusive production days), with its query form.
/// </summary>
public sealed record AnalysisSelection(WindowSize Window, ReferenceChoice Reference)
{
    public const string WindowQueryName = "window";
    public const string ReferenceQueryName = "reference";

    /// <summary>The engine's defaults (<see cref="DiagnosisOptions"/>): ISO weeks against the training data.</summary>
    public static AnalysisSelection Default { get; } = FromOptions(new DiagnosisOptions());

    public static AnalysisSelection FromOptions(DiagnosisOptions options) => new(options.Window, options.Reference);

    /// <summary>The engine's options for this selection; everything else keeps the engine's defaults.</summary>
    public DiagnosisOptions ToOptions() => new() { Window = Window, Reference = Reference };

    public static string WindowQueryValue(WindowSize window) => window switch
    {
        WindowSize.Day => "day",
        WindowSize.Week => "week",
        WindowSize.Month => "month",
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, null),
    };

    public static WindowSize? ParseWindow(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "day" => WindowSize.Day,
        "week" => WindowSize.Week,
        "month" => WindowSize.Month,
        _ => null,
    };

    /// <summary>
    /// A reference from the query: null when the value is missing or invalid (so the current choice stays), unlike
    /// <see cref="ReferenceChoice.TryParse"/>, which reads a missing value as training.
    /// </summary>
    public static ReferenceChoice? ParseReference(string? value) =>
        !string.IsNullOrWhiteSpace(value) && ReferenceChoice.TryParse(value, out var reference) ? reference : null;

    /// <summary>A production reference of whole UTC days, <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public static ReferenceChoice Production(DateOnly from, DateOnly to) => new(from, to);

    /// <summary>How pages name a reference in sentences.</summary>
    public static string Describe(ReferenceChoice reference) => reference.IsTraining
        ? "training data"
        : string.Create(CultureInfo.InvariantCulture, $"production {reference.From:yyyy-MM-dd} → {reference.To:yyyy-MM-dd}");

    /// <summary>The query string that carries this selection, <c>window=week&amp;reference=training</c>.</summary>
    public string ToQueryString() =>
        $"{WindowQueryName}={WindowQueryValue(Window)}&{ReferenceQueryName}={Uri.EscapeDataString(Reference.ToString())}";

    /// <summary>The query parameters for <c>NavigationManager.GetUriWithQueryParameters</c>.</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        [WindowQueryName] = WindowQueryValue(Window),
        [ReferenceQueryName] = Reference.ToString(),
    };
}
