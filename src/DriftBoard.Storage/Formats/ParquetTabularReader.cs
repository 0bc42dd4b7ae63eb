using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace DriftBoard.Storage.Formats;

/// <summary>
/// Parquet read with Parquet.Net one row group at a time, column by column; each value is turned into invariant text
/// (see <see cref="ParquetValueText"/>). Memory holds one row group's text, never the whole file.
/// Only flat top-level columns are read; nested (struct, list, map) columns are left out of <see cref="Columns"/>.
/// <see cref="Line"/> is the 1-based row number plus one, as if the schema were a header line.
/// </summary>
public sealed class ParquetTabularReader : ITabularReader
{
    private readonly FileStream _file;
    private readonly ParquetReader _parquet;
    private readonly DataField[] _fields;
    private readonly string[] _columns;
    private readonly string?[][] _rowGroupText;
    private int _nextRowGroup;
    private int _rowsInGroup;
    private int _rowInGroup = -1;
    private long _rowsBefore;

    private ParquetTabularReader(string path, FileStream file, ParquetReader parquet, DataField[] fields)
    {
        FilePath = path;
        _file = file;
        _parquet = parquet;
        _fields = fields;
        _columns = Array.ConvertAll(fields, f => f.Name);
        _rowGroupText = new string?[fields.Length][];
        TotalBytes = file.Length;
    }

    internal static ParquetTabularReader Open(string path)
    {
        var file = TabularReader.OpenFile(path);
        try
        {
            if (file.Length == 0) throw new DatasetContractException(path, "file is empty");
            // Parquet.Net is async-only; Task.Run keeps the blocking wait off any caller's synchronization context.
            var parquet = Task.Run(() => ParquetReader.CreateAsync(file, leaveStreamOpen: true)).GetAwaiter().GetResult();
            var fields = parquet.Schema.Fields.OfType<DataField>().Where(f => !f.IsArray).ToArray();
            return new ParquetTabularReader(path, file, parquet, fields);
        }
        catch (Exception e) when (e is not DatasetContractException)
        {
            file.Dispose();
            throw new DatasetContractException(path, $"not a valid Parquet file: {e.Message}");
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public string FilePath { get; }
    public IReadOnlyList<string> Columns => _columns;
    public long Line => _rowsBefore + _rowInGroup + 2;
    public long BytesRead => _file.Position;
    public long TotalBytes { get; }

    public bool Read()
    {
        while (_rowInGroup + 1 >= _rowsInGroup)
        {
            if (_nextRowGroup >= _parquet.RowGroupCount) return false;
            LoadRowGroup(_nextRowGroup++);
        }
        _rowInGroup++;
        return true;
    }

    public ReadOnlySpan<char> Get(int column) => _rowGroupText[column][_rowInGroup].AsSpan();

    public void Dispose()
    {
        _parquet.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _file.Dispose();
    }

    private void LoadRowGroup(int index)
    {
        _rowsBefore += _rowsInGroup;
        _rowInGroup = -1;
        try
        {
            Task.Run(async () =>
            {
                using var rowGroup = _parquet.OpenRowGroupReader(index);
                var rows = checked((int)rowGroup.RowCount);
                for (var c = 0; c < _fields.Length; c++)
                {
                    _rowGroupText[c] = null!; // let the previous group's text go before reading the next column
                    _rowGroupText[c] = await ParquetValueText.ReadColumnAsync(rowGroup, _fields[c], rows).ConfigureAwait(false);
                }
                _rowsInGroup = rows;
            }).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not DatasetContractException)
        {
            throw new DatasetContractException(FilePath, $"cannot read Parquet row group {index}: {e.Message}", line: _rowsBefore + 2);
        }
    }
}

/// <summary>
/// Reads one flat Parquet column of a row group as invariant text: doubles and floats in shortest round-trip form,
/// integers and decimals plainly, booleans as <c>true</c>/<c>false</c>, timestamps as ISO 8601 UTC
/// (<c>2026-03-01T12:00:00.5Z</c>; a DateTime of unspecified kind is taken as UTC), dates as <c>yyyy-MM-dd</c>,
/// byte arrays as Base64, null as empty.
/// </summary>
internal static class ParquetValueText
{
    private const string IsoUtc = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public static async Task<string?[]> ReadColumnAsync(ParquetRowGroupReader rowGroup, DataField field, int rows)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[rows];
            await rowGroup.ReadAsync(field, values.AsMemory(), null).ConfigureAwait(false);
            return values;
        }
        if (type == typeof(byte[]))
        {
            var values = new byte[]?[rows];
            await rowGroup.ReadAsync(field, values.AsMemory(), null).ConfigureAwait(false);
            return Array.ConvertAll(values, v => v is null ? null : Convert.ToBase64String(v));
        }
        return type switch
        {
            _ when type == typeof(double) => await ReadAsync<double>(rowGroup, field, rows, v => v.ToString("R", CultureInfo.InvariantCulture)),
            _ when type == typeof(float) => await ReadAsync<float>(rowGroup, field, rows, v => v.ToString("R", CultureInfo.InvariantCulture)),
            _ when type == typeof(long) => await ReadAsync<long>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(int) => await ReadAsync<int>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(short) => await ReadAsync<short>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(sbyte) => await ReadAsync<sbyte>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(byte) => await ReadAsync<byte>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(ushort) => await ReadAsync<ushort>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(uint) => await ReadAsync<uint>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(ulong) => await ReadAsync<ulong>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(decimal) => await ReadAsync<decimal>(rowGroup, field, rows, v => v.ToString(CultureInfo.InvariantCulture)),
            _ when type == typeof(bool) => await ReadAsync<bool>(rowGroup, field, rows, v => v ? "true" : "false"),
            _ when type == typeof(DateTime) => await ReadAsync<DateTime>(rowGroup, field, rows, Iso),
            _ when type == typeof(DateTimeOffset) => await ReadAsync<DateTimeOffset>(rowGroup, field, rows, v => v.UtcDateTime.ToString(IsoUtc, CultureInfo.InvariantCulture)),
            _ when type == typeof(DateOnly) => await ReadAsync<DateOnly>(rowGroup, field, rows, v => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ when type == typeof(TimeOnly) => await ReadAsync<TimeOnly>(rowGroup, field, rows, v => v.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            _ when type == typeof(TimeSpan) => await ReadAsync<TimeSpan>(rowGroup, field, rows, v => v.ToString("c", CultureInfo.InvariantCulture)),
            _ when type == typeof(Guid) => await ReadAsync<Guid>(rowGroup, field, rows, v => v.ToString()),
            _ => throw new NotSupportedException($"column '{field.Name}' has unsupported type {type.Name}"),
        };
    }

    private static string Iso(DateTime value)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
        return utc.ToString(IsoUtc, CultureInfo.InvariantCulture);
    }

    private static async Task<string?[]> ReadAsync<T>(ParquetRowGroupReader rowGroup, DataField field, int rows, Func<T, string> format)
        where T : struct
    {
        var text = new string?[rows];
        if (field.IsNullable)
        {
            var values = new T?[rows];
            await rowGroup.ReadAsync<T>(field, values.AsMemory(), null).ConfigureAwait(false);
            for (var i = 0; i < rows; i++)
                if (values[i] is { } v) text[i] = format(v);
        }
        else
        {
            var values = new T[rows];
            await rowGroup.ReadAsync<T>(field, values.AsMemory(), null).ConfigureAwait(false);
            for (var i = 0; i < rows; i++) text[i] = format(values[i]);
        }
        return text;
    }
}
