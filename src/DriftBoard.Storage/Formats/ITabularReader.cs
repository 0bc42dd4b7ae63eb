namespace DriftBoard.Storage.Formats;

/// <summary>
/// A forward-only reader over the rows of one tabular file, whatever its format (CSV, gzip CSV, JSON Lines, Parquet).
/// Never loads the file whole: it streams and hands out the current row's fields as text.
/// </summary>
public interface ITabularReader : IDisposable
{
    /// <summary>The file's path as given, for error messages.</summary>
    string FilePath { get; }

    /// <summary>Column names in file order (CSV header, JSON keys of the first object and any added later, Parquet schema).</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Advances to the next row; false at the end of the file.</summary>
    bool Read();

    /// <summary>1-based line of the current row in the file (CSV and JSON Lines), or 1-based row number plus one for Parquet, for error messages.</summary>
    long Line { get; }

    /// <summary>The current row's text in the given column; empty where the value is absent. Valid until the next <see cref="Read"/>.</summary>
    ReadOnlySpan<char> Get(int column);

    /// <summary>Bytes of the underlying file consumed so far (compressed bytes for gzip), for progress.</summary>
    long BytesRead { get; }

    /// <summary>The underlying file's size in bytes.</summary>
    long TotalBytes { get; }
}
