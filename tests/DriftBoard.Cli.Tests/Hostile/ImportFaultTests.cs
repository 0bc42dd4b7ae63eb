using System.Diagnostics;
using DriftBoard.Cli.Tests.TestSupport;
using DriftBoard.Core.Demo;
using DriftBoard.Storage;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Store;
using Microsoft.Data.Sqlite;

namespace DriftBoard.Cli.Tests.Hostile;

/// <summary>The full-size demo folder (about 550,000 predictions, 150,000 training rows), written once for the fault tests.</summary>
public sealed class BigDemo : IDisposable
{
    private readonly TempFolder _folder = new();

    public BigDemo()
    {
        Folder = _folder.Combine("big");
        Summary = DemoDatasetWriter.Write(Folder, DemoSettings.Default);
    }

    public string Folder { get; }
    public DemoSummary Summary { get; }

    public void Dispose() => _folder.Dispose();
}

/// <summary>
/// Storage faults with the real CLI: the process killed in the middle of an import (at three points), two imports at once,
/// and an analysis while an import runs. After each, the database passes integrity_check and holds exactly what it should.
/// </summary>
public sealed class ImportFaultTests(BigDemo big, SmallDemo small) : IClassFixture<BigDemo>, IClassFixture<SmallDemo>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private const long MiB = 1 << 20;

    private readonly TempFolder _temp = new();

    private string Database => _temp.Combine("driftboard.db");

    /// <summary>When to kill the importer: once its output shows a stage, or once the write-ahead log holds this many bytes.</summary>
    public static TheoryData<string, long> KillPoints() => new()
    {
        { "predictions", 0 },        // the predictions stage has begun: labels read, the first chunks being written
        { "predictions", 24 * MiB }, // deep into the predictions: many chunks in the uncommitted transaction
        { "training", 0 },           // every production chunk written, training rows next
    };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task A_killed_import_leaves_the_database_exactly_as_before(string stage, long walBytes)
    {
        await ImportBaselineAsync();
        var before = DatabaseSnapshot.Read(Database);

        using var child = ChildImport(big.Folder, "killed");
        var reached = await child.WaitForAsync(stage, () => WalBytes() >= walBytes);
        Assert.True(reached, $"the import ended before the kill point ({stage}, WAL {walBytes:N0} bytes):\n{child.Output}");
        child.Process.Kill(entireProcessTree: true);
        await child.Process.WaitForExitAsync();

        Assert.Equal("ok", IntegrityCheck());
        Assert.Equal(before, DatabaseSnapshot.Read(Database));
        Assert.Equal(["baseline"], new DatasetStore(new DriftBoardDatabase(Database)).List().Select(d => d.Id));
    }

    [Fact]
    public async Task Two_imports_at_once_both_finish_correctly()
    {
        await ImportBaselineAsync();

        // One in another process, one in this one, on the same file, started together: the second waits for the write lock.
        using var child = ChildImport(big.Folder, "first");
        var inProcess = Task.Run(() => CliRunner.RunAsync("import", big.Folder, "--db", Database, "--name", "second"));
        await child.Process.WaitForExitAsync().WaitAsync(Patience);
        var second = await inProcess.WaitAsync(Patience);

        Assert.True(child.Process.ExitCode == ExitCodes.Ok, child.Output);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.ToString());
        Assert.Equal("ok", IntegrityCheck());
        var store = new DatasetStore(new DriftBoardDatabase(Database));
        Assert.Equal(["baseline", "first", "second"], store.List().Select(d => d.Id).Order());
        foreach (var id in new[] { "first", "second" })
        {
            var dataset = store.Find(id)!;
            Assert.Equal((big.Summary.PredictionRows, big.Summary.TrainingRows), (dataset.Rows, dataset.TrainingRows));
        }
        Assert.Equal(ChunkShape("first"), ChunkShape("second"));
    }

    [Fact]
    public async Task An_analysis_during_an_import_sees_the_database_as_before_the_import()
    {
        await ImportBaselineAsync();
        var quiet = _temp.Combine("quiet.json");
        Assert.Equal(ExitCodes.Ok, (await CliRunner.RunAsync("analyze", "baseline", "--db", Database, "--json", quiet)).ExitCode);

        // The analysis runs inside the import's progress report, so the import's transaction is open (its production rows
        // written, uncommitted) for as long as the analysis takes: no race with the commit.
        CliRun? analysis = null;
        List<string>? listed = null;
        var during = _temp.Combine("during.json");
        var progress = new SynchronousProgress(p =>
        {
            if (p.Stage != "training" || analysis is not null) return;
            analysis = CliRunner.RunAsync("analyze", "baseline", "--db", Database, "--json", during).GetAwaiter().GetResult();
            listed = [.. new DatasetStore(new DriftBoardDatabase(Database)).List().Select(d => d.Id)];
        });
        var result = await Task.Run(() => new DatasetImporter(new DriftBoardDatabase(Database)).Import(big.Folder, new ImportOptions(Name: "busy"), progress));

        Assert.NotNull(analysis);
        Assert.True(analysis.ExitCode == ExitCodes.Ok, analysis.ToString());
        Assert.Equal(File.ReadAllText(quiet), File.ReadAllText(during));
        Assert.Equal(["baseline"], listed); // the import's rows are invisible until it commits
        Assert.Equal(big.Summary.PredictionRows, result.Rows);
        Assert.Equal(["baseline", "busy"], new DatasetStore(new DriftBoardDatabase(Database)).List().Select(d => d.Id).Order());
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    private async Task ImportBaselineAsync()
    {
        Assert.Equal(ExitCodes.Ok, (await CliRunner.RunAsync("import", small.Folder, "--db", Database, "--name", "baseline")).ExitCode);
        SqliteConnection.ClearAllPools(); // the last connection closes: SQLite checkpoints and removes the WAL
    }

    private long WalBytes()
    {
        var wal = new FileInfo(Database + "-wal");
        return wal.Exists ? wal.Length : 0;
    }

    private string IntegrityCheck()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    /// <summary>Chunks per source and column of a dataset, with their row counts and bytes: equal for two imports of the same folder.</summary>
    private string ChunkShape(string id)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT source || ':' || column_name || ':' || COUNT(*) || ':' || SUM(row_count) || ':' || SUM(length(data))
            FROM column_chunks WHERE dataset_id = $id GROUP BY source, column_name ORDER BY source, column_name;
            """;
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }

    /// <summary>Starts <c>dotnet driftboard.dll import</c> as a child process with its output captured line by line.</summary>
    private ChildProcess ChildImport(string folder, string name)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "driftboard.dll"), "import", folder, "--db", Database, "--name", name })
            start.ArgumentList.Add(argument);
        return new ChildProcess(Process.Start(start)!);
    }

    public void Dispose() => _temp.Dispose();

    private sealed class ChildProcess : IDisposable
    {
        private readonly System.Text.StringBuilder _output = new();
        private readonly Lock _lock = new();

        public ChildProcess(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get { lock (_lock) return _output.ToString(); }
        }

        private void Append(string? line)
        {
            if (line is null) return;
            lock (_lock) _output.AppendLine(line);
        }

        /// <summary>Polls until the output shows a line starting with <paramref name="stage"/> and <paramref name="also"/> holds; false if the process ends first.</summary>
        public async Task<bool> WaitForAsync(string stage, Func<bool> also)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < Patience)
            {
                if (Output.Split('\n').Any(l => l.StartsWith(stage + " ", StringComparison.Ordinal)) && also()) return !Process.HasExited;
                if (Process.HasExited) return false;
                await Task.Delay(5);
            }
            return false;
        }

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.Dispose();
        }
    }
}
