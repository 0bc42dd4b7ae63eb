using System.Buffers.Binary;

namespace DriftBoard.Storage.Formats;

/// <summary>
/// Makes a truncated gzip file an error. <see cref="System.IO.Compression.GZipStream"/> simply reports the end of the data
/// when the compressed bytes stop early, so a file cut off in a download or a full disk would import its first half without
/// a word. At the end, the decompressed length (mod 2^32) must equal the ISIZE field of the file's last 4 bytes.
/// </summary>
/// <remarks>
/// ISIZE belongs to the last gzip member, so a file of several members (<c>cat a.gz b.gz</c>) is refused too, unless it ends
/// with the BGZF end-of-file block (bgzip files), where the check is skipped. A refusal is loud, never a silent half import.
/// </remarks>
internal sealed class GzipEndCheckStream : ObservingReadStream
{
    /// <summary>The 28-byte empty member bgzip writes last; its ISIZE is 0 whatever the file holds.</summary>
    private static readonly byte[] BgzfEndOfFile =
    [
        0x1f, 0x8b, 0x08, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x06, 0x00, 0x42, 0x43, 0x02, 0x00,
        0x1b, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    private readonly uint? _expectedLength;
    private long _length;
    private bool _checked;

    public GzipEndCheckStream(Stream inner, FileStream file) : base(inner)
    {
        if (file.Length < BgzfEndOfFile.Length) return; // too short for a trailer: the decompressor itself fails
        var start = file.Position;
        Span<byte> tail = stackalloc byte[BgzfEndOfFile.Length];
        file.Seek(-tail.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        file.Position = start;
        if (!tail.SequenceEqual(BgzfEndOfFile)) _expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(tail[^4..]);
    }

    protected override void Observe(ReadOnlySpan<byte> read, int requested)
    {
        _length += read.Length;
        if (read.Length > 0 || requested == 0 || _checked || _expectedLength is not { } expected) return;
        _checked = true;
        if ((uint)_length != expected)
            throw new InvalidDataException(
                $"the gzip data ends early (truncated file?): {_length:N0} bytes decompressed, its trailer says {expected:N0} (mod 2^32)");
    }
}
