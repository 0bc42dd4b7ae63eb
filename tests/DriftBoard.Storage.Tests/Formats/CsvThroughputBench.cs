using System.Diagnostics;
using System.Globalization;
using System.Text;
using DriftBoard.Storage.Formats;
using Xunit.Abstractions;

namespace DriftBoard.Storage.Tests.Formats;

/// <summary>
/// Throughput of the CSV reader on a generated 1M-row, 14-column file. Prints rows/s; asserts only correctness, never time.
/// Skip it in quick runs with <c>--filter Category!=Bench</c>.
/// </summary>
public sealed class CsvThroughputBench(ITestOutputHelper output) : IDisposable
{
    private const int Rows = 1_000_000;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    [Trait("Category", "Bench")]
    public void Csv_reader_rows_per_second()
    {
        var path = WriteFile(_folder.File("bench.csv"));
        var size = new FileInfo(path).Length;

        var (rows, badRows, elapsedScan) = Scan(path, parse: false);
        var (_, _, elapsedParse) = Scan(path, parse: true);

        Assert.Equal(Rows, rows);
        Assert.Equal(0, badRows);
        output.WriteLine($"{Rows:N0} rows x 14 columns, {size / 1e6:F0} MB");
        output.WriteLine($"scan (every field touched): {elapsedScan.TotalSeconds:F2} s, {Rows / elapsedScan.TotalSeconds:N0} rows/s, {size / 1e6 / elapsedScan.TotalSeconds:F0} MB/s");
        output.WriteLine($"scan + ValueParser (ts, 10 numbers, 1 boolean): {elapsedParse.TotalSeconds:F2} s, {Rows / elapsedParse.TotalSeconds:N0} rows/s");
    }

    private static (int Rows, int BadRows, TimeSpan Elapsed) Scan(string path, bool parse)
    {
        var clock = Stopwatch.StartNew();
        using var reader = TabularReader.Open(path);
        int rows = 0, bad = 0;
        long checksum = 0;
        while (reader.Read())
        {
            rows++;
            if (reader.RowError is not null) bad++;
            if (!parse)
            {
                for (var c = 0; c < 14; c++) checksum += reader.Get(c).Length;
                continue;
            }
            if (ValueParser.TryParseTimestamp(reader.Get(1), out var ms) == ParseOutcome.Ok) checksum += ms & 1;
            for (var c = 2; c < 12; c++)
                if (ValueParser.TryParseDouble(reader.Get(c), out var value) == ParseOutcome.Ok) checksum += (long)value;
            if (ValueParser.TryParseBoolean(reader.Get(13), out var flag) == ParseOutcome.Ok && flag) checksum++;
        }
        Assert.NotEqual(0, checksum);
        return (rows, bad, clock.Elapsed);
    }

    private static string WriteFile(string path)
    {
        var random = new Random(7);
        var categories = new[] { "grocery", "travel", "fuel", "online, digital", "restaurants" };
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("id,ts");
        for (var f = 0; f < 10; f++) writer.Write($",x{f}");
        writer.Write(",category,flag\n");
        var line = new StringBuilder();
        for (var i = 0; i < Rows; i++)
        {
            line.Clear();
            line.Append("tx").Append(i).Append(',');
            line.Append(start.AddSeconds(i * 3.7).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            for (var f = 0; f < 10; f++)
                line.Append(',').Append(i % 97 == f ? "NA" : (random.NextDouble() * 1000).ToString("F3", CultureInfo.InvariantCulture));
            var category = categories[random.Next(categories.Length)];
            line.Append(',').Append(category.Contains(',') ? $"\"{category}\"" : category);
            line.Append(',').Append(random.Next(2) == 1 ? "true" : "false").Append('\n');
            writer.Write(line);
        }
        return path;
    }
}
