using System.IO.Compression;

namespace DriftBoard.Web.Import;

/// <summary>
/// Extracts an uploaded zip into a folder without trusting it: an entry whose name is absolute, has a drive or a
/// <c>..</c> segment, or resolves outside the folder is refused (path traversal), and the entry count and the bytes
/// actually written are capped (zip bombs), whatever sizes the archive claims. On refusal the caller deletes the folder.
/// </summary>
public static class SafeZip
{
    /// <summary>Extracts <paramref name="zipPath"/> into <paramref name="folder"/>; returns the bytes written.</summary>
    /// <exception cref="UploadRejectedException">An unsafe entry name, too many entries, or too many bytes.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable zip.</exception>
    public static long Extract(string zipPath, string folder, UploadLimits limits, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(folder);
        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        using var archive = ZipFile.OpenRead(zipPath);
        if (archive.Entries.Count > limits.MaxZipEntries)
            throw new UploadRejectedException($"The zip holds {archive.Entries.Count:N0} entries; at most {limits.MaxZipEntries:N0} are accepted.");

        // Check every name before writing anything, so a refused zip writes nothing.
        var targets = new string[archive.Entries.Count];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = TargetPath(archive.Entries[i].FullName, rootWithSeparator);
            // Case-insensitively: the same zip must extract the same way on every file system.
            if (!IsFolder(archive.Entries[i].FullName) && !seen.Add(targets[i]))
                throw new UploadRejectedException($"The zip holds '{archive.Entries[i].FullName}' twice; refused.");
        }

        long written = 0;
        var buffer = new byte[81_920];
        for (var i = 0; i < targets.Length; i++)
        {
            var entry = archive.Entries[i];
            if (IsFolder(entry.FullName))
            {
                Directory.CreateDirectory(targets[i]);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(targets[i])!);
            using var source = entry.Open();
            using var target = new FileStream(targets[i], FileMode.CreateNew, FileAccess.Write);
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                written += read;
                if (written > limits.MaxUnzippedBytes)
                    throw new UploadRejectedException($"The zip expands to more than {Bytes(limits.MaxUnzippedBytes)}; refused.");
                target.Write(buffer, 0, read);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return written;
    }

    /// <summary>The full path an entry would be written to, or a refusal when it would leave <paramref name="rootWithSeparator"/>.</summary>
    private static string TargetPath(string entryName, string rootWithSeparator)
    {
        var name = entryName.Replace('\\', '/');
        var segments = name.Split('/');
        if (name.Length == 0 || name.StartsWith('/') || name.Contains(':') || segments.Any(s => s == ".."))
            throw new UploadRejectedException($"The zip entry '{entryName}' points outside the upload folder; refused.");
        var full = Path.GetFullPath(Path.Combine(rootWithSeparator, Path.Combine(segments.Where(s => s.Length > 0 && s != ".").ToArray())));
        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal) && full + Path.DirectorySeparatorChar != rootWithSeparator)
            throw new UploadRejectedException($"The zip entry '{entryName}' points outside the upload folder; refused.");
        return full;
    }

    private static bool IsFolder(string entryName) => entryName.EndsWith('/') || entryName.EndsWith('\\');

    internal static string Bytes(long bytes) => bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.#} GiB"
        : bytes >= 1L << 20 ? $"{bytes / (double)(1L << 20):0.#} MiB"
        : $"{bytes:N0} bytes";
}
