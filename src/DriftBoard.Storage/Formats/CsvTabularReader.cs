using nietras.SeparatedValues;

namespace DriftBoard.Storage.Formats;

/// <summary>
/// CSV (optionally gzip-compressed) read with Sep. The separator (comma, semicolon, tab, pipe) is detected from the header line;
/// quoted fields may hold separators, doubled quotes and newlines and are unquoted. UTF-8 with or without BOM.
/// A row longer than <see cref="TabularReaderLimits.MaxRowBytes"/> fails the file at once, naming the line it starts on.
/// A row with a different number of fields than the header, or with a malformed quoted field (an opening quote never
/// closed, text after the closing quote, a lone quote inside), is handed out with <see cref="RowError"/> set.
/// </summary>
/// <remarks>
/// Sep's own unescaping is lenient (an unclosed quote silently swallows the rest of the file into one field), so Sep
/// hands out raw fields and this reader unquotes the few that start with a quote itself, validating them as it goes.
/// Unquoted text lives in a per-row buffer, so spans from <see cref="Get"/> stay valid until the next <see cref="Read"/>.
/// </remarks>
public sealed class CsvTabularReader : ITabularReader
{
    private readonly FileStream _file;
    private readonly Stream _decoded;
    private readonly SepReader _sep;
    private readonly string[] _columns;
    private string? _rowError;
    private long _line;
    private int _fieldCount;
    private char[] _unquoted = new char[1024];
    private int _unquotedUsed;
    private int[] _unquotedStart = new int[32]; // per field: -1 = not quoted, read the raw span
    private int[] _unquotedLength = new int[32];

    private CsvTabularReader(string path, FileStream file, Stream decoded, SepReader sep, string[] columns)
    {
        FilePath = path;
        _file = file;
        _decoded = decoded;
        _sep = sep;
        _columns = columns;
        TotalBytes = file.Length;
    }

    internal static CsvTabularReader Open(string path, bool gzip, TabularReaderLimits limits)
    {
        var file = TabularReader.OpenFile(path);
        Stream? decoded = null;
        try
        {
            decoded = new RowLengthGuardStream(TabularReader.Decoded(file, gzip), limits.MaxRowBytes);
            var sep = Sep.Reader(o => o with { Unescape = false, DisableColCountCheck = true }).From(decoded);
            if (sep.Header.IsEmpty)
            {
                sep.Dispose();
                throw new DatasetContractException(path, "file is empty");
            }
            var columns = sep.Header.ColNames.Select(HeaderName).ToArray();
            if (columns.Any(c => c.Contains('\0')))
            {
                sep.Dispose();
                throw new DatasetContractException(path, "not a text CSV file (binary content in the header)", line: 1);
            }
            return new CsvTabularReader(path, file, decoded, sep, columns);
        }
        catch (DatasetContractException)
        {
            DisposeStreams(file, decoded);
            throw;
        }
        catch (RowTooLongException e)
        {
            DisposeStreams(file, decoded);
            throw new DatasetContractException(path, e.Message, line: e.Line);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or NotSupportedException)
        {
            DisposeStreams(file, decoded);
            throw new DatasetContractException(path, $"not a valid CSV file: {e.Message}", line: 1);
        }
    }

    /// <summary>Header names come raw from Sep too; a quoted name is unquoted (malformed quoting is kept as written).</summary>
    private static string HeaderName(string raw) =>
        raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : raw;

    private static void DisposeStreams(FileStream file, Stream? decoded)
    {
        if (decoded is not null && !ReferenceEquals(decoded, file)) decoded.Dispose();
        file.Dispose();
    }

    public string FilePath { get; }
    public IReadOnlyList<string> Columns => _columns;
    public long Line => _line;
    public int FieldCount => _fieldCount;
    public string? RowError => _rowError;
    public long BytesRead => _file.Position;
    public long TotalBytes { get; }

    public bool Read()
    {
        bool moved;
        try
        {
            moved = _sep.MoveNext();
        }
        catch (RowTooLongException e)
        {
            throw new DatasetContractException(FilePath, e.Message, line: e.Line);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            // Sep reports the line it was parsing; ours is the last good row's, plus one is where it broke.
            throw new DatasetContractException(FilePath, $"not a valid CSV file: {e.Message}", line: _line + 1);
        }
        if (!moved) return false;
        var row = _sep.Current;
        _line = row.LineNumberFrom;
        _fieldCount = row.ColCount;
        _rowError = _fieldCount == _columns.Length
            ? null
            : FieldCountError(_columns.Length, _fieldCount);
        UnquoteFields(row);
        return true;
    }

    // Small cache so a file full of 13-field rows does not allocate the same message a million times.
    private string? _lastFieldCountError;
    private int _lastFieldCountErrorCount = -1;

    private string FieldCountError(int expected, int actual)
    {
        if (actual != _lastFieldCountErrorCount)
        {
            _lastFieldCountError = $"expected {expected} fields as in the header, found {actual}";
            _lastFieldCountErrorCount = actual;
        }
        return _lastFieldCountError!;
    }

    public ReadOnlySpan<char> Get(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        if (column >= _fieldCount) return default;
        var start = _unquotedStart[column];
        return start < 0 ? _sep.Current[column].Span : _unquoted.AsSpan(start, _unquotedLength[column]);
    }

    private void UnquoteFields(SepReader.Row row)
    {
        if (_unquotedStart.Length < _fieldCount)
        {
            _unquotedStart = new int[_fieldCount * 2];
            _unquotedLength = new int[_fieldCount * 2];
        }
        _unquotedUsed = 0;
        if (!row.Span.Contains('"'))
        {
            // The common case: one vectorized scan of the row instead of a look at every field.
            _unquotedStart.AsSpan(0, _fieldCount).Fill(-1);
            return;
        }
        for (var c = 0; c < _fieldCount; c++)
        {
            var raw = row[c].Span;
            if (raw.IsEmpty || raw[0] != '"')
            {
                _unquotedStart[c] = -1;
                continue;
            }
            if (!TryUnquote(raw, c) && _rowError is null)
                _rowError = $"malformed quoted field in column '{(c < _columns.Length ? _columns[c] : (c + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))}' (unclosed quote, or text after the closing quote)";
        }
    }

    /// <summary>Unquotes <c>"..."</c> with <c>""</c> for a quote inside; false if the quoting is malformed.</summary>
    private bool TryUnquote(ReadOnlySpan<char> raw, int column)
    {
        _unquotedStart[column] = _unquotedUsed;
        _unquotedLength[column] = 0;
        if (raw.Length < 2 || raw[^1] != '"') return false;
        var inner = raw[1..^1];
        if (_unquoted.Length < _unquotedUsed + inner.Length)
            Array.Resize(ref _unquoted, Math.Max(_unquotedUsed + inner.Length, _unquoted.Length * 2));
        var target = _unquoted.AsSpan(_unquotedUsed);
        var length = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '"')
            {
                if (i + 1 >= inner.Length || inner[i + 1] != '"') return false;
                i++;
            }
            target[length++] = inner[i];
        }
        _unquotedLength[column] = length;
        _unquotedUsed += length;
        return true;
    }

    public void Dispose()
    {
        _sep.Dispose();
        DisposeStreams(_file, _decoded);
    }
}
