using System.Globalization;

namespace DriftBoard.Web.Components.Charts;

/// <summary>
/// The text alternative of a chart: one row per x value (in the order the series first give them), one column per series.
/// A range shows as "low – high"; a missing value as an en dash.
/// </summary>
public sealed record ChartTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public const string Missing = "–";

    public static ChartTable From(ChartSpec spec, string xHeader)
    {
        var decimals = spec.YAxis is [{ DecimalsInFloat: { } d }, ..] ? d : 3;
        var keys = new List<string>();
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var cells = new List<string[]>();
        for (var s = 0; s < spec.Series.Count; s++)
        {
            foreach (var point in spec.Series[s].Data)
            {
                var key = XText(point, spec.XAxis);
                if (!rowOf.TryGetValue(key, out var row))
                {
                    row = keys.Count;
                    rowOf[key] = row;
                    keys.Add(key);
                    var fresh = new string[spec.Series.Count];
                    Array.Fill(fresh, Missing);
                    cells.Add(fresh);
                }

                cells[row][s] = ValueText(point, decimals);
            }
        }

        var rows = new List<IReadOnlyList<string>>(keys.Count);
        for (var r = 0; r < keys.Count; r++)
        {
            rows.Add([keys[r], .. cells[r]]);
        }

        return new ChartTable([xHeader, .. spec.Series.Select(series => series.Name)], rows);
    }

    private static string XText(ChartPoint point, ChartXAxis axis) => point.XMs is { } ms
        ? (axis.Type == ChartXAxis.Datetime
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : ms.ToString(CultureInfo.InvariantCulture))
        : point.XCategory ?? Missing;

    private static string ValueText(ChartPoint point, int decimals) => point.IsRange
        ? (double.IsFinite(point.Low) && double.IsFinite(point.High) ? $"{Number(point.Low, decimals)} – {Number(point.High, decimals)}" : Missing)
        : (double.IsFinite(point.Y) ? Number(point.Y, decimals) : Missing);

    private static string Number(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
