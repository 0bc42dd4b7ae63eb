using System.Globalization;
using DriftBoard.Core.Analysis.Report;

namespace DriftBoard.Web.Components;

/// <summary>How pages write the report's numbers: the same rounding as the Markdown report, "–" for an undefined value.</summary>
public static class ReportFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Percent(double value, int decimals = 1) => ReportMarkdown.Percent(value, decimals);

    public static string Percent(double? value, int decimals = 1) => value is { } v ? Percent(v, decimals) : "–";

    /// <summary>A relative change as a signed percentage, "+12%" or "−8%".</summary>
    public static string SignedPercent(double value) =>
        double.IsFinite(value) ? (value >= 0 ? "+" : "−") + Math.Abs(value * 100).ToString("F0", Invariant) + "%" : "–";

    /// <summary>A statistic with four significant digits.</summary>
    public static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("G4", Invariant) : "–";

    /// <summary>A p-value: scientific below 0.001.</summary>
    public static string PValue(double? value) => value switch
    {
        null => "–",
        { } v when !double.IsFinite(v) => "–",
        < 0.001 => value.Value.ToString("0.0E+0", Invariant),
        { } v => v.ToString("0.000", Invariant),
    };

    public static string Count(long value) => value.ToString("N0", Invariant);

    /// <summary>A per-day volume with one decimal.</summary>
    public static string PerDay(double value) => double.IsFinite(value) ? value.ToString("N1", Invariant) : "–";

    public static string Date(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd", Invariant) : "–";
}
