using System.Text.Json;
using System.Text.Json.Serialization;

namespace DriftBoard.Web.Components.Charts;

// ApexCharts options as plain records. Only data goes to the browser: no function-valued option (formatters, events)
// exists here, so the module never evaluates code and a strict Content-Security-Policy keeps working. Names follow
// ApexCharts' option names; null members are left out so ApexCharts' own defaults apply.

/// <summary>The options of one chart, serialised to JSON by <see cref="ChartSpecJson"/> and handed to <c>wwwroot/js/apexchart.js</c>.</summary>
public sealed record ChartSpec(
    ChartOptions Chart,
    IReadOnlyList<ChartSeries> Series,
    [property: JsonPropertyName("xaxis")] ChartXAxis XAxis,
    [property: JsonPropertyName("yaxis")] IReadOnlyList<ChartYAxis>? YAxis = null,
    ChartAnnotations? Annotations = null,
    IReadOnlyList<string>? Colors = null,
    ChartStroke? Stroke = null,
    ChartFill? Fill = null,
    ChartLegend? Legend = null,
    ChartTooltip? Tooltip = null,
    ChartTheme? Theme = null,
    ChartGrid? Grid = null,
    ChartDataLabels? DataLabels = null,
    ChartMarkers? Markers = null);

/// <summary><c>chart</c>: type, height and id. The toolbar is off (the component has its own download buttons).</summary>
public sealed record ChartOptions(
    string Type,
    int Height,
    string? Id = null,
    string? ForeColor = null,
    string? FontFamily = null,
    string Background = "transparent",
    ChartToggle? Toolbar = null,
    ChartToggle? Zoom = null,
    ChartToggle? Animations = null)
{
    public ChartToggle Toolbar { get; init; } = Toolbar ?? ChartToggle.Off;
    public ChartToggle Zoom { get; init; } = Zoom ?? ChartToggle.Off;
}

/// <summary>An option block that is only switched on or off (<c>toolbar.show</c>, <c>zoom.enabled</c>, <c>animations.enabled</c>).</summary>
public sealed record ChartToggle(bool? Show = null, bool? Enabled = null)
{
    public static ChartToggle Off { get; } = new(Show: false, Enabled: false);
}

/// <summary>
/// One series. <see cref="Type"/> mixes kinds in one chart (<c>rangeArea</c> bands under <c>line</c>s); null uses the chart's type.
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Data, string? Type = null);

/// <summary>
/// One data point: <c>{x, y}</c> for lines, columns and scatter, <c>{x, y: [low, high]}</c> for range areas. A non-finite value
/// is written as null, which ApexCharts draws as a gap. <c>x</c> is Unix milliseconds on a datetime axis or a category name.
/// </summary>
[JsonConverter(typeof(ChartPointConverter))]
public sealed record ChartPoint
{
    private ChartPoint(double? xMs, string? xCategory, double y, double low, double high, bool isRange)
    {
        XMs = xMs;
        XCategory = xCategory;
        Y = y;
        Low = low;
        High = high;
        IsRange = isRange;
    }

    public double? XMs { get; }

    public string? XCategory { get; }

    public double Y { get; }

    public double Low { get; }

    public double High { get; }

    public bool IsRange { get; }

    /// <summary>A value at 00:00 UTC of <paramref name="day"/> on a datetime axis.</summary>
    public static ChartPoint At(DateOnly day, double y) => new(DayMs(day), null, y, double.NaN, double.NaN, false);

    /// <summary>A band from <paramref name="low"/> to <paramref name="high"/> at 00:00 UTC of <paramref name="day"/>.</summary>
    public static ChartPoint RangeAt(DateOnly day, double low, double high) => new(DayMs(day), null, double.NaN, low, high, true);

    /// <summary>A value for a category axis.</summary>
    public static ChartPoint Category(string x, double y) => new(null, x, y, double.NaN, double.NaN, false);

    /// <summary>Unix milliseconds of 00:00 UTC on <paramref name="day"/>, the x of a datetime axis.</summary>
    public static double DayMs(DateOnly day) => (day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber) * 86_400_000d;
}

internal sealed class ChartPointConverter : JsonConverter<ChartPoint>
{
    public override ChartPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Chart points are only written.");

    public override void Write(Utf8JsonWriter writer, ChartPoint value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.XMs is { } ms)
        {
            writer.WriteNumber("x", ms);
        }
        else
        {
            writer.WriteString("x", value.XCategory);
        }

        writer.WritePropertyName("y");
        if (value.IsRange)
        {
            if (double.IsFinite(value.Low) && double.IsFinite(value.High))
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(value.Low);
                writer.WriteNumberValue(value.High);
                writer.WriteEndArray();
            }
            else
            {
                writer.WriteNullValue();
            }
        }
        else
        {
            WriteFinite(writer, value.Y);
        }

        writer.WriteEndObject();
    }

    private static void WriteFinite(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }
}

/// <summary><c>xaxis</c>: <c>datetime</c> (x in Unix ms, labelled in UTC) or <c>category</c>.</summary>
/// <param name="TickAmount">How many labelled ticks a category axis shows (ApexCharts ignores it on datetime axes); null labels every category.</param>
public sealed record ChartXAxis(string Type, IReadOnlyList<string>? Categories = null, ChartAxisTitle? Title = null, ChartXAxisLabels? Labels = null, int? TickAmount = null)
{
    public const string Datetime = "datetime";
    public const string Category = "category";

    public ChartXAxisLabels? Labels { get; init; } = Labels ?? (Type == Datetime ? new ChartXAxisLabels(DatetimeUTC: true) : null);
}

public sealed record ChartXAxisLabels([property: JsonPropertyName("datetimeUTC")] bool? DatetimeUTC = null);

/// <summary>One y axis. Number format is <see cref="DecimalsInFloat"/> only: a label formatter would be a JS function.</summary>
public sealed record ChartYAxis(
    double? Min = null,
    double? Max = null,
    ChartAxisTitle? Title = null,
    int? DecimalsInFloat = null,
    string? SeriesName = null,
    bool? Opposite = null,
    bool? Show = null,
    int? TickAmount = null);

public sealed record ChartAxisTitle(string Text);

/// <summary><c>annotations</c>: vertical lines and shaded ranges on the x axis.</summary>
public sealed record ChartAnnotations([property: JsonPropertyName("xaxis")] IReadOnlyList<XAxisAnnotation> XAxis);

/// <summary>A line at <see cref="X"/>, or a shaded range from <see cref="X"/> to <see cref="X2"/>.</summary>
public sealed record XAxisAnnotation(
    double X,
    double? X2 = null,
    string? BorderColor = null,
    string? FillColor = null,
    double? Opacity = null,
    int? StrokeDashArray = null,
    AnnotationLabel? Label = null);

public sealed record AnnotationLabel(string Text, string? BorderColor = null, string? Orientation = null, AnnotationLabelStyle? Style = null, double? OffsetY = null, string? TextAnchor = null);

public sealed record AnnotationLabelStyle(string? Color = null, string? Background = null);

/// <summary><c>stroke</c>: one width and dash per series, in series order.</summary>
public sealed record ChartStroke(string? Curve = null, IReadOnlyList<double>? Width = null, IReadOnlyList<int>? DashArray = null);

/// <summary><c>fill</c>: one opacity per series, in series order.</summary>
public sealed record ChartFill(IReadOnlyList<double>? Opacity = null, string? Type = null);

public sealed record ChartLegend(bool? Show = null, string? Position = null, string? HorizontalAlign = null);

public sealed record ChartTooltip(bool? Shared = null, bool? Intersect = null, ChartTooltipX? X = null, string? Theme = null);

/// <summary>Date format of the tooltip's x (ApexCharts' format string, not a function).</summary>
public sealed record ChartTooltipX(string? Format = null);

/// <summary><c>theme.mode</c>: <c>light</c> or <c>dark</c>, from the app's theme.</summary>
public sealed record ChartTheme(string Mode)
{
    public static ChartTheme For(bool dark) => new(dark ? "dark" : "light");
}

public sealed record ChartGrid(string? BorderColor = null);

public sealed record ChartDataLabels(bool Enabled);

public sealed record ChartMarkers(double? Size = null);

/// <summary>The one way a <see cref="ChartSpec"/> becomes JSON: camelCase, nulls left out.</summary>
public static class ChartSpecJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(ChartSpec spec) => JsonSerializer.Serialize(spec, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
