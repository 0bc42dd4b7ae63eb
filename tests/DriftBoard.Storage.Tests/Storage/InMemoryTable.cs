using DriftBoard.Storage.Formats;

namespace DriftBoard.Storage.Tests.Storage;

/// <summary>A file's rows as text in memory, served through <see cref="ITabularReader"/> the way a CSV reader would (header on line 1).</summary>
internal sealed class InMemoryTable(string[] columns, IReadOnlyList<string[]> rows)
{
    public string[] Columns { get; } = columns;
    public IReadOnlyList<string[]> Rows { get; } = rows;

    /// <summary>When set, the reader throws after handing out this many rows (a disk error or corrupt file mid-import).</summary>
    public int? FailAfterRows { get; init; }

    public static InMemoryTable Of(string header, params string[] lines) =>
        new(header.Split(','), lines.Select(l => l.Split(',')).ToList());

    public ITabularReader Open(string path) => new Reader(this, path);

    private sealed class Reader(InMemoryTable table, string path) : ITabularReader
    {
        private int _row = -1;

        public string FilePath => path;
        public IReadOnlyList<string> Columns => table.Columns;
        public long Line => _row + 2;
        public long BytesRead => _row + 1;
        public long TotalBytes => table.Rows.Count;

        public bool Read()
        {
            if (table.FailAfterRows is { } limit && _row + 1 >= limit) throw new IOException($"simulated read failure after {limit} rows");
            return ++_row < table.Rows.Count;
        }

        public ReadOnlySpan<char> Get(int column)
        {
            var row = table.Rows[_row];
            return column < row.Length ? row[column] : default;
        }

        public void Dispose() { }
    }
}

/// <summary>A dataset folder held in memory: file name → table; opening any other file is a missing file.</summary>
internal sealed class InMemoryFolder : Dictionary<string, InMemoryTable>
{
    public const string Path = "/datasets/fraud";

    public ITabularReader Open(string path) =>
        TryGetValue(System.IO.Path.GetFileName(path), out var table) ? table.Open(path) : throw new FileNotFoundException("no such file", path);
}
