using System.Globalization;
using System.Security.Cryptography;
using DriftBoard.Core.Demo;
using DriftBoard.Storage.Demo;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace DriftBoard.Storage.Tests.Demo;

public sealed class DemoDatasetWriterTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("driftboard-demo-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly DemoSettings Small =
        DemoScenarios.Create(IncidentKind.PipelineDefault, 11, new DemoScenarioOptions(PerDay: 400, Days: 60, TrainingRows: 8000));

    private static readonly string[] Files =
        [DemoDatasetWriter.PredictionsFile, DemoDatasetWriter.ChargebacksFile, DemoDatasetWriter.TrainingFile, DemoDatasetWriter.ModelCardFile];

    private string WriteTo(string name, DemoSettings settings)
    {
        var dir = Path.Combine(_root, name);
        DemoDatasetWriter.Write(dir, settings);
        return dir;
    }

    private static string Hash(string dir, string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, file))));

    private static string[][] ReadCsv(string dir, string file) =>
        [.. File.ReadLines(Path.Combine(dir, file)).Select(line => line.Split(','))];

    private static YamlMappingNode FrontMatter(string dir)
    {
        var text = File.ReadAllText(Path.Combine(dir, DemoDatasetWriter.ModelCardFile));
        Assert.StartsWith("---\n", text);
        var end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        var stream = new YamlStream();
        stream.Load(new StringReader(text[4..end]));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)]).Value!;

    [Fact]
    public void Same_seed_writes_byte_identical_files_and_another_seed_different_ones()
    {
        var first = WriteTo("a", Small);
        var second = WriteTo("b", Small);
        var other = WriteTo("c", Small with { Seed = 12 });
        foreach (var file in Files)
            Assert.Equal(Hash(first, file), Hash(second, file));
        Assert.NotEqual(Hash(first, DemoDatasetWriter.PredictionsFile), Hash(other, DemoDatasetWriter.PredictionsFile));
        Assert.NotEqual(Hash(first, DemoDatasetWriter.TrainingFile), Hash(other, DemoDatasetWriter.TrainingFile));
    }

    [Fact]
    public void The_card_lists_exactly_the_feature_columns_of_both_files()
    {
        var dir = WriteTo("card", Small);
        var card = FrontMatter(dir);
        var features = ((YamlSequenceNode)card.Children[new YamlScalarNode("features")]).Select(f => Scalar(f, "name")).ToArray();
        var predictions = ReadCsv(dir, DemoDatasetWriter.PredictionsFile)[0];
        var training = ReadCsv(dir, DemoDatasetWriter.TrainingFile)[0];

        Assert.Equal(12, features.Length);
        Assert.Equal([Scalar(card, "id_column"), Scalar(card, "timestamp_column"), .. features, Scalar(card, "score_column"), Scalar(card, "prediction_column"), "customer_segment", "app_version"], predictions);
        Assert.Equal([Scalar(card, "timestamp_column"), .. features, Scalar(card, "target")], training);
        Assert.Equal("0.42", Scalar(card, "threshold"));
        var labels = card.Children[new YamlScalarNode("labels")];
        Assert.Equal(DemoDatasetWriter.ChargebacksFile, Scalar(labels, "file"));
        Assert.Equal(Small.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Scalar(labels, "as_of"));
        var recall = double.Parse(Scalar(card.Children[new YamlScalarNode("metrics_at_launch")], "recall"), CultureInfo.InvariantCulture);
        Assert.InRange(recall, 0.5, 0.95);
    }

    [Fact]
    public void Rows_are_well_formed_and_chargebacks_point_at_earlier_transactions_before_as_of()
    {
        var dir = WriteTo("rows", Small);
        var predictions = ReadCsv(dir, DemoDatasetWriter.PredictionsFile);
        var width = predictions[0].Length;
        var times = new Dictionary<string, DateTime>();
        var previous = DateTime.MinValue;
        foreach (var row in predictions.Skip(1))
        {
            Assert.Equal(width, row.Length);
            var ts = DateTime.ParseExact(row[1], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            Assert.True(ts >= previous, $"rows out of time order at {row[0]}");
            previous = ts;
            times.Add(row[0], ts);
            var score = double.Parse(row[width - 4], CultureInfo.InvariantCulture);
            Assert.Equal(score >= Small.Threshold ? "1" : "0", row[width - 3]);
        }
        Assert.Equal(Small.PerDay * Small.Days, times.Count);

        var asOf = Small.AsOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var chargebacks = ReadCsv(dir, DemoDatasetWriter.ChargebacksFile).Skip(1).ToArray();
        Assert.NotEmpty(chargebacks);
        var ids = new HashSet<string>();
        foreach (var row in chargebacks)
        {
            Assert.True(times.TryGetValue(row[0], out var ts), $"chargeback for unknown id {row[0]}");
            Assert.True(ids.Add(row[0]), $"two chargebacks for {row[0]}");
            var at = DateTime.ParseExact(row[1], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            Assert.True(at > ts && at <= asOf, $"chargeback {row[0]} at {at:O} for a transaction at {ts:O}");
        }

        var training = ReadCsv(dir, DemoDatasetWriter.TrainingFile).Skip(1).ToArray();
        Assert.Equal(Small.TrainingRows, training.Length);
        Assert.All(training, row => Assert.Contains(row[^1], new[] { "0", "1" }));
    }

    [Fact]
    public void The_default_demo_writes_its_full_volume()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long reported = 0;
        var summary = DemoDatasetWriter.Write(Path.Combine(_root, "default"), DemoSettings.Default, new Progress(r => reported = r));
        output.WriteLine($"default demo: {summary} in {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(183L * 3000, summary.PredictionRows);
        Assert.Equal(summary.PredictionRows + summary.TrainingRows, reported);
        Assert.Equal(summary.PredictionRows + 1, File.ReadLines(Path.Combine(_root, "default", DemoDatasetWriter.PredictionsFile)).LongCount());
        Assert.Equal(summary.Chargebacks + 1, File.ReadLines(Path.Combine(_root, "default", DemoDatasetWriter.ChargebacksFile)).LongCount());
    }

    /// <summary>Synchronous progress (System.Progress posts to the thread pool, too late for an assertion).</summary>
    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
