using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DriftBoard.Storage.Formats;
using Parquet;
using Parquet.Schema;

namespace DriftBoard.Storage.Tests.Formats;

/// <summary>One small table with the awkward cases, written in every supported format.</summary>
internal static class SampleTable
{
    public static readonly string[] Columns = ["id", "ts", "amount", "category", "flag"];

    public static readonly string[][] Rows =
    [
        ["t1", "2026-03-01T12:00:00Z", "12.5", "food, drinks; snacks", "true"],
        ["t2", "2026-03-01 13:00:00", "", "say \"hi\"", "NA"],
        ["t3", "1772366400", "NaN", "line one\nline two", "null"],
        ["t4", "1772366400000.5", "-3.25e2", "tab\there", "false"],
        ["t5", "2026-03-01", "null", "plain", ""],
    ];

    public static string WriteCsv(TempFolder folder, string name, char separator, bool bom = false, bool gzip = false)
    {
        var text = new StringBuilder();
        foreach (var row in Rows.Prepend(Columns))
            text.Append(string.Join(separator, row.Select(v => Quote(v, separator)))).Append('\n');
        var bytes = new UTF8Encoding(bom).GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return WriteBytes(folder.File(name), bytes, gzip);
    }

    public static string Quote(string value, char separator) =>
        value.Contains(separator) || value.Contains('"') || value.Contains('\n') || value.Contains('\r') || value.Contains('\t')
            ? "\"" + value.Replace("\"", "\"\"") + "\""
            : value;

    public static string WriteJsonLines(TempFolder folder, string name, bool gzip = false)
    {
        var lines = Rows.Select(row => JsonSerializer.Serialize(Columns.Zip(row).ToDictionary(p => p.First, p => p.Second)));
        return WriteBytes(folder.File(name), Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"), gzip);
    }

    private static string WriteBytes(string path, byte[] bytes, bool gzip)
    {
        if (gzip)
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(bytes);
        }
        else File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>All columns as nullable strings; empty cells are written as Parquet nulls, which read back as empty.</summary>
    public static async Task<string> WriteParquetAsync(TempFolder folder, string name, int rowGroups = 2)
    {
        var fields = Columns.Select(c => new DataField<string>(c, nullable: true)).ToArray();
        var path = folder.File(name);
        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), file);
        var perGroup = (Rows.Length + rowGroups - 1) / rowGroups;
        foreach (var chunk in Rows.Chunk(perGroup))
        {
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < Columns.Length; c++)
                await group.WriteAsync(fields[c], chunk.Select(r => r[c].Length == 0 ? null : r[c]).ToArray());
        }
        return path;
    }

    /// <summary>Reads every row as strings, with the row error of each.</summary>
    public static (IReadOnlyList<string> Columns, List<string[]> Rows, List<long> Lines, List<string?> Errors) ReadAll(string path)
    {
        using var reader = TabularReader.Open(path);
        var rows = new List<string[]>();
        var lines = new List<long>();
        var errors = new List<string?>();
        while (reader.Read())
        {
            var row = new string[reader.Columns.Count];
            for (var c = 0; c < row.Length; c++) row[c] = reader.Get(c).ToString();
            rows.Add(row);
            lines.Add(reader.Line);
            errors.Add(reader.RowError);
        }
        Assert.True(reader.BytesRead > 0);
        Assert.Equal(new FileInfo(path).Length, reader.TotalBytes);
        return (reader.Columns.ToArray(), rows, lines, errors);
    }
}
