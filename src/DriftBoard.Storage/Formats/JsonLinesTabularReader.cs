using System.Text;
using System.Text.Json;

namespace DriftBoard.Storage.Formats;

/// <summary>
/// JSON Lines (optionally gzip-compressed): one JSON object per line, read with <see cref="Utf8JsonReader"/> straight from
/// a reused byte buffer, without building a DOM or allocating per value.
/// </summary>
/// <remarks>
/// Values become text: a string is its unescaped text, a number its raw JSON text (so <c>1e3</c> stays <c>1e3</c>),
/// <c>true</c>/<c>false</c> as such, <c>null</c> as empty, a nested object or array its raw JSON text.
/// Columns are the keys of the first object in order; a key first seen on a later line is appended (earlier rows had
/// no value there). Blank lines are skipped but still counted in <see cref="Line"/>. A line that is not valid JSON,
/// or is a JSON value other than an object, or has anything after the object, is handed out with <see cref="RowError"/> set.
/// If a key repeats within one object, the last value wins.
/// </remarks>
public sealed class JsonLinesTabularReader : ITabularReader
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly FileStream _file;
    private readonly Stream _decoded;
    private readonly List<string> _columns = [];
    private readonly Dictionary<string, int> _columnIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _columnLookup;

    private byte[] _bytes = new byte[1 << 16];
    private int _bytesStart;
    private int _bytesEnd;
    private bool _endOfStream;
    private long _physicalLine;

    private char[] _chars = new char[1 << 12];
    private int _charsUsed;
    private char[] _nameScratch = new char[256];
    private int[] _valueStart = new int[16];
    private int[] _valueLength = new int[16]; // -1 = key absent on this row

    private bool _pendingFirstRow;
    private long _line;
    private int _fieldCount;
    private string? _rowError;

    /// <summary>A line longer than this is treated as a broken file rather than buffered without bound.</summary>
    private readonly int _maxLineBytes;

    private JsonLinesTabularReader(string path, FileStream file, Stream decoded, int maxLineBytes)
    {
        _maxLineBytes = maxLineBytes;
        FilePath = path;
        _file = file;
        _decoded = decoded;
        TotalBytes = file.Length;
        _columnLookup = _columnIndex.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    internal static JsonLinesTabularReader Open(string path, bool gzip, TabularReaderLimits limits)
    {
        var file = TabularReader.OpenFile(path);
        JsonLinesTabularReader? reader = null;
        try
        {
            reader = new JsonLinesTabularReader(path, file, TabularReader.Decoded(file, gzip), limits.MaxRowBytes);
            reader.SkipBom();
            // Read the first row now so Columns is known right after Open, as for CSV and Parquet.
            if (!reader.ReadRow()) throw new DatasetContractException(path, "file is empty");
            reader._pendingFirstRow = true;
            return reader;
        }
        catch (Exception e)
        {
            if (reader is not null) reader.Dispose();
            else file.Dispose();
            if (e is InvalidDataException or IOException)
                throw new DatasetContractException(path, $"cannot read the file: {e.Message}");
            throw;
        }
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
        if (_pendingFirstRow)
        {
            _pendingFirstRow = false;
            return true;
        }
        try
        {
            return ReadRow();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new DatasetContractException(FilePath, $"cannot read the file: {e.Message}", line: _physicalLine + 1);
        }
    }

    public ReadOnlySpan<char> Get(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        if (column >= _columns.Count) throw new ArgumentOutOfRangeException(nameof(column));
        var length = _valueLength[column];
        return length <= 0 ? default : _chars.AsSpan(_valueStart[column], length);
    }

    public void Dispose()
    {
        if (!ReferenceEquals(_decoded, _file)) _decoded.Dispose();
        _file.Dispose();
    }

    private bool ReadRow()
    {
        while (NextLine(out var line))
        {
            if (IsBlank(line)) continue;
            _line = _physicalLine;
            ParseObject(line);
            return true;
        }
        return false;
    }

    private void ParseObject(ReadOnlySpan<byte> line)
    {
        _charsUsed = 0;
        _fieldCount = 0;
        _rowError = null;
        _valueLength.AsSpan(0, _columns.Count).Fill(-1);
        try
        {
            var json = new Utf8JsonReader(line, isFinalBlock: true, state: default);
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
            {
                _rowError = $"line is not a JSON object (found {json.TokenType})";
                return;
            }
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                var column = ColumnFor(ref json);
                if (!json.Read()) break;
                StoreValue(ref json, line, column);
            }
            if (json.TokenType != JsonTokenType.EndObject || json.CurrentDepth != 0)
                _rowError = "invalid JSON: the object is not closed on this line";
            else
                json.Read(); // throws JsonException if anything but whitespace follows the object
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            _rowError = $"invalid JSON: {e.Message}";
        }
    }

    private int ColumnFor(ref Utf8JsonReader json)
    {
        var needed = json.HasValueSequence ? (int)json.ValueSequence.Length : json.ValueSpan.Length;
        if (_nameScratch.Length < needed) _nameScratch = new char[Math.Max(needed, _nameScratch.Length * 2)];
        var name = _nameScratch.AsSpan(0, json.CopyString(_nameScratch));
        if (_columnLookup.TryGetValue(name, out var column)) return column;

        column = _columns.Count;
        var text = name.ToString();
        _columns.Add(text);
        _columnIndex.Add(text, column);
        if (_valueLength.Length <= column)
        {
            Array.Resize(ref _valueStart, _valueStart.Length * 2);
            Array.Resize(ref _valueLength, _valueLength.Length * 2);
        }
        _valueLength[column] = -1;
        return column;
    }

    private void StoreValue(ref Utf8JsonReader json, ReadOnlySpan<byte> line, int column)
    {
        if (_valueLength[column] < 0) _fieldCount++;
        switch (json.TokenType)
        {
            case JsonTokenType.String:
                EnsureChars(json.ValueSpan.Length);
                SetValue(column, json.CopyString(_chars.AsSpan(_charsUsed)));
                break;
            case JsonTokenType.Number:
                SetValue(column, AppendUtf8(json.ValueSpan));
                break;
            case JsonTokenType.True:
                SetValue(column, AppendAscii("true"));
                break;
            case JsonTokenType.False:
                SetValue(column, AppendAscii("false"));
                break;
            case JsonTokenType.Null:
                _valueStart[column] = _charsUsed;
                _valueLength[column] = 0;
                break;
            default: // StartObject or StartArray: keep the raw JSON text
                var start = (int)json.TokenStartIndex;
                json.Skip();
                SetValue(column, AppendUtf8(line[start..(int)json.BytesConsumed]));
                break;
        }
    }

    private void SetValue(int column, int length)
    {
        _valueStart[column] = _charsUsed;
        _valueLength[column] = length;
        _charsUsed += length;
    }

    private int AppendUtf8(ReadOnlySpan<byte> utf8)
    {
        EnsureChars(utf8.Length);
        return Encoding.UTF8.GetChars(utf8, _chars.AsSpan(_charsUsed));
    }

    private int AppendAscii(string text)
    {
        EnsureChars(text.Length);
        text.CopyTo(_chars.AsSpan(_charsUsed));
        return text.Length;
    }

    /// <summary>Makes room for <paramref name="more"/> chars; UTF-8 never decodes to more chars than it has bytes.</summary>
    private void EnsureChars(int more)
    {
        if (_charsUsed + more > _chars.Length)
            Array.Resize(ref _chars, Math.Max(_charsUsed + more, _chars.Length * 2));
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return false;
        return true;
    }

    private void SkipBom()
    {
        Fill();
        if (_bytes.AsSpan(_bytesStart, _bytesEnd - _bytesStart).StartsWith(Utf8Bom)) _bytesStart += Utf8Bom.Length;
    }

    /// <summary>The next physical line without its line ending; valid until the next call.</summary>
    private bool NextLine(out ReadOnlySpan<byte> line)
    {
        var searchFrom = _bytesStart;
        while (true)
        {
            var newline = _bytes.AsSpan(searchFrom, _bytesEnd - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var end = searchFrom + newline;
                line = TrimCarriageReturn(_bytes.AsSpan(_bytesStart, end - _bytesStart));
                _bytesStart = end + 1;
                _physicalLine++;
                return true;
            }
            if (_endOfStream)
            {
                if (_bytesStart == _bytesEnd)
                {
                    line = default;
                    return false;
                }
                line = TrimCarriageReturn(_bytes.AsSpan(_bytesStart, _bytesEnd - _bytesStart));
                _bytesStart = _bytesEnd;
                _physicalLine++;
                return true;
            }
            searchFrom = _bytesEnd - _bytesStart; // after Fill moves the partial line to the front
            Fill();
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    /// <summary>Moves the unread bytes to the front, grows the buffer if a line fills it, and reads more.</summary>
    private void Fill()
    {
        var pending = _bytesEnd - _bytesStart;
        if (_bytesStart > 0)
        {
            _bytes.AsSpan(_bytesStart, pending).CopyTo(_bytes);
            _bytesStart = 0;
            _bytesEnd = pending;
        }
        if (_bytesEnd == _bytes.Length)
        {
            if (_bytes.Length >= _maxLineBytes)
                throw new DatasetContractException(FilePath,
                    $"a line is longer than {RowTooLongException.Describe(_maxLineBytes)} (no line break?); the limit is MaxRowBytes", line: _physicalLine + 1);
            Array.Resize(ref _bytes, Math.Min(_bytes.Length * 2, _maxLineBytes));
        }
        var read = _decoded.Read(_bytes, _bytesEnd, _bytes.Length - _bytesEnd);
        if (read == 0) _endOfStream = true;
        _bytesEnd += read;
    }
}
