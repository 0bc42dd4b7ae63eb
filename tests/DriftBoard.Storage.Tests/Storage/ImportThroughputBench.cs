using System.Diagnostics;
using System.Globalization;
using DriftBoard.Core.Domain;
using DriftBoard.Storage.Formats;
using Xunit.Abstractions;
using static DriftBoard.Storage.Tests.Storage.FraudDataset;

namespace DriftBoard.Storage.Tests.Storage;

/// <summary>
/// End-to-end import throughput on a generated 1M-row, 14-column predictions file (id, ISO timestamp, score, 8 numeric,
/// 2 categorical, 1 boolean feature) with a 1% chargeback feed. Prints rows/s; asserts only the row count, never time.
/// Run: dotnet test tests/DriftBoard.Storage.Tests -c Release --filter Category=Bench --logger "console;verbosity=detailed"
/// </summary>
[Trait("Category", "Bench")]
public sealed class ImportThroughputBench(ITestOutputHelper output) : DatabaseTest
{
    private const int Rows = 1_000_000;
    private const int Days = 30;

    [Fact]
    public void Import_one_million_rows()
    {
        var numeric = Enumerable.Range(1, 8).Select(i => new FeatureSpec($"f{i}", FeatureType.Numeric)).ToList();
        var card = Card() with
        {
            Features = [.. numeric, new("merchant", FeatureType.Categorical), new("channel", FeatureType.Categorical), IsNew],
        };
        var chargebacks = Enumerable.Range(0, Rows / 100).Select(k => new[] { $"tx{k * 100}", Iso(GeneratedPredictions.Time(k * 100) + DayMs) }).ToList();
        var folder = new InMemoryFolder
        {
            ["chargebacks.csv"] = new(["txn_id", "reported_at"], chargebacks),
            ["training.csv"] = new(["f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "merchant", "channel", "is_new", "is_fraud"],
                Enumerable.Range(0, 1000).Select(i => new[] { "1", "2", "3", "4", "5", "6", "7", "8", "merchant-1", "web", "0", (i % 2).ToString() })
                    .ToList()),
        };
        var generationCpu = CpuTime();
        using (var reader = new GeneratedPredictions("predictions.csv"))
            while (reader.Read()) { }
        generationCpu = CpuTime() - generationCpu;

        var (gen0, gen2, pause) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var importCpu = CpuTime();
        var clock = Stopwatch.StartNew();
        var result = Db.Importer.Import(card, InMemoryFolder.Path,
            path => path.EndsWith("predictions.csv", StringComparison.Ordinal) ? new GeneratedPredictions(path) : folder.Open(path),
            new ImportOptions());
        clock.Stop();
        importCpu = CpuTime() - importCpu;
        var gcAfterImport = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());

        var loadClock = Stopwatch.StartNew();
        var frame = Db.Store.LoadProduction(result.DatasetId);
        loadClock.Stop();
        // The machine is shared: CPU time of this process says more than wall time when other builds run.
        output.WriteLine($"import: {Rows:N0} rows x 14 columns in {clock.Elapsed.TotalSeconds:F2} s wall = {Rows / clock.Elapsed.TotalSeconds:N0} rows/s; " +
            $"{importCpu.TotalSeconds:F2} s CPU = {Rows / importCpu.TotalSeconds:N0} rows/CPU-s " +
            $"(generating the text alone: {generationCpu.TotalSeconds:F2} s CPU); " +
            $"GC during import: {gcAfterImport.Item1 - gen0} gen0, {gcAfterImport.Item2 - gen2} gen2, " +
            $"{(gcAfterImport.Item3 - pause).TotalMilliseconds:F0} ms paused; " +
            $"load all columns: {loadClock.Elapsed.TotalSeconds:F2} s; db {new FileInfo(Db.Database.Path).Length / 1e6:F0} MB");
        Assert.Equal(Rows, result.Rows);
        Assert.Equal(Rows, frame.Count);
    }

    private static TimeSpan CpuTime() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>
    /// Hands out each row's fields as spans of one reused buffer, as a CSV reader does. The id and ISO timestamp are formatted
    /// per row; the 12 other fields come from a pool of pre-formatted rows, so generating the text costs little next to importing it.
    /// </summary>
    private sealed class GeneratedPredictions(string path) : ITabularReader
    {
        private const int Pool = 4096;
        private static readonly string[][] PooledFields = Enumerable.Range(0, Pool).Select(PoolRow).ToArray();
        private readonly char[] _buffer = new char[64];
        private readonly int[] _idTs = new int[3];
        private int _row = -1;

        public static long Time(int row) => Ms(Day0) + (long)row * Days * DayMs / Rows;

        public string FilePath => path;
        public IReadOnlyList<string> Columns { get; } =
            ["txn_id", "ts", "score", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "merchant", "channel", "is_new"];
        public long Line => _row + 2;
        public long BytesRead => (long)(_row + 1) * 120;
        public long TotalBytes => (long)Rows * 120;

        public bool Read()
        {
            if (++_row >= Rows) return false;
            "tx".CopyTo(_buffer);
            _row.TryFormat(_buffer.AsSpan(2), out var n, default, CultureInfo.InvariantCulture);
            _idTs[1] = 2 + n;
            _idTs[2] = _idTs[1] + FormatIso(Time(_row), _buffer.AsSpan(_idTs[1]));
            return true;
        }

        public ReadOnlySpan<char> Get(int column) => column < 2
            ? _buffer.AsSpan(_idTs[column], _idTs[column + 1] - _idTs[column])
            : PooledFields[_row % Pool][column - 2];

        public void Dispose() { }

        /// <summary>yyyy-MM-ddTHH:mm:ss.fffZ, written digit by digit.</summary>
        private static int FormatIso(long ms, Span<char> target)
        {
            var date = DateOnly.FromDayNumber(new DateOnly(1970, 1, 1).DayNumber + (int)(ms / DayMs));
            var inDay = ms % DayMs;
            Span<int> parts = [date.Year, date.Month, date.Day, (int)(inDay / 3_600_000), (int)(inDay / 60_000 % 60), (int)(inDay / 1000 % 60), (int)(inDay % 1000)];
            "0000-00-00T00:00:00.000Z".CopyTo(target);
            Span<int> ends = [4, 7, 10, 13, 16, 19, 23];
            for (var p = 0; p < parts.Length; p++)
                for (int value = parts[p], i = ends[p] - 1; value > 0; value /= 10, i--) target[i] = (char)('0' + value % 10);
            return 24;
        }

        private static string[] PoolRow(int i)
        {
            var merchants = 40;
            string[] channels = ["web", "app", "pos", "phone"];
            var hash = (ulong)i * 0x9E3779B97F4A7C15UL;
            var fields = new List<string> { (hash % 1000 / 1000.0).ToString(CultureInfo.InvariantCulture) };
            for (var f = 0; f < 8; f++)
            {
                hash = hash * 6364136223846793005UL + 1442695040888963407UL;
                fields.Add(((hash >> 40) / 1024.0 - 8000).ToString("F3", CultureInfo.InvariantCulture));
            }
            fields.Add($"merchant-{hash % (ulong)merchants}");
            fields.Add(channels[i & 3]);
            fields.Add((i & 8) == 0 ? "0" : "1");
            return [.. fields];
        }
    }
}
