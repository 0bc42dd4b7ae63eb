using nietras.SeparatedValues;

namespace DriftBoard.Storage.Formats;

/// <summary>
/// CSV (optionally gzip-compressed) read with Sep. The separator (comma, semicolon, tab, pipe) is detected from the header line;
/// quoted fields may hold separators, doubled quotes and newlines and are unescaped. UTF-8 with or without BOM.
/// A row with a different number of fields than the header is handed out with <see cref="RowError"/> set.
/// </summary>
public sealed class CsvTabularReader : ITabularReader
{
    private readonly FileStream _file;
    private readonly Stream _decoded;
    private readonly SepReader _sep;
    private readonly string[] _columns;
    private string? _rowError;
    private long _line;
    private int _fieldCount;

    private CsvTabularReader(string path, FileStream file, Stream decoded, SepReader sep, string[] columns)
    {
        FilePath = path;
        _file = file;
        _decoded = decoded;
        _sep = sep;
        _columns = columns;
        TotalBytes = file.Length;
    }

    internal static CsvTabularReader Open(string path, bool gzip)
    {
        var file = TabularReader.OpenFile(path);
        Stream? decoded = null;
        try
        {
            decoded = TabularReader.Decoded(file, gzip);
            var sep = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(decoded);
            if (sep.Header.IsEmpty)
            {
                sep.Dispose();
                throw new DatasetContractException(path, "file is empty");
            }
            var columns = sep.Header.ColNames.ToArray();
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
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or NotSupportedException)
        {
            DisposeStreams(file, decoded);
            throw new DatasetContractException(path, $"not a valid CSV file: {e.Message}", line: 1);
        }
    }

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
        return column < _fieldCount ? _sep.Current[column].Span : default;
    }

    public void Dispose()
    {
        _sep.Dispose();
        DisposeStreams(_file, _decoded);
    }
}
