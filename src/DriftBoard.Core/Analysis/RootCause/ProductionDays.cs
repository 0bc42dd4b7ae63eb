using DriftBoard.Core.Analysis.Performance;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Analysis.RootCauses;

/// <summary>
/// The production frame cut into UTC days (row ranges, the frame being day-ordered), with which days have mature labels:
/// a day is mature when the timeline window holding it is not provisional. Label-based evidence reads mature days only,
/// so a young window's missing positives never look like a drop or a falling positive rate.
/// </summary>
internal sealed class ProductionDays
{
    private ProductionDays(DateOnly first, RowRange[] rows, bool[] mature, double[] maturity)
    {
        First = first;
        Rows = rows;
        Mature = mature;
        Maturity = maturity;
    }

    public DateOnly First { get; }

    public RowRange[] Rows { get; }

    public bool[] Mature { get; }

    /// <summary>Per day, the label maturity of its timeline window (the expected share of its positives arrived); 1 when unknown.</summary>
    public double[] Maturity { get; }

    public int Count => Rows.Length;

    public DateOnly Date(int day) => First.AddDays(day);

    public int IndexOf(DateOnly date) => date.DayNumber - First.DayNumber;

    /// <summary>The first row of day <paramref name="day"/> (clamped to the frame), so rows [RowAt(a), RowAt(b)) are days [a, b).</summary>
    public int RowAt(int day) => day <= 0 ? 0 : day >= Rows.Length ? (Rows.Length == 0 ? 0 : Rows[^1].End) : Rows[day].Start;

    /// <summary>One past the last mature day (0 when no day is mature): label evidence stops there.</summary>
    public int MatureEnd
    {
        get
        {
            for (var d = Mature.Length - 1; d >= 0; d--)
            {
                if (Mature[d])
                {
                    return d + 1;
                }
            }

            return 0;
        }
    }

    public static ProductionDays Create(DatasetFrame frame, IReadOnlyList<WindowPerformance> timeline)
    {
        if (frame.Count == 0)
        {
            return new ProductionDays(DateOnly.MinValue, [], [], []);
        }

        var windows = WindowPlanner.Plan(frame.Timestamps[0], frame.Timestamps[^1], WindowSize.Day);
        var rows = WindowRows.Ranges(frame.Timestamps, windows);
        var first = windows[0].Start;
        var mature = new bool[rows.Length];
        var maturity = new double[rows.Length];
        Array.Fill(maturity, 1.0);
        foreach (var window in timeline)
        {
            for (var date = window.Start; date < window.End; date = date.AddDays(1))
            {
                var d = date.DayNumber - first.DayNumber;
                if (d >= 0 && d < mature.Length)
                {
                    mature[d] = !window.Provisional;
                    maturity[d] = window.LabelMaturity is > 0 and <= 1 ? window.LabelMaturity : 1;
                }
            }
        }

        return new ProductionDays(first, rows, mature, maturity);
    }
}
