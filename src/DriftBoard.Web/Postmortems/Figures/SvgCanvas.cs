using System.Globalization;
using System.Text;
using System.Xml;

namespace DriftBoard.Web.Postmortems.Figures;

/// <summary>
/// A small writer of standalone SVG documents (xmlns, viewBox, width and height) over <see cref="XmlWriter"/>, so text
/// and attributes are always escaped. Coordinates are written with two decimals, invariant culture. Dispose (or
/// <see cref="ToSvg"/>) closes the document.
/// </summary>
internal sealed class SvgCanvas
{
    private const string Namespace = "http://www.w3.org/2000/svg";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly StringBuilder _text = new();
    private readonly XmlWriter _xml;

    public SvgCanvas(int width, int height, string title)
    {
        Width = width;
        Height = height;
        _xml = XmlWriter.Create(_text, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false });
        _xml.WriteStartElement("svg", Namespace);
        _xml.WriteAttributeString("width", N(width));
        _xml.WriteAttributeString("height", N(height));
        _xml.WriteAttributeString("viewBox", $"0 0 {N(width)} {N(height)}");
        _xml.WriteAttributeString("role", "img");
        _xml.WriteAttributeString("font-family", "Helvetica, Arial, sans-serif");
        _xml.WriteAttributeString("font-size", "12");
        _xml.WriteElementString("title", Namespace, title);
        // A white background: the figure stays readable on a dark page and prints as it looks.
        Rect(0, 0, width, height, "#ffffff");
    }

    public int Width { get; }

    public int Height { get; }

    public void Rect(double x, double y, double width, double height, string fill, string? stroke = null)
    {
        Start("rect", ("x", N(x)), ("y", N(y)), ("width", N(Math.Max(0, width))), ("height", N(Math.Max(0, height))), ("fill", fill));
        if (stroke is not null) _xml.WriteAttributeString("stroke", stroke);
        _xml.WriteEndElement();
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
    {
        Start("line", ("x1", N(x1)), ("y1", N(y1)), ("x2", N(x2)), ("y2", N(y2)), ("stroke", stroke), ("stroke-width", N(width)));
        if (dash is not null) _xml.WriteAttributeString("stroke-dasharray", dash);
        _xml.WriteEndElement();
    }

    /// <summary>A polyline through the points; nothing when there are fewer than two.</summary>
    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width = 2, string? dash = null)
    {
        if (points.Count < 2) return;
        Start("polyline", ("points", string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"))), ("fill", "none"), ("stroke", stroke),
            ("stroke-width", N(width)));
        if (dash is not null) _xml.WriteAttributeString("stroke-dasharray", dash);
        _xml.WriteEndElement();
    }

    public void Circle(double x, double y, double r, string stroke, string fill)
    {
        Start("circle", ("cx", N(x)), ("cy", N(y)), ("r", N(r)), ("stroke", stroke), ("stroke-width", "1.5"), ("fill", fill));
        _xml.WriteEndElement();
    }

    /// <summary>Text at (x, y); <paramref name="anchor"/> is start, middle or end.</summary>
    public void Text(double x, double y, string text, string anchor = "start", string fill = "#222222", string? weight = null, double size = 12)
    {
        Start("text", ("x", N(x)), ("y", N(y)), ("text-anchor", anchor), ("fill", fill), ("font-size", N(size)));
        if (weight is not null) _xml.WriteAttributeString("font-weight", weight);
        _xml.WriteString(text);
        _xml.WriteEndElement();
    }

    /// <summary>Closes the document and returns it.</summary>
    public string ToSvg()
    {
        _xml.WriteEndElement();
        _xml.Flush();
        _xml.Dispose();
        return _text.ToString();
    }

    private void Start(string element, params ReadOnlySpan<(string Name, string Value)> attributes)
    {
        _xml.WriteStartElement(element, Namespace);
        foreach (var (name, value) in attributes) _xml.WriteAttributeString(name, value);
    }

    private static string N(double value) => double.IsFinite(value) ? Math.Round(value, 2).ToString("0.##", Invariant) : "0";
}
