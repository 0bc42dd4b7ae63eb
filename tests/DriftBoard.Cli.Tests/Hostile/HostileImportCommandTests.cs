using System.Text;
using DriftBoard.Cli.Tests.TestSupport;
using DriftBoard.Storage.Demo;

namespace DriftBoard.Cli.Tests.Hostile;

/// <summary>
/// The CLI's hostile-input corpus: <c>driftboard import</c> on a broken copy of the demo folder must exit with its documented
/// code, print one <c>error:</c> line naming the file (and line), and leave the database as it was. docs/hostile-inputs.md lists them.
/// </summary>
public sealed class HostileImportCommandTests(SmallDemo demo) : IClassFixture<SmallDemo>, IDisposable
{
    private readonly TempFolder _temp = new();

    private string Database => _temp.Combine("driftboard.db");

    /// <summary>A case: how to break the folder, extra arguments, the exit code, and the fragments the output must hold.</summary>
    private sealed record CliCase(Action<string> Break, string[] Arguments, int ExitCode, string[] Output);

    private static readonly Dictionary<string, CliCase> Corpus = new()
    {
        ["empty predictions file"] = new(f => File.WriteAllText(Predictions(f), ""), [], ExitCodes.InvalidInput, ["predictions.csv:", "file is empty"]),
        ["header only"] = new(f => File.WriteAllText(Predictions(f), File.ReadLines(Predictions(f)).First() + "\n"), [], ExitCodes.InvalidInput, ["predictions.csv", "no rows after its header"]),
        ["binary garbage"] = new(f => File.WriteAllBytes(Predictions(f), [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0xFE, 0x0A, 0x01]), [], ExitCodes.InvalidInput, ["predictions.csv:1", "binary content"]),
        ["row over --max-row-bytes"] = new(f => File.AppendAllText(Predictions(f), new string('x', 10_000) + "\n"), ["--max-row-bytes", "4096"], ExitCodes.InvalidInput,
            ["predictions.csv:", "longer than 4,096 bytes"]),
        ["YAML bomb in the card"] = new(f => File.WriteAllText(Card(f), BillionLaughs(File.ReadAllText(Card(f)))), [], ExitCodes.InvalidInput, ["model_card.md", "YAML aliases"]),
        ["card naming a file outside the folder"] = new(f => File.WriteAllText(Card(f), File.ReadAllText(Card(f)).Replace(DemoDatasetWriter.TrainingFile, "../../etc/passwd", StringComparison.Ordinal)),
            [], ExitCodes.InvalidInput, ["model_card.md", "outside the dataset folder"]),
        ["card that is not YAML"] = new(f => File.WriteAllText(Card(f), "just some notes, no front matter"), [], ExitCodes.InvalidInput, ["model_card.md", "no front matter"]),
        ["bad rows within --max-bad-rows"] = new(f => File.AppendAllText(Predictions(f), "only,three,fields\n"), ["--max-bad-rows", "0.5"], ExitCodes.Ok,
            ["1 bad rows were set aside in quarantine"]),
        ["--max-row-bytes below 1024"] = new(_ => { }, ["--max-row-bytes", "10"], 1, ["--max-row-bytes must be at least 1024"]),
    };

    public static TheoryData<string> Cases() => [.. Corpus.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_folder_exits_with_its_documented_code_and_changes_nothing_on_failure(string name)
    {
        var broken = Corpus[name];
        Assert.Equal(ExitCodes.Ok, (await CliRunner.RunAsync("import", demo.Folder, "--db", Database, "--name", "baseline")).ExitCode);
        var before = DatabaseSnapshot.Read(Database);
        var folder = demo.CopyTo(_temp.Combine("broken"));
        broken.Break(folder);

        var run = await CliRunner.RunAsync(["import", folder, "--db", Database, "--name", "broken", .. broken.Arguments]);

        Assert.True(run.ExitCode == broken.ExitCode, run.ToString());
        foreach (var fragment in broken.Output) Assert.Contains(fragment, run.Output);
        if (broken.ExitCode == ExitCodes.InvalidInput)
        {
            var error = Assert.Single(run.Lines, line => line.StartsWith("error:", StringComparison.Ordinal));
            Assert.Contains(broken.Output[0], error);
        }
        if (broken.ExitCode != ExitCodes.Ok) Assert.Equal(before, DatabaseSnapshot.Read(Database));
    }

    private static string Predictions(string folder) => Path.Combine(folder, DemoDatasetWriter.PredictionsFile);

    private static string Card(string folder) => Path.Combine(folder, DemoDatasetWriter.ModelCardFile);

    private static string BillionLaughs(string card)
    {
        var yaml = new StringBuilder("lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 13; i++) yaml.Append($"lol{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        return card.Insert(card.IndexOf('\n') + 1, yaml.ToString());
    }

    public void Dispose() => _temp.Dispose();
}
