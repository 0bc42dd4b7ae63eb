using System.IO.Compression;
using System.Text;
using DriftBoard.Core.Demo;
using DriftBoard.Storage;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Demo;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.ModelCards;
using DriftBoard.Storage.Store;
using DriftBoard.Web.Import;

namespace DriftBoard.Web.Tests.Hostile;

/// <summary>
/// The upload layer's hostile-input corpus, through the real <see cref="UploadedDatasetImporter"/> the import page calls:
/// each case is what a browser could send; each must end in its documented refusal (or import), leave no temporary files
/// behind and leave the database as it was. docs/hostile-inputs.md lists the same cases.
/// </summary>
public sealed class HostileUploadTests : IDisposable
{
    private static readonly UploadLimits Limits = new(MaxUploadBytes: 4 << 20, MaxUnzippedBytes: 8 << 20, MaxZipEntries: 20);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("driftboard-hostile-upload-");
    private readonly string _dataset;
    private readonly string _tempRoot;
    private readonly DriftBoardDatabase _database;
    private readonly UploadedDatasetImporter _importer;

    public HostileUploadTests()
    {
        _dataset = Path.Combine(_root.FullName, "dataset");
        DemoDatasetWriter.Write(_dataset, DemoScenarios.Create(IncidentKind.UnitChange, seed: 3, new DemoScenarioOptions(PerDay: 20, Days: 40, TrainingRows: 400)));
        _tempRoot = Directory.CreateDirectory(Path.Combine(_root.FullName, "uploads")).FullName;
        _database = new DriftBoardDatabase(Path.Combine(_root.FullName, "driftboard.db"));
        _importer = new UploadedDatasetImporter(new DatasetImporter(_database), Limits) { TempRoot = _tempRoot };
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    /// <summary>A case: the files the browser sends (built from the good dataset folder), and the exception type and message it must end in (null: imports).</summary>
    private sealed record UploadCase(Func<string, UploadedFile[]> Files, Type? Error, string Message);

    private static readonly Dictionary<string, UploadCase> Corpus = new()
    {
        ["zip bomb (1 GB of zeros in a 1 MB zip)"] = new(d => [Zip("bomb.zip", d, z => Zeros(z, "dataset/zeros.csv", 1L << 30))], typeof(UploadRejectedException), "expands to more than 8 MiB"),
        ["entry ../x"] = new(d => [Zip("evil.zip", d, z => Text(z, "../x.csv", "a"))], typeof(UploadRejectedException), "'../x.csv' points outside"),
        ["entry nested ../../x"] = new(d => [Zip("evil.zip", d, z => Text(z, "dataset/../../x.csv", "a"))], typeof(UploadRejectedException), "points outside"),
        ["absolute entry /etc/x"] = new(d => [Zip("evil.zip", d, z => Text(z, "/etc/x.csv", "a"))], typeof(UploadRejectedException), "'/etc/x.csv' points outside"),
        ["backslash entry ..\\x"] = new(d => [Zip("evil.zip", d, z => Text(z, "..\\x.csv", "a"))], typeof(UploadRejectedException), "points outside"),
        ["drive letter entry C:/x"] = new(d => [Zip("evil.zip", d, z => Text(z, "C:/Windows/x.csv", "a"))], typeof(UploadRejectedException), "points outside"),
        ["drive-relative entry C:x"] = new(d => [Zip("evil.zip", d, z => Text(z, "C:x.csv", "a"))], typeof(UploadRejectedException), "points outside"),
        ["too many zip entries"] = new(d => [Zip("many.zip", d, z => { for (var i = 0; i < 30; i++) Text(z, $"dataset/extra{i}.txt", "x"); })], typeof(UploadRejectedException), "at most 20 are accepted"),
        ["the same entry twice"] = new(d => [Zip("twice.zip", d, z => Text(z, "dataset/model_card.md", "x"))], typeof(UploadRejectedException), "twice"),
        ["upload over the size limit"] = new(d => [Bytes("big.zip", new byte[(4 << 20) + 1])], typeof(UploadRejectedException), "at most 4 MiB is accepted"),
        ["upload lying about its size"] = new(d => [Lying("small.zip", announced: 100, actual: 5 << 20)], typeof(UploadRejectedException), "larger than 4 MiB"),
        ["garbage named .zip"] = new(d => [Bytes("garbage.zip", Garbage(10_000))], typeof(InvalidDataException), ""),
        ["truncated zip"] = new(d => [Truncated(Zip("cut.zip", d, _ => { }), 0.5)], typeof(InvalidDataException), ""),
        ["two zips"] = new(d => [Zip("a.zip", d, _ => { }), Zip("b.zip", d, _ => { })], typeof(UploadRejectedException), "not several zips"),
        ["no model card"] = new(d => [Bytes("notes.txt", "hello"u8.ToArray())], typeof(UploadRejectedException), "has no model_card.md"),
        ["two dataset folders"] = new(d => [Zip("pair.zip", d, z => CopyFolder(z, d, "second/"))], typeof(UploadRejectedException), "several model_card.md"),
        ["two files with the same name"] = new(d => [Bytes("model_card.md", "x"u8.ToArray()), Bytes("MODEL_CARD.md", "y"u8.ToArray())], typeof(UploadRejectedException), "Two files are named"),
        ["file named .."] = new(d => [Bytes("..", "x"u8.ToArray())], typeof(UploadRejectedException), "is not allowed"),
        ["card naming a file outside the upload"] = new(d => [Zip("escape.zip", d, z => Text(z, "dataset/model_card.md", CardWith(d, "training.csv", "../../../../etc/hostname")), skip: ModelCardParser.CardFileName)],
            typeof(DatasetContractException), "outside the dataset folder"),
        ["YAML bomb in the card"] = new(d => [Zip("laughs.zip", d, z => Text(z, "dataset/model_card.md", BillionLaughs(d)), skip: ModelCardParser.CardFileName)],
            typeof(DatasetContractException), "YAML aliases"),
        ["browser file name with folders"] = new(d => [.. Directory.GetFiles(d).Select(f => Bytes("..\\..\\" + Path.GetFileName(f), File.ReadAllBytes(f)))], null, ""),
        ["good zip"] = new(d => [Zip("dataset.zip", d, _ => { })], null, ""),
    };

    public static TheoryData<string> Cases() => [.. Corpus.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_upload_ends_in_its_documented_outcome_and_leaves_nothing_behind(string name)
    {
        var upload = Corpus[name];
        var before = Datasets();

        Exception? error = null;
        try
        {
            await _importer.ImportAsync(upload.Files(_dataset), new ImportOptions(Name: "upload"), null, CancellationToken.None);
        }
        catch (Exception e) when (e is UploadRejectedException or DatasetContractException or InvalidDataException)
        {
            error = e;
        }

        if (upload.Error is null)
        {
            Assert.Null(error);
            Assert.Single(Datasets(), d => d.StartsWith("upload:", StringComparison.Ordinal) && !d.EndsWith(":0", StringComparison.Ordinal));
        }
        else
        {
            Assert.IsType(upload.Error, error);
            Assert.Contains(upload.Message, error!.Message);
            Assert.Equal(before, Datasets());
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tempRoot));
        Assert.False(File.Exists(Path.Combine(_tempRoot, "..", "x.csv")));
    }

    [Fact]
    public void The_upload_corpus_holds_at_least_twenty_cases() => Assert.True(Corpus.Count >= 20, $"{Corpus.Count} cases");

    [Fact]
    public async Task A_cancelled_upload_leaves_no_temporary_files_and_no_dataset()
    {
        using var cancellation = new CancellationTokenSource();
        // The folder's files one by one; the browser goes away once the first is on disk and the second is being opened.
        var files = Directory.GetFiles(_dataset).Select((path, i) =>
        {
            var bytes = File.ReadAllBytes(path);
            return new UploadedFile(Path.GetFileName(path), bytes.Length, (max, ct) =>
            {
                if (i > 0) cancellation.Cancel();
                return new MemoryStream(bytes, writable: false);
            });
        }).ToList();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _importer.ImportAsync(files, new ImportOptions(Name: "upload"), null, cancellation.Token));

        Assert.True(cancellation.IsCancellationRequested);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tempRoot));
        Assert.Empty(Datasets());
    }

    [Fact]
    public async Task A_cancelled_extraction_leaves_no_temporary_files_and_no_dataset()
    {
        using var cancellation = new CancellationTokenSource();
        // Reported synchronously, right before the zip is extracted (import-stage cancellation is the importer's own test).
        var progress = new SynchronousProgress(p =>
        {
            if (p.Stage == "extracting") cancellation.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _importer.ImportAsync([Zip("dataset.zip", _dataset, _ => { })], new ImportOptions(Name: "upload"), progress, cancellation.Token));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_tempRoot));
        Assert.Empty(Datasets());
    }

    [Fact]
    public async Task A_successful_upload_leaves_no_temporary_files()
    {
        var result = await _importer.ImportAsync([Zip("dataset.zip", _dataset, _ => { })], new ImportOptions(Name: "upload"), null, CancellationToken.None);

        Assert.Equal(800, result.Rows);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tempRoot));
    }

    private sealed class SynchronousProgress(Action<UploadProgress> report) : IProgress<UploadProgress>
    {
        public void Report(UploadProgress value) => report(value);
    }

    /// <summary>Each dataset's id and row count, read straight from the file.</summary>
    private List<string> Datasets() => [.. new DatasetStore(_database).List().Select(d => $"{d.Id}:{d.Rows}")];

    private static UploadedFile Bytes(string name, byte[] bytes) =>
        new(name, bytes.Length, (max, _) => new MemoryStream(bytes, writable: false));

    private static UploadedFile Lying(string name, long announced, int actual) =>
        new(name, announced, (max, _) => new MemoryStream(new byte[actual], writable: false));

    private static UploadedFile Truncated(UploadedFile file, double share)
    {
        using var full = new MemoryStream();
        file.OpenRead(long.MaxValue, CancellationToken.None).CopyTo(full);
        return Bytes(file.Name, full.ToArray()[..(int)(full.Length * share)]);
    }

    /// <summary>A zip of the dataset folder under <c>dataset/</c> (minus <paramref name="skip"/>), plus whatever <paramref name="add"/> writes.</summary>
    private static UploadedFile Zip(string name, string folder, Action<ZipArchive> add, string? skip = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            CopyFolder(zip, folder, "dataset/", skip);
            add(zip);
        }
        return Bytes(name, buffer.ToArray());
    }

    private static void CopyFolder(ZipArchive zip, string folder, string prefix, string? skip = null)
    {
        foreach (var file in Directory.GetFiles(folder).Where(f => Path.GetFileName(f) != skip))
            zip.CreateEntryFromFile(file, prefix + Path.GetFileName(file), CompressionLevel.Fastest);
    }

    private static void Text(ZipArchive zip, string entry, string text)
    {
        using var stream = zip.CreateEntry(entry).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    private static void Zeros(ZipArchive zip, string entry, long bytes)
    {
        using var stream = zip.CreateEntry(entry, CompressionLevel.SmallestSize).Open();
        var block = new byte[1 << 20];
        for (long written = 0; written < bytes; written += block.Length) stream.Write(block);
    }

    private static byte[] Garbage(int bytes)
    {
        var data = new byte[bytes];
        new Random(11).NextBytes(data);
        return data;
    }

    private static string CardWith(string folder, string from, string to) =>
        File.ReadAllText(Path.Combine(folder, ModelCardParser.CardFileName)).Replace(from, to, StringComparison.Ordinal);

    private static string BillionLaughs(string folder)
    {
        var yaml = new StringBuilder("lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 13; i++) yaml.Append($"lol{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        var card = File.ReadAllText(Path.Combine(folder, ModelCardParser.CardFileName));
        return card.Insert(card.IndexOf('\n') + 1, yaml.ToString());
    }
}
