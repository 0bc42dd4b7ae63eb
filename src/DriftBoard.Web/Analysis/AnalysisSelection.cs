using System.Globalization;
using DriftBoard.Core.Analysis.Windows;

namespace DriftBoard.Web.Analysis;

/// <summary>
/// What the drift and performance statistics compare against: the training data, or a period of production
/// (<see cref="Period"/>, whole UTC days, end excluded).
/// </summary>
public sealed record AnalysisReference(TimeWindow? Period)
{
    public const string TrainingQueryValue = "training";

    public static AnalysisReference Training { get; } = new((TimeWindow?)null);

    public bool IsTraining => Period is null;

    public static AnalysisReference Production(DateOnly start, DateOnly endExclusive) => new(new TimeWindow(start, endExclusive));

    /// <summary><c>training</c>, or the period as <c>2026-01-05..2026-02-01</c> (first and last day, both included).</summary>
    public string ToQueryValue() => Period is { } p
        ? $"{Day(p.Start)}..{Day(p.LastDay)}"
        : TrainingQueryValue;

    /// <summary>Reads <see cref="ToQueryValue"/>'s form; null for anything else (an empty or reversed period included).</summary>
    public static AnalysisReference? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (string.Equals(value, TrainingQueryValue, StringComparison.OrdinalIgnoreCase))
        {
            return Training;
        }

        var parts = value.Split("..", 2);
        return parts.Length == 2
            && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last)
            && last >= first
                ? Production(first, last.AddDays(1))
                : null;
    }

    /// <summary>How the picker and page titles name it.</summary>
    public string Describe() => Period is { } p ? $"production {Day(p.Start)} → {Day(p.LastDay)}" : "training data";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The window size and reference one analysis runs with: the choice every dataset page shares.</summary>
public sealed record AnalysisSelection(WindowSize Window, AnalysisReference Reference)
{
    public const string WindowQueryName = "window";
    public const string ReferenceQueryName = "reference";

    /// <summary>Weekly windows against the training data until the user chooses otherwise.</summary>
    public static AnalysisSelection Default { get; } = new(WindowSize.Week, AnalysisReference.Training);

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

    /// <summary>The query string that carries this selection, <c>window=week&amp;reference=training</c>.</summary>
    public string ToQueryString() =>
        $"{WindowQueryName}={WindowQueryValue(Window)}&{ReferenceQueryName}={Uri.EscapeDataString(Reference.ToQueryValue())}";

    /// <summary>The query parameters for <c>NavigationManager.GetUriWithQueryParameters</c>.</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        [WindowQueryName] = WindowQueryValue(Window),
        [ReferenceQueryName] = Reference.ToQueryValue(),
    };
}
