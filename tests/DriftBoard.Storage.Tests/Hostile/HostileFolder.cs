using System.Globalization;
using System.IO.Compression;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace DriftBoard.Storage.Tests.Hostile;

/// <summary>
/// A small, valid dataset folder on disk (card, predictions, chargebacks, training) that each hostile case then breaks in
/// one way. Twenty predictions over two days from 2024-10-04, chargebacks for t0 and t10, ten training rows.
/// </summary>
public sealed class HostileFolder : IDisposable
{
    public const int Rows = 20;
    public const string Header = "txn_id,ts,score,amount,country,is_new,note";

    public HostileFolder() => Path = Directory.CreateTempSubdirectory("driftboard-hostile-").FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The model card, with the predictions file and extra front-matter lines as given.</summary>
    public static string Card(string predictionsFile = "predictions.csv", string labelsFile = "chargebacks.csv") => $$"""
        ---
        model: hostile
        version: "1"
        task: binary-classification
        target: is_fraud
        positive_label: 1
        threshold: 0.5
        id_column: txn_id
        timestamp_column: ts
        score_column: score
        predictions: {file: {{predictionsFile}}}
        labels: {file: {{labelsFile}}, id_column: txn_id, timestamp_column: reported_at, maturity_days: 30, as_of: 2024-12-31}
        training: {file: training.csv, label_column: is_fraud}
        features:
          - {name: amount, type: numeric}
          - {name: country, type: categorical, values: [US, DE]}
          - {name: is_new, type: boolean}
        ---
        # Hostile input corpus

        A small fraud model whose files the tests break one way at a time.
        """;

    public static string Ts(int i) => DateTimeOffset.FromUnixTimeMilliseconds(1_728_000_000_000 + i * 8_640_000L).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The good prediction rows as CSV lines, without the header.</summary>
    public static string[] PredictionLines(int rows = Rows) => Enumerable.Range(0, rows)
        .Select(i => string.Create(CultureInfo.InvariantCulture, $"t{i},{Ts(i)},{i % 10 / 10.0},{i * 2.5},{(i % 3 == 0 ? "US" : "DE")},{i % 2},n{i}"))
        .ToArray();

    public void WriteGood()
    {
        Write("model_card.md", Card());
        WriteLines("predictions.csv", [Header, .. PredictionLines()]);
        WriteLines("chargebacks.csv", ["txn_id,reported_at", $"t0,{Ts(30)}", $"t10,{Ts(40)}"]);
        WriteLines("training.csv", ["amount,country,is_new,is_fraud", .. Enumerable.Range(0, 10).Select(i => $"{i * 3},{(i % 2 == 0 ? "US" : "DE")},{i % 2},{(i % 5 == 0 ? 1 : 0)}")]);
    }

    public void Write(string name, string text) => System.IO.File.WriteAllText(File(name), text);

    public void WriteBytes(string name, byte[] bytes) => System.IO.File.WriteAllBytes(File(name), bytes);

    /// <summary>Lines joined with <c>\n</c>, UTF-8 without BOM.</summary>
    public void WriteLines(string name, IEnumerable<string> lines) => Write(name, string.Join('\n', lines) + "\n");

    /// <summary>Replaces the predictions file with the header and these lines.</summary>
    public void Predictions(params string[] lines) => WriteLines("predictions.csv", [Header, .. lines]);

    /// <summary>The good predictions, then these lines.</summary>
    public void PredictionsPlus(params string[] lines) => WriteLines("predictions.csv", [Header, .. PredictionLines(), .. lines]);

    public void UseCard(string predictionsFile = "predictions.csv", string labelsFile = "chargebacks.csv") =>
        Write("model_card.md", Card(predictionsFile, labelsFile));

    public void Gzip(string name, string text)
    {
        using var file = System.IO.File.Create(File(name));
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Cuts the file to <paramref name="share"/> of its length.</summary>
    public void Truncate(string name, double share)
    {
        using var file = new FileStream(File(name), FileMode.Open);
        file.SetLength((long)(file.Length * share));
    }

    /// <summary>The good predictions as Parquet, every column a string column (so the score's type is the file's choice), with <paramref name="score"/> as given.</summary>
    public void PredictionsParquet(string name, Func<int, string> score)
    {
        string[][] columns =
        [
            [.. Enumerable.Range(0, Rows).Select(i => $"t{i}")],
            [.. Enumerable.Range(0, Rows).Select(Ts)],
            [.. Enumerable.Range(0, Rows).Select(score)],
            [.. Enumerable.Range(0, Rows).Select(i => (i * 2.5).ToString(CultureInfo.InvariantCulture))],
            [.. Enumerable.Range(0, Rows).Select(i => i % 3 == 0 ? "US" : "DE")],
            [.. Enumerable.Range(0, Rows).Select(i => i % 2 == 1 ? "true" : "false")],
        ];
        var fields = Header.Split(',')[..6].Select(c => new DataField<string>(c, nullable: true)).ToArray();
        using var file = System.IO.File.Create(File(name));
        Task.Run(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), file);
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < fields.Length; c++) await group.WriteAsync(fields[c], columns[c]);
        }).GetAwaiter().GetResult();
    }

    /// <summary>Writes a header, then one line of <paramref name="bytes"/> 'x' bytes with no line break, streamed.</summary>
    public void OneHugeLine(string name, string header, long bytes)
    {
        using var file = new FileStream(File(name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        file.Write(Encoding.UTF8.GetBytes(header + "\n"));
        var block = new byte[1 << 20];
        block.AsSpan().Fill((byte)'x');
        for (long written = 0; written < bytes; written += block.Length)
            file.Write(block, 0, (int)Math.Min(block.Length, bytes - written));
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
