using System.Text;
using DriftBoard.Storage.Formats;
using Parquet;
using Parquet.Schema;

namespace DriftBoard.Storage.Tests.Formats;

public sealed class TabularReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Formats() =>
    [
        "comma.csv", "semicolon.csv", "tab.tsv", "bom.csv", "zipped.csv.gz", "zipped.gz", "rows.jsonl", "rows.NDJSON", "rows.jsonl.gz", "rows.parquet", "UPPER.CSV",
    ];

    private async Task<string> WriteAsync(string name) => name switch
    {
        "comma.csv" or "UPPER.CSV" => SampleTable.WriteCsv(_folder, name, ','),
        "semicolon.csv" => SampleTable.WriteCsv(_folder, name, ';'),
        "tab.tsv" => SampleTable.WriteCsv(_folder, name, '\t'),
        "bom.csv" => SampleTable.WriteCsv(_folder, name, ',', bom: true),
        "zipped.csv.gz" or "zipped.gz" => SampleTable.WriteCsv(_folder, name, ';', gzip: true),
        "rows.jsonl" or "rows.NDJSON" => SampleTable.WriteJsonLines(_folder, name),
        "rows.jsonl.gz" => SampleTable.WriteJsonLines(_folder, name, gzip: true),
        "rows.parquet" => await SampleTable.WriteParquetAsync(_folder, name),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Every_format_yields_the_same_columns_and_values(string name)
    {
        var path = await WriteAsync(name);

        var (columns, rows, _, errors) = SampleTable.ReadAll(path);

        Assert.Equal(SampleTable.Columns, columns);
        Assert.Equal(SampleTable.Rows.Length, rows.Count);
        for (var r = 0; r < rows.Count; r++) Assert.Equal(SampleTable.Rows[r], rows[r]);
        Assert.All(errors, Assert.Null);
    }

    [Fact]
    public void Csv_line_is_the_first_line_of_each_row_after_a_multi_line_field()
    {
        var path = SampleTable.WriteCsv(_folder, "lines.csv", ',');

        var (_, _, lines, _) = SampleTable.ReadAll(path);

        // Header is line 1; row t3's quoted field spans lines 4 and 5, so t4 starts on line 6.
        Assert.Equal([2L, 3, 4, 6, 7], lines);
    }

    [Fact]
    public void Jsonl_line_counts_blank_lines_and_crlf()
    {
        var path = _folder.Write("blank.jsonl", "{\"a\":1}\r\n\r\n   \n{\"a\":2}\r\n");

        var (_, rows, lines, _) = SampleTable.ReadAll(path);

        Assert.Equal([1L, 4], lines);
        Assert.Equal(["1", "2"], rows.Select(r => r[0]));
    }

    [Fact]
    public void Csv_rows_with_the_wrong_field_count_are_reported_not_thrown()
    {
        var path = _folder.Write("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n");
        using var reader = TabularReader.Open(path);

        var seen = new List<(long Line, int Fields, string? Error, string Last)>();
        while (reader.Read()) seen.Add((reader.Line, reader.FieldCount, reader.RowError, reader.Get(2).ToString()));

        Assert.Equal(4, seen.Count);
        Assert.Null(seen[0].Error);
        Assert.Equal((3L, 2), (seen[1].Line, seen[1].Fields));
        Assert.Contains("expected 3 fields", seen[1].Error);
        Assert.Equal("", seen[1].Last); // a missing field reads as empty
        Assert.Equal((4L, 4), (seen[2].Line, seen[2].Fields));
        Assert.Contains("found 4", seen[2].Error);
        Assert.Null(seen[3].Error);
        Assert.Equal("12", seen[3].Last);
    }

    [Fact]
    public void Jsonl_lines_that_are_not_objects_are_reported_per_row()
    {
        var path = _folder.Write("mixed.jsonl", "{\"a\":1}\n[1,2]\n42\n{\"a\":\n{\"a\":3} {\"a\":4}\n{\"a\":5}\n");

        var (_, rows, lines, errors) = SampleTable.ReadAll(path);

        Assert.Equal([1L, 2, 3, 4, 5, 6], lines);
        Assert.Null(errors[0]);
        Assert.Contains("not a JSON object", errors[1]);
        Assert.Contains("not a JSON object", errors[2]);
        Assert.Contains("invalid JSON", errors[3]);
        Assert.Contains("invalid JSON", errors[4]); // a second object on the same line
        Assert.Null(errors[5]);
        Assert.Equal("5", rows[5][0]);
    }

    [Fact]
    public void Jsonl_turns_every_json_kind_into_text_and_appends_new_keys()
    {
        var path = _folder.Write("kinds.jsonl",
            "{\"s\":\"caf\\u00e9 \\\"q\\\"\",\"n\":1e3,\"t\":true,\"f\":false,\"z\":null,\"o\":{\"x\":[1, 2]}}\n" +
            "{\"n\":-0.5,\"late\":\"new\"}\n");
        using var reader = TabularReader.Open(path);

        Assert.Equal(["s", "n", "t", "f", "z", "o"], reader.Columns);
        Assert.True(reader.Read());
        Assert.Equal("café \"q\"", reader.Get(0).ToString());
        Assert.Equal("1e3", reader.Get(1).ToString());
        Assert.Equal("true", reader.Get(2).ToString());
        Assert.Equal("false", reader.Get(3).ToString());
        Assert.Equal("", reader.Get(4).ToString());
        Assert.Equal("{\"x\":[1, 2]}", reader.Get(5).ToString());
        Assert.Equal(6, reader.FieldCount);

        Assert.True(reader.Read());
        Assert.Equal(["s", "n", "t", "f", "z", "o", "late"], reader.Columns);
        Assert.Equal("", reader.Get(0).ToString());
        Assert.Equal("-0.5", reader.Get(1).ToString());
        Assert.Equal("new", reader.Get(6).ToString());
        Assert.Equal(2, reader.FieldCount);
        Assert.False(reader.Read());
    }

    [Fact]
    public void Jsonl_lines_longer_than_the_buffer_are_read_whole()
    {
        var big = new string('x', 200_000);
        var path = _folder.Write("big.jsonl", $"{{\"a\":\"{big}\"}}\n{{\"a\":\"small\"}}");

        var (_, rows, _, _) = SampleTable.ReadAll(path);

        Assert.Equal([big, "small"], rows.Select(r => r[0]));
    }

    [Fact]
    public async Task Parquet_typed_columns_become_invariant_text()
    {
        var id = new DataField<long>("id");
        var score = new DataField<double?>("score");
        var flag = new DataField<bool?>("flag");
        var ts = new DataField<DateTime?>("ts");
        var path = _folder.File("typed.parquet");
        await using (var file = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, score, flag, ts), file))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<long>(id, new long[] { 1, 2 });
            await group.WriteAsync<double>(score, new double?[] { 0.1, null });
            await group.WriteAsync<bool>(flag, new bool?[] { true, null });
            await group.WriteAsync<DateTime>(ts, new DateTime?[] { new DateTime(2026, 3, 1, 12, 0, 0, 500, DateTimeKind.Utc), null });
        }

        var (columns, rows, lines, _) = SampleTable.ReadAll(path);

        Assert.Equal(["id", "score", "flag", "ts"], columns);
        Assert.Equal(["1", "0.1", "true", "2026-03-01T12:00:00.5Z"], rows[0]);
        Assert.Equal(["2", "", "", ""], rows[1]);
        Assert.Equal([2L, 3], lines);
    }

    [Theory]
    [InlineData("empty.csv", "")]
    [InlineData("empty.jsonl", "\n\n")]
    [InlineData("empty.parquet", "")]
    public void Empty_file_is_a_contract_error(string name, string content)
    {
        var path = _folder.Write(name, content);

        var error = Assert.Throws<DatasetContractException>(() => TabularReader.Open(path));

        Assert.Contains(name, error.Message);
        Assert.Contains("file is empty", error.Message);
    }

    [Fact]
    public void Header_only_csv_has_columns_and_no_rows()
    {
        var path = _folder.Write("header.csv", "a;b;c\n");
        using var reader = TabularReader.Open(path);

        Assert.Equal(["a", "b", "c"], reader.Columns);
        Assert.False(reader.Read());
    }

    [Fact]
    public void Unknown_extension_is_a_contract_error_naming_the_file()
    {
        var path = _folder.Write("data.xlsx", "a,b\n1,2\n");

        var error = Assert.Throws<DatasetContractException>(() => TabularReader.Open(path));

        Assert.Contains("data.xlsx", error.Message);
        Assert.Contains("unknown file type", error.Message);
    }

    [Fact]
    public void Garbage_parquet_is_a_contract_error()
    {
        var path = _folder.Write("junk.parquet", "this is not parquet at all");

        var error = Assert.Throws<DatasetContractException>(() => TabularReader.Open(path));

        Assert.Contains("junk.parquet", error.Message);
    }

    [Fact]
    public void Csv_with_duplicate_header_names_is_a_contract_error_with_line()
    {
        var path = _folder.Write("dup.csv", "a,b,a\n1,2,3\n");

        var error = Assert.Throws<DatasetContractException>(() => TabularReader.Open(path));

        Assert.StartsWith("dup.csv:1", error.Message);
    }

    [Fact]
    public void Csv_with_an_unterminated_quote_reports_the_row_where_it_starts()
    {
        var path = _folder.Write("open-quote.csv", "a,b\n1,2\n3,\"never closed\n4,5\n");

        var (_, rows, lines, errors) = SampleTable.ReadAll(path);

        Assert.Equal(2, rows.Count);
        Assert.Null(errors[0]);
        Assert.Equal(3L, lines[1]);
        Assert.NotNull(errors[1]);
    }

    [Fact]
    public void Csv_quoted_header_names_are_unquoted_and_text_after_a_closing_quote_is_a_row_error()
    {
        var path = _folder.Write("quoted.csv", "\"id\",\"my \"\"col\"\"\",c\n1,\"ab\"c,3\n2,\"x\",4\n");

        var (columns, rows, _, errors) = SampleTable.ReadAll(path);

        Assert.Equal(["id", "my \"col\"", "c"], columns);
        Assert.Contains("malformed quoted field in column 'my \"col\"'", errors[0]);
        Assert.Null(errors[1]);
        Assert.Equal(["2", "x", "4"], rows[1]);
    }

    [Fact]
    public void Binary_file_named_csv_is_a_contract_error()
    {
        var path = _folder.File("binary.csv");
        File.WriteAllBytes(path, [0x50, 0x41, 0x52, 0x31, 0x00, 0x00, 0x15, 0x04, 0x00, 0x0A, 0x01, 0x02]);

        var error = Assert.Throws<DatasetContractException>(() => TabularReader.Open(path));

        Assert.StartsWith("binary.csv:1", error.Message);
    }

    [Fact]
    public void Gzip_progress_counts_compressed_bytes()
    {
        var path = _folder.File("many.csv.gz");
        using (var file = File.Create(path))
        using (var zip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Optimal))
        {
            zip.Write(Encoding.UTF8.GetBytes("a,b\n"));
            for (var i = 0; i < 50_000; i++) zip.Write(Encoding.UTF8.GetBytes("1,2\n"));
        }
        using var reader = TabularReader.Open(path);
        var rows = 0;
        while (reader.Read()) rows++;

        Assert.Equal(50_000, rows);
        Assert.Equal(reader.TotalBytes, reader.BytesRead);
        Assert.True(reader.TotalBytes < 50_000 * 4, "the file is compressed, so its size is well under the text size");
    }
}
