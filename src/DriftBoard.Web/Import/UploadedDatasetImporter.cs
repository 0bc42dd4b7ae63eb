using DriftBoard.Storage;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.ModelCards;

namespace DriftBoard.Web.Import;

/// <summary>One file the browser sends: its name, its announced size, and how to read it (at most the given bytes).</summary>
public sealed record UploadedFile(string Name, long Size, Func<long, CancellationToken, Stream> OpenRead);

/// <summary>
/// Where an upload is. <see cref="Stage"/> is <c>uploading</c> or <c>extracting</c> (then <see cref="Bytes"/> of
/// <see cref="TotalBytes"/>), or an importer stage (<c>labels</c>, <c>predictions</c>, <c>training</c>, <c>finishing</c>)
/// with the rows read so far and the import's rows per second.
/// </summary>
public sealed record UploadProgress(string Stage, string File, long Rows, double RowsPerSecond, long Bytes, long TotalBytes);

/// <summary>
/// Imports a dataset uploaded through the browser, as one zip or as the folder's files: streams the files into a fresh
/// temporary folder under the size limit, extracts a zip safely (<see cref="SafeZip"/>), finds the folder holding
/// <c>model_card.md</c>, and runs the <see cref="DatasetImporter"/> off the caller's thread. The temporary folder is
/// deleted whatever happens.
/// </summary>
public sealed class UploadedDatasetImporter(DatasetImporter importer, UploadLimits limits)
{
    /// <summary>Prefix of the temporary folders, under the system temp folder (or <see cref="TempRoot"/>).</summary>
    public const string FolderPrefix = "driftboard-upload-";

    /// <summary>Parent of the temporary folders; null for the system temp folder. Lets tests check that nothing is left behind.</summary>
    public string? TempRoot { get; init; }

    public UploadLimits Limits => limits;

    /// <exception cref="UploadRejectedException">Too large, an unsafe zip, no model card, or several zips.</exception>
    /// <exception cref="DatasetContractException">The dataset breaks its contract (file, line, key in the message).</exception>
    /// <exception cref="DatasetExistsException">The dataset is there and <see cref="ImportOptions.Replace"/> is off.</exception>
    public async Task<ImportResult> ImportAsync(IReadOnlyList<UploadedFile> files, ImportOptions options, IProgress<UploadProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (files.Count == 0) throw new UploadRejectedException("No file was chosen.");
        var announced = files.Sum(f => f.Size);
        if (announced > limits.MaxUploadBytes)
            throw new UploadRejectedException($"The upload is {SafeZip.Bytes(announced)}; at most {SafeZip.Bytes(limits.MaxUploadBytes)} is accepted.");

        var root = TempRoot ?? Path.GetTempPath();
        Directory.CreateDirectory(root);
        var folder = Directory.CreateDirectory(Path.Combine(root, FolderPrefix + Guid.NewGuid().ToString("N")));
        try
        {
            var received = Path.Combine(folder.FullName, "received");
            Directory.CreateDirectory(received);
            await ReceiveAsync(files, received, announced, progress, cancellationToken);

            var datasetFolder = received;
            var zips = files.Where(f => IsZip(f.Name)).ToList();
            if (zips.Count > 1) throw new UploadRejectedException("Upload one zip, or the folder's files, not several zips.");
            if (zips.Count == 1)
            {
                progress?.Report(new UploadProgress("extracting", zips[0].Name, 0, 0, 0, zips[0].Size));
                datasetFolder = Path.Combine(folder.FullName, "dataset");
                Directory.CreateDirectory(datasetFolder);
                var zipPath = Path.Combine(received, SafeFileName(zips[0].Name));
                await Task.Run(() => SafeZip.Extract(zipPath, datasetFolder, limits, cancellationToken), cancellationToken);
            }

            var cardFolder = FindCardFolder(datasetFolder);
            var importProgress = progress is null ? null : new Progress<ImportProgress>(p => progress.Report(new UploadProgress(
                p.Stage, Path.GetFileName(p.File), p.Rows, p.Elapsed.TotalSeconds > 0 ? p.Rows / p.Elapsed.TotalSeconds : 0, p.BytesRead, p.TotalBytes)));
            return await Task.Run(() => importer.Import(cardFolder, options, importProgress, cancellationToken), cancellationToken);
        }
        finally
        {
            DeleteQuietly(folder.FullName);
        }
    }

    private async Task ReceiveAsync(IReadOnlyList<UploadedFile> files, string folder, long announced, IProgress<UploadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long received = 0;
        var buffer = new byte[81_920];
        foreach (var file in files)
        {
            var name = SafeFileName(file.Name);
            if (!names.Add(name)) throw new UploadRejectedException($"Two files are named '{name}'.");
            var remaining = limits.MaxUploadBytes - received;
            await using var source = file.OpenRead(remaining, cancellationToken);
            await using var target = new FileStream(Path.Combine(folder, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true);
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                received += read;
                // The browser's announced size is not trusted either.
                if (received > limits.MaxUploadBytes)
                    throw new UploadRejectedException($"The upload is larger than {SafeZip.Bytes(limits.MaxUploadBytes)}; refused.");
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                progress?.Report(new UploadProgress("uploading", name, 0, 0, received, announced));
            }
        }
    }

    /// <summary>The folder holding model_card.md: the root, else the shallowest folder below it that has one.</summary>
    private static string FindCardFolder(string root)
    {
        if (File.Exists(Path.Combine(root, ModelCardParser.CardFileName))) return root;
        var cards = Directory.EnumerateFiles(root, ModelCardParser.CardFileName, SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName)
            .OrderBy(dir => dir!.Count(c => c == Path.DirectorySeparatorChar))
            .ToList();
        return cards.Count switch
        {
            0 => throw new UploadRejectedException($"The upload has no {ModelCardParser.CardFileName}: upload the dataset folder's files, or a zip of the folder."),
            _ when cards.Count > 1 && cards[0]!.Count(c => c == Path.DirectorySeparatorChar) == cards[1]!.Count(c => c == Path.DirectorySeparatorChar)
                => throw new UploadRejectedException($"The upload holds several {ModelCardParser.CardFileName} files; upload one dataset at a time."),
            _ => cards[0]!,
        };
    }

    /// <summary>A browser file name as a plain file name: no folders (browsers send none, but the name is the client's).</summary>
    private static string SafeFileName(string name)
    {
        var file = Path.GetFileName(name.Replace('\\', '/'));
        if (file.Length == 0 || file is "." or "..") throw new UploadRejectedException($"The file name '{name}' is not allowed.");
        return file;
    }

    private static bool IsZip(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Never mask the import's own outcome; the folder is under the temp root with a recognisable prefix.
        }
    }
}
