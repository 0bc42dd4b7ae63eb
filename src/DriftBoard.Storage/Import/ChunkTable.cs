using System.Buffers;
using DriftBoard.Storage.Database;
using Microsoft.Data.Sqlite;

namespace DriftBoard.Storage.Import;

/// <summary>
/// Buffers one source's rows column-wise per UTC day and writes them as <c>column_chunks</c>: a day's chunk is written when it
/// reaches <see cref="ChunkRows"/> rows, and every buffered day is written when the buffers hold <see cref="MaxBufferedRows"/>
/// rows in all (so memory stays bounded whatever the day order of the file). All columns of a day are flushed together,
/// so chunk <c>(day, seq)</c> holds the same rows in every column.
/// A day no row has gone to for <see cref="ChunkRows"/> rows is written early and its buffer reused for the next day:
/// in a time-ordered file that keeps one or two days in memory instead of all of them.
/// </summary>
internal sealed class ChunkTable : IDisposable
{
    public const int ChunkRows = 65_536;
    public const int MaxBufferedRows = 1 << 20;

    private readonly TableLayout _layout;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _day, _column, _seq, _rowCount, _encoding, _data;
    private readonly Dictionary<long, DayBuffer> _days = [];
    private readonly Dictionary<long, int> _nextSeq = [];
    private readonly Stack<DayBuffer> _free = new();
    private long _buffered, _appended;

    public ChunkTable(SqliteConnection connection, SqliteTransaction transaction, string datasetId, string source, TableLayout layout)
    {
        _layout = layout;
        _insert = connection.CreateCommand();
        _insert.Transaction = transaction;
        _insert.CommandText = """
            INSERT INTO column_chunks (dataset_id, source, column_name, day, seq, row_count, encoding, data)
            VALUES ($dataset, $source, $column, $day, $seq, $rows, $encoding, $data);
            """;
        _insert.Parameters.AddWithValue("$dataset", datasetId);
        _insert.Parameters.AddWithValue("$source", source);
        _column = _insert.Parameters.Add("$column", SqliteType.Text);
        _day = _insert.Parameters.Add("$day", SqliteType.Integer);
        _seq = _insert.Parameters.Add("$seq", SqliteType.Integer);
        _rowCount = _insert.Parameters.Add("$rows", SqliteType.Integer);
        _encoding = _insert.Parameters.Add("$encoding", SqliteType.Text);
        _data = _insert.Parameters.Add("$data", SqliteType.Blob);
        _insert.Prepare();
    }

    public long ChunksWritten { get; private set; }

    /// <summary>Appends the row in <paramref name="row"/>; string columns are read from the reader's current row.</summary>
    public void Append(long day, RowValues row, Formats.ITabularReader reader)
    {
        if (!_days.TryGetValue(day, out var buffer))
        {
            FlushIdleDays();
            buffer = _free.TryPop(out var reused) ? reused : new DayBuffer(_layout);
            _days.Add(day, buffer);
        }
        buffer.Append(row, reader, _layout);
        buffer.LastAppended = ++_appended;
        _buffered++;
        if (buffer.Count == ChunkRows)
        {
            Flush(day, buffer);
            buffer.Clear();
        }
        else if (_buffered >= MaxBufferedRows)
        {
            FlushAll();
        }
    }

    private void FlushIdleDays()
    {
        foreach (var (day, buffer) in _days)
        {
            if (_appended - buffer.LastAppended < ChunkRows) continue;
            if (buffer.Count > 0) Flush(day, buffer);
            buffer.Clear();
            _days.Remove(day); // removing the current entry while enumerating is allowed for Dictionary
            _free.Push(buffer);
        }
    }

    /// <summary>Writes every buffered row and releases the buffers.</summary>
    public void FlushAll()
    {
        foreach (var (day, buffer) in _days)
            if (buffer.Count > 0) Flush(day, buffer);
        _days.Clear();
        _free.Clear();
        _buffered = 0;
    }

    private void Flush(long day, DayBuffer buffer)
    {
        var seq = _nextSeq.GetValueOrDefault(day);
        _nextSeq[day] = seq + 1;
        var count = buffer.Count;
        _day.Value = day;
        _seq.Value = seq;
        _rowCount.Value = count;
        for (var c = 0; c < _layout.F64.Count; c++) Write(_layout.F64[c], ChunkEncoding.ToBlob<double>(buffer.F64[c].AsSpan(0, count)));
        for (var c = 0; c < _layout.I64.Count; c++) Write(_layout.I64[c], ChunkEncoding.ToBlob<long>(buffer.I64[c].AsSpan(0, count)));
        for (var c = 0; c < _layout.I32.Count; c++) Write(_layout.I32[c], ChunkEncoding.ToBlob<int>(buffer.I32[c].AsSpan(0, count)));
        for (var c = 0; c < _layout.I8.Count; c++) Write(_layout.I8[c], ChunkEncoding.ToBlob<sbyte>(buffer.I8[c].AsSpan(0, count)));
        for (var c = 0; c < _layout.Str.Count; c++) Write(_layout.Str[c], buffer.Str[c].WrittenSpan.ToArray());
        _buffered -= count;
    }

    private void Write(StoredColumn column, byte[] blob)
    {
        _column.Value = column.Name;
        _encoding.Value = column.Encoding;
        _data.Value = blob;
        _insert.ExecuteNonQuery();
        ChunksWritten++;
    }

    public void Dispose() => _insert.Dispose();

    /// <summary>One day's rows not yet written, column-wise. Arrays grow by doubling up to <see cref="ChunkRows"/>.</summary>
    private sealed class DayBuffer
    {
        private const int InitialCapacity = 1024;
        private int _capacity = InitialCapacity;

        public DayBuffer(TableLayout layout)
        {
            F64 = Allocate<double>(layout.F64.Count);
            I64 = Allocate<long>(layout.I64.Count);
            I32 = Allocate<int>(layout.I32.Count);
            I8 = Allocate<sbyte>(layout.I8.Count);
            Str = new ArrayBufferWriter<byte>[layout.Str.Count];
            for (var i = 0; i < Str.Length; i++) Str[i] = new ArrayBufferWriter<byte>(InitialCapacity * 16);
        }

        public int Count { get; private set; }

        /// <summary>The table's append counter when this day last received a row.</summary>
        public long LastAppended { get; set; }

        public double[][] F64 { get; }
        public long[][] I64 { get; }
        public int[][] I32 { get; }
        public sbyte[][] I8 { get; }
        public ArrayBufferWriter<byte>[] Str { get; }

        public void Append(RowValues row, Formats.ITabularReader reader, TableLayout layout)
        {
            if (Count == _capacity) Grow();
            var i = Count;
            for (var c = 0; c < F64.Length; c++) F64[c][i] = row.F64[c];
            for (var c = 0; c < I64.Length; c++) I64[c][i] = row.I64[c];
            for (var c = 0; c < I32.Length; c++) I32[c][i] = row.I32[c];
            for (var c = 0; c < I8.Length; c++) I8[c][i] = row.I8[c];
            for (var c = 0; c < Str.Length; c++) ChunkEncoding.AppendString(Str[c], reader.Get(layout.Str[c].FileIndex));
            Count = i + 1;
        }

        public void Clear()
        {
            Count = 0;
            foreach (var writer in Str) writer.ResetWrittenCount();
        }

        private void Grow()
        {
            _capacity = Math.Min(_capacity * 2, ChunkRows);
            Resize(F64);
            Resize(I64);
            Resize(I32);
            Resize(I8);
        }

        private void Resize<T>(T[][] arrays)
        {
            for (var c = 0; c < arrays.Length; c++) Array.Resize(ref arrays[c], _capacity);
        }

        private T[][] Allocate<T>(int columns)
        {
            var arrays = new T[columns][];
            for (var c = 0; c < columns; c++) arrays[c] = new T[_capacity];
            return arrays;
        }
    }
}
