using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DriftBoard.Core.Analysis.Report;

/// <summary>
/// The report's JSON form: camelCase names (a public contract), ISO dates, enums as camelCase strings, and NaN or
/// infinite numbers written as null (JSON has no NaN; a statistic that cannot be computed is null, never a string).
/// The same report always serialises to the same bytes.
/// </summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(AnalysisReport report) => JsonSerializer.Serialize(report, Options);

    public static void Write(Stream stream, AnalysisReport report) => JsonSerializer.Serialize(stream, report, Options);

    public static AnalysisReport? Deserialize(string json) => JsonSerializer.Deserialize<AnalysisReport>(json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            // Plain UTF-8 for text such as "→" and "≥" in summaries; JSON-escaping still applies.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new FiniteDoubleConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>NaN and infinities become null; null reads back as NaN.</summary>
    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }
}
