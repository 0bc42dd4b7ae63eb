using System.Globalization;
using DriftBoard.Core.Analysis.Report;

namespace DriftBoard.Web.Components.Analysis;

/// <summary>
/// How pages write the report's numbers and names. Formatting only: every value comes from the report as it is;
/// a NaN (a statistic the report could not compute) shows as an en dash.
/// </summary>
public static class ReportText
{
    public const string Missing = "–";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A rate in [0, 1] as a percentage with one decimal: <c>0.8237</c> → <c>82.4%</c>.</summary>
    public static string Percent(double rate) => double.IsFinite(rate) ? (rate * 100).ToString("0.0", Invariant) + "%" : Missing;

    /// <summary>A difference of rates in percentage points with its sign: <c>0.231</c> → <c>−23.1 pp</c> for a drop.</summary>
    public static string DropPoints(double drop) => double.IsFinite(drop)
        ? (drop > 0 ? "−" : drop < 0 ? "+" : "") + Math.Abs(drop * 100).ToString("0.0", Invariant) + " pp"
        : Missing;

    public static string Number(double value, int decimals = 2) => double.IsFinite(value) ? value.ToString("F" + decimals, Invariant) : Missing;

    public static string Number(double? value, int decimals = 2) => value is { } v ? Number(v, decimals) : Missing;

    /// <summary>An evidence value: four significant digits, plain notation for ordinary magnitudes.</summary>
    public static string Value(double value) => double.IsFinite(value)
        ? (Math.Abs(value) is >= 1e-3 and < 1e6 or 0 ? value.ToString("0.####", Invariant) : value.ToString("G4", Invariant))
        : Missing;

    public static string Percent(double? rate) => rate is { } r ? Percent(r) : Missing;

    /// <summary>A relative change as a signed whole percentage: <c>0.12</c> → <c>+12%</c>, <c>-0.08</c> → <c>−8%</c>.</summary>
    public static string SignedPercent(double change) =>
        double.IsFinite(change) ? (change >= 0 ? "+" : "−") + Math.Abs(change * 100).ToString("0", Invariant) + "%" : Missing;

    /// <summary>A p-value: three decimals, scientific below 0.001.</summary>
    public static string PValue(double? p) => p switch
    {
        { } v when double.IsFinite(v) => v < 0.001 ? v.ToString("0.0E+0", Invariant) : v.ToString("0.000", Invariant),
        _ => Missing,
    };

    /// <summary>A statistic with four significant digits.</summary>
    public static string Statistic(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("G4", Invariant) : Missing;

    /// <summary>A per-day volume with one decimal and thousands separators.</summary>
    public static string PerDay(double value) => double.IsFinite(value) ? value.ToString("N1", Invariant) : Missing;

    public static string Date(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd", Invariant) : Missing;

    public static string Count(long value) => value.ToString("N0", Invariant);

    /// <summary>A root-cause category as people read it: <c>data_drift</c> → <c>Data drift</c>.</summary>
    public static string Category(string category) => category switch
    {
        RootCauseCategory.SchemaChange => "Schema change",
        RootCauseCategory.DataDrift => "Data drift",
        RootCauseCategory.ConceptDrift => "Concept drift",
        RootCauseCategory.LabelShift => "Label shift",
        RootCauseCategory.None => "No degradation",
        _ => category.Length == 0 ? Missing : char.ToUpperInvariant(category[0]) + category[1..].Replace('_', ' '),
    };
}
