namespace DriftBoard.Storage.Formats;

/// <summary>
/// A forward-only reader over the rows of one tabular file, whatever its format (CSV, gzip CSV, JSON Lines, Parquet).
/// Never loads the file whole: it streams and hands out the current row's fields as text.
/// </summary>
/// <remarks>
/// Errors come in two kinds. A file that cannot be read as its format at all (empty, not CSV, a broken Parquet footer,
/// duplicate header names) throws <see cref="DatasetContractException"/> naming the file and, where known, the line.
/// A single malformed row (a CSV row with the wrong number of fields, a JSON Lines line that is not a JSON object)
/// does not throw: <see cref="Read"/> returns true and <see cref="RowError"/> says what is wrong, so the importer can
/// quarantine the row at <see cref="Line"/> and carry on. Readers never fix a bad row silently.
/// </remarks>
public interface ITabularReader : IDisposable
{
    /// <summary>The file's path as given, for error messages.</summary>
    string FilePath { get; }

    /// <summary>
    /// Column names in file order (CSV header, JSON keys of the first object and any added later, Parquet schema).
    /// For JSON Lines the list can grow during reading: a key first seen on a later line is appended, and earlier rows
    /// simply had no value there. Callers that map columns once should re-check <c>Columns.Count</c> after each <see cref="Read"/>.
    /// </summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Advances to the next row; false at the end of the file.</summary>
    bool Read();

    /// <summary>1-based line of the current row in the file (CSV and JSON Lines), or 1-based row number plus one for Parquet, for error messages.</summary>
    long Line { get; }

    /// <summary>The current row's text in the given column; empty where the value is absent. Valid until the next <see cref="Read"/>.</summary>
    ReadOnlySpan<char> Get(int column);

    /// <summary>
    /// Number of fields the current row actually has (CSV: fields on the row; JSON Lines: distinct known keys present;
    /// Parquet: always <c>Columns.Count</c>). For CSV it differs from <c>Columns.Count</c> exactly when <see cref="RowError"/> is set.
    /// </summary>
    int FieldCount => Columns.Count;

    /// <summary>
    /// Why the current row is malformed and must be quarantined, or null when it is fine.
    /// When set, <see cref="Get"/> still answers (empty where nothing could be read) but the values should not be imported.
    /// </summary>
    string? RowError => null;

    /// <summary>Bytes of the underlying file consumed so far (compressed bytes for gzip), for progress.</summary>
    long BytesRead { get; }

    /// <summary>The underlying file's size in bytes.</summary>
    long TotalBytes { get; }
}
