using System.IO.Compression;
using System.Text;
using CsCheck;
using DriftBoard.Storage.Formats;

namespace DriftBoard.Storage.Tests.Formats;

/// <summary>
/// Property: any table written by a correct RFC 4180 writer reads back through <see cref="CsvTabularReader"/>, plain and
/// gzip-compressed, as exactly the values written: quotes, every candidate separator, CR, LF and CRLF inside fields,
/// empty fields, leading and trailing spaces, and non-ASCII text (accents, CJK, astral-plane emoji).
/// </summary>
public sealed class CsvRoundTripPropertyTests : IDisposable
{
    private static readonly char[] Separators = [',', ';', '\t', '|'];

    // Characters that stress quoting and decoding, mixed with plain letters so most fields are ordinary.
    private static readonly Gen<string> Piece = Gen.OneOf(
        Gen.Char["abcxyz0123456789"].Select(c => c.ToString()),
        Gen.OneOf<string>(",", ";", "\t", "|", "\"", "\"\"", "\r", "\n", "\r\n", " ", "é", "ß", "字", "😀", "'", "=", "+"));

    private static readonly Gen<string> Value = Gen.Frequency(
        (1, Gen.Const("")),
        (6, Piece.Array[1, 12].Select(pieces => string.Concat(pieces))));

    /// <summary>A separator, then 1-6 columns by 1-25 rows of values, and the line ending and final-newline choice.</summary>
    private static readonly Gen<(char Separator, string[][] Rows, string Newline, bool FinalNewline)> Table =
        Gen.Int[1, 6].SelectMany(columns => Gen.Select(
            Gen.OneOf<char>(Separators),
            Value.Array[columns].Array[1, 25],
            Gen.OneOf<string>("\n", "\r\n"),
            Gen.Bool));

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Any_rfc4180_table_reads_back_equal_plain_and_gzipped()
    {
        Table.Sample(table =>
        {
            var (separator, rows, newline, finalNewline) = table;
            string[] header = [.. Enumerable.Range(0, rows[0].Length).Select(c => $"col{c}_é")];
            var text = Rfc4180(separator, [header, .. rows], newline, finalNewline);
            // CsCheck samples on several threads: each sample gets its own files.
            var plain = _folder.File($"{Guid.NewGuid():N}.csv");
            File.WriteAllText(plain, text, new UTF8Encoding(false));
            using (var zip = new GZipStream(File.Create(plain + ".gz"), CompressionLevel.Fastest))
                zip.Write(Encoding.UTF8.GetBytes(text));

            foreach (var path in new[] { plain, plain + ".gz" })
            {
                using var reader = TabularReader.Open(path);
                if (!reader.Columns.SequenceEqual(header)) return false;
                var r = 0;
                while (reader.Read())
                {
                    if (r >= rows.Length || reader.RowError is not null || reader.FieldCount != header.Length) return false;
                    for (var c = 0; c < header.Length; c++)
                        if (!reader.Get(c).SequenceEqual(rows[r][c])) return false;
                    r++;
                }
                if (r != rows.Length) return false;
            }
            return true;
        }, iter: 300);
    }

    /// <summary>
    /// RFC 4180: a field is quoted when it holds a quote, CR, LF or a separator (any candidate, since the reader detects the
    /// separator from the header), or when it is the only field of its row and empty (else the row would be a blank line);
    /// quotes inside are doubled.
    /// </summary>
    internal static string Rfc4180(char separator, string[][] rows, string newline, bool finalNewline)
    {
        var text = new StringBuilder();
        for (var r = 0; r < rows.Length; r++)
        {
            if (r > 0) text.Append(newline);
            var row = rows[r];
            for (var c = 0; c < row.Length; c++)
            {
                if (c > 0) text.Append(separator);
                var value = row[c];
                var quote = value.AsSpan().IndexOfAny("\"\r\n,;\t|") >= 0 || (row.Length == 1 && value.Length == 0);
                text.Append(quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value);
            }
        }
        if (finalNewline) text.Append(newline);
        return text.ToString();
    }
}
