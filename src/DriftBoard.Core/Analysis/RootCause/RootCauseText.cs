using System.Globalization;

namespace DriftBoard.Core.Analysis.RootCauses;

/// <summary>Invariant-culture formatting for the plain sentences of the verdict.</summary>
internal static class RootCauseText
{
    /// <summary>A number as people write it: integers without decimals, others with up to three significant decimals.</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value))
        {
            return "n/a";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+∞" : "−∞";
        }

        if (value == Math.Round(value) && Math.Abs(value) < 1e15)
        {
            return value.ToString("0", CultureInfo.InvariantCulture);
        }

        var magnitude = Math.Abs(value);
        var format = magnitude >= 100 ? "0.#" : magnitude >= 1 ? "0.##" : "0.###";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>A share as a percentage: one decimal below 10%, none above.</summary>
    public static string Percent(double share)
    {
        if (double.IsNaN(share))
        {
            return "n/a";
        }

        var percent = share * 100;
        return (Math.Abs(percent) < 10 && percent != Math.Round(percent) ? percent.ToString("0.0", CultureInfo.InvariantCulture) : percent.ToString("0", CultureInfo.InvariantCulture)) + "%";
    }

    /// <summary>A difference of two shares in percentage points.</summary>
    public static string Points(double difference) =>
        double.IsNaN(difference) ? "n/a" : (difference * 100).ToString("0.#", CultureInfo.InvariantCulture) + " points";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Code(string feature) => $"`{feature}`";

    public static string Fixed(double value, int decimals) =>
        double.IsNaN(value) ? "n/a" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
