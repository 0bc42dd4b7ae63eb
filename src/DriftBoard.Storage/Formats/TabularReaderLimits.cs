namespace DriftBoard.Storage.Formats;

/// <summary>
/// Bounds on what one row of a text file (CSV or JSON Lines) may hold, so a hostile or broken file fails fast with a clear
/// error instead of being buffered whole: a 100 MB file with no line break, or an opening quote that is never closed,
/// would otherwise make the reader hold the rest of the file as one row.
/// </summary>
/// <param name="MaxRowBytes">
/// The most bytes (decompressed, UTF-8) one row may span, quoted newlines included. CSV counts bytes since the last line
/// break outside quotes; JSON Lines counts bytes since the last line break. Parquet is columnar and not affected.
/// </param>
public sealed record TabularReaderLimits(int MaxRowBytes = TabularReaderLimits.DefaultMaxRowBytes)
{
    /// <summary>1 MiB: thousands of times a real log row, small enough that a broken file costs no memory to speak of.</summary>
    public const int DefaultMaxRowBytes = 1 << 20;

    public static TabularReaderLimits Default { get; } = new();
}

/// <summary>A row ran past <see cref="TabularReaderLimits.MaxRowBytes"/>; <see cref="Line"/> is the physical line it started on.</summary>
internal sealed class RowTooLongException(long line, int maxRowBytes)
    : IOException($"a row is longer than {Describe(maxRowBytes)} (no line break, or a quote never closed); the limit is MaxRowBytes")
{
    public long Line { get; } = line;

    internal static string Describe(int bytes) => bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB" : $"{bytes:N0} bytes";
}

/// <summary>
/// A read-only pass-through over CSV bytes that throws <see cref="RowTooLongException"/> as soon as one row (line breaks
/// inside quotes do not end it) exceeds the limit. Quote state toggles on every <c>"</c>, as RFC 4180 doubled quotes
/// toggle twice; the scan is a vectorized search for the three bytes that matter.
/// </summary>
internal sealed class RowLengthGuardStream(Stream inner, int maxRowBytes) : ObservingReadStream(inner)
{
    private bool _inQuotes;
    private long _rowBytes;
    private long _physicalLine = 1;
    private long _rowStartLine = 1;
    private bool _rowEnded;

    protected override void Observe(ReadOnlySpan<byte> bytes, int requested)
    {
        while (!bytes.IsEmpty)
        {
            if (_rowEnded)
            {
                _rowEnded = false;
                _rowStartLine = _physicalLine;
            }
            var hit = bytes.IndexOfAny((byte)'"', (byte)'\n', (byte)'\r');
            var run = hit < 0 ? bytes.Length : hit + 1;
            _rowBytes += run;
            if (_rowBytes > maxRowBytes) throw new RowTooLongException(_rowStartLine, maxRowBytes);
            if (hit < 0) return;
            switch (bytes[hit])
            {
                case (byte)'"':
                    _inQuotes = !_inQuotes;
                    break;
                case (byte)'\n':
                    _physicalLine++;
                    if (!_inQuotes) EndRow();
                    break;
                default: // '\r': ends a row on its own (old Mac files) or as the first half of CRLF
                    if (!_inQuotes) EndRow();
                    break;
            }
            bytes = bytes[run..];
        }
    }

    private void EndRow()
    {
        _rowBytes = 0;
        _rowEnded = true;
    }
}
