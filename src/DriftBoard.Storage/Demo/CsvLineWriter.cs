using System.Globalization;
using System.Text;

namespace DriftBoard.Storage.Demo;

/// <summary>
/// Writes CSV rows field by field with invariant formatting, straight into a buffered stream without per-row strings:
/// doubles in shortest round-trip form without E notation below 1e-4 (empty for NaN), timestamps as <c>yyyy-MM-ddTHH:mm:ssZ</c>, LF line ends, UTF-8 without BOM.
/// Text is quoted only when it holds a comma, quote or line break.
/// </summary>
internal sealed class CsvLineWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly char[] _scratch = new char[64];
    private bool _rowStarted;

    public CsvLineWriter(string path)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16)
        {
            NewLine = "\n",
        };
    }

    public void Header(IEnumerable<string> names)
    {
        foreach (var name in names) Text(name);
        EndRow();
    }

    public void Text(string value)
    {
        Separator();
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _writer.Write(value);
            return;
        }
        _writer.Write('"');
        _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
    }

    /// <summary>A prefix and a number as one field (ids such as <c>txn_123</c>) without building the string.</summary>
    public void Id(string prefix, long number)
    {
        Separator();
        _writer.Write(prefix);
        Number(number);
    }

    public void Integer(long value)
    {
        Separator();
        Number(value);
    }

    public void Real(double value)
    {
        Separator();
        if (double.IsNaN(value)) return;
        // Shortest round-trip text, except that tiny magnitudes would come out in E notation (1.1E-05): write those positionally.
        var format = value != 0 && Math.Abs(value) < 1e-4 ? "0.####################" : default;
        value.TryFormat(_scratch, out var written, format, CultureInfo.InvariantCulture);
        _writer.Write(_scratch, 0, written);
    }

    public void Timestamp(DateTime utc)
    {
        Separator();
        utc.TryFormat(_scratch, out var written, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        _writer.Write(_scratch, 0, written);
    }

    public void EndRow()
    {
        _writer.Write('\n');
        _rowStarted = false;
    }

    public void Dispose() => _writer.Dispose();

    private void Number(long value)
    {
        value.TryFormat(_scratch, out var written, default, CultureInfo.InvariantCulture);
        _writer.Write(_scratch, 0, written);
    }

    private void Separator()
    {
        if (_rowStarted) _writer.Write(',');
        _rowStarted = true;
    }
}
