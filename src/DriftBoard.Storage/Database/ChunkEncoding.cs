using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace DriftBoard.Storage.Database;

/// <summary>
/// The little-endian blob encodings of <c>column_chunks.data</c>: <c>f64</c>, <c>i64</c>, <c>i32</c>, <c>i8</c> are raw arrays;
/// <c>str</c> is a sequence of UTF-8 strings each preceded by its byte length as an unsigned LEB128 varint (7 bits a byte).
/// </summary>
internal static class ChunkEncoding
{
    public const string F64 = "f64";
    public const string I64 = "i64";
    public const string I32 = "i32";
    public const string I8 = "i8";
    public const string Str = "str";

    static ChunkEncoding()
    {
        // Blobs are written and read as the machine's memory layout; that is the documented little-endian format only here.
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("DriftBoard storage needs a little-endian machine");
    }

    public static byte[] ToBlob<T>(ReadOnlySpan<T> values) where T : unmanaged => MemoryMarshal.AsBytes(values).ToArray();

    /// <summary>Appends one string in <c>str</c> encoding.</summary>
    public static void AppendString(ArrayBufferWriter<byte> target, ReadOnlySpan<char> value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var span = target.GetSpan(length + 5);
        var written = 0;
        var remaining = (uint)length;
        while (remaining >= 0x80)
        {
            span[written++] = (byte)(remaining | 0x80);
            remaining >>= 7;
        }
        span[written++] = (byte)remaining;
        written += Encoding.UTF8.GetBytes(value, span[written..]);
        target.Advance(written);
    }

    /// <summary>Decodes <paramref name="count"/> strings of a <c>str</c> blob into <paramref name="target"/>.</summary>
    public static void ReadStrings(ReadOnlySpan<byte> blob, Span<string> target)
    {
        var position = 0;
        for (var i = 0; i < target.Length; i++)
        {
            uint length = 0;
            var shift = 0;
            byte b;
            do
            {
                b = blob[position++];
                length |= (uint)(b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            target[i] = length == 0 ? string.Empty : Encoding.UTF8.GetString(blob.Slice(position, (int)length));
            position += (int)length;
        }
        if (position != blob.Length) throw new InvalidDataException("str chunk holds more data than its row count");
    }

    public static int ElementSize(string encoding) => encoding switch
    {
        F64 or I64 => 8,
        I32 => 4,
        I8 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "not a fixed-width encoding"),
    };
}
