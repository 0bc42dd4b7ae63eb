using System.Text.Json;

namespace DriftBoard.Core.Tests.Statistics;

/// <summary>
/// The committed copy of the scipy reference values (Data/statistics.json, produced with scipy 1.10.1 / numpy 1.24.2),
/// read from the test output folder.
/// </summary>
internal static class ReferenceValues
{
    private static readonly Lazy<JsonElement[]> Cases = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "statistics.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    });

    public static IEnumerable<JsonElement> OfKind(string kind) => Cases.Value.Where(c => c.GetProperty("kind").GetString() == kind);

    public static JsonElement Case(string name) => Cases.Value.Single(c => c.GetProperty("name").GetString() == name);

    public static TheoryData<string> Names(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var c in OfKind(kind))
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    public static double[] Doubles(this JsonElement c, string property)
        => c.GetProperty(property).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static long[] Longs(this JsonElement c, string property)
        => c.GetProperty(property).EnumerateArray().Select(e => e.GetInt64()).ToArray();

    public static double? NullableDouble(this JsonElement c, string property)
        => c.GetProperty(property).ValueKind == JsonValueKind.Null ? null : c.GetProperty(property).GetDouble();
}

internal static class Close
{
    /// <summary>Relative tolerance, with absolute tolerance near zero.</summary>
    public static void Equal(double expected, double actual, double tolerance, string what)
    {
        var scale = Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale, $"{what}: expected {expected:R}, got {actual:R}");
    }

    /// <summary>p-values: 1e-6 relative, or both below 1e-300 where scipy underflows to 0.</summary>
    public static void PValue(double expected, double actual, string what)
    {
        if (expected < 1e-300)
        {
            Assert.True(actual < 1e-300, $"{what}: expected {expected:R} (underflow), got {actual:R}");
            return;
        }

        Assert.True(Math.Abs(expected - actual) <= 1e-6 * expected, $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / expected:E2})");
    }
}
