using System.IO.Compression;

namespace DriftBoard.Storage.Formats;

/// <summary>Opens the right <see cref="ITabularReader"/> for a file from its extension (case-insensitive).</summary>
public static class TabularReader
{
    /// <summary>Extensions understood, for messages and documentation.</summary>
    public const string SupportedExtensions = ".csv, .tsv, .txt, .csv.gz, .tsv.gz, .gz, .jsonl, .ndjson, .jsonl.gz, .parquet";

    /// <summary>
    /// Opens <paramref name="path"/>: <c>.csv .tsv .txt</c> → CSV (separator detected from the header);
    /// <c>.csv.gz .tsv.gz .gz</c> → gzip CSV; <c>.jsonl .ndjson .jsonl.gz</c> → JSON Lines; <c>.parquet</c> → Parquet.
    /// </summary>
    /// <exception cref="DatasetContractException">Unknown extension, missing file, or a file that is not of its format.</exception>
    public static ITabularReader Open(string path) => Open(path, TabularReaderLimits.Default);

    /// <inheritdoc cref="Open(string)"/>
    /// <param name="limits">Bounds on one row of a text file; a longer row is a <see cref="DatasetContractException"/> naming its line.</param>
    public static ITabularReader Open(string path, TabularReaderLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var kind = KindOf(path);
        if (!File.Exists(path)) throw new DatasetContractException(path, "file not found");
        return kind switch
        {
            FileKind.Csv => CsvTabularReader.Open(path, gzip: false, limits),
            FileKind.GzipCsv => CsvTabularReader.Open(path, gzip: true, limits),
            FileKind.JsonLines => JsonLinesTabularReader.Open(path, gzip: false, limits),
            FileKind.GzipJsonLines => JsonLinesTabularReader.Open(path, gzip: true, limits),
            _ => ParquetTabularReader.Open(path),
        };
    }

    private enum FileKind { Csv, GzipCsv, JsonLines, GzipJsonLines, Parquet }

    private static FileKind KindOf(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        // Longest suffixes first: ".jsonl.gz" must not fall through to the generic ".gz" (gzip CSV).
        if (name.EndsWith(".jsonl.gz", StringComparison.Ordinal) || name.EndsWith(".ndjson.gz", StringComparison.Ordinal)) return FileKind.GzipJsonLines;
        if (name.EndsWith(".gz", StringComparison.Ordinal)) return FileKind.GzipCsv;
        return Path.GetExtension(name) switch
        {
            ".csv" or ".tsv" or ".txt" => FileKind.Csv,
            ".jsonl" or ".ndjson" => FileKind.JsonLines,
            ".parquet" => FileKind.Parquet,
            _ => throw new DatasetContractException(path, $"unknown file type '{Path.GetExtension(name)}'; expected one of {SupportedExtensions}"),
        };
    }

    /// <summary>A read-only file stream with a large buffer, for sequential scans.</summary>
    internal static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

    /// <summary>The stream to decode: the file itself, or a gzip decompressor over it.</summary>
    internal static Stream Decoded(FileStream file, bool gzip) =>
        gzip ? new GzipEndCheckStream(new GZipStream(file, CompressionMode.Decompress, leaveOpen: true), file) : file;
}
