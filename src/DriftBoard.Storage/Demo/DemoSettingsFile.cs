using DriftBoard.Core.Demo;

namespace DriftBoard.Storage.Demo;

/// <summary>
/// Finds the committed demo settings (<c>data/demo/card-fraud.yaml</c>) for the CLI and the web app, which may run from the
/// repository, from a build output folder inside it, or from somewhere else entirely (then <see cref="DemoSettings.Default"/>
/// applies: a test keeps the two in agreement).
/// </summary>
public static class DemoSettingsFile
{
    /// <summary>The settings file's path relative to the repository root.</summary>
    public static readonly string RelativePath = Path.Combine("data", "demo", "card-fraud.yaml");

    /// <summary>
    /// The first <see cref="RelativePath"/> found in any of <paramref name="startDirectories"/> or their ancestors
    /// (each start searched upward in turn), or null when there is none.
    /// </summary>
    public static string? Find(IEnumerable<string?> startDirectories)
    {
        foreach (var start in startDirectories)
        {
            if (string.IsNullOrEmpty(start)) continue;
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativePath);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>Searches upward from the working directory, then from the application's folder.</summary>
    public static string? FindFromProcess() => Find([Environment.CurrentDirectory, AppContext.BaseDirectory]);

    /// <summary>
    /// Loads <paramref name="explicitPath"/> when given (it must exist), else the file <see cref="FindFromProcess"/> finds,
    /// else <see cref="DemoSettings.Default"/> (Source is then null).
    /// </summary>
    /// <exception cref="DatasetContractException">The explicit file is missing, or a settings file does not parse.</exception>
    public static (DemoSettings Settings, string? Source) Load(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var full = Path.GetFullPath(explicitPath);
            if (!File.Exists(full)) throw new DatasetContractException(full, "demo settings file not found");
            return (DemoSettingsLoader.Load(full), full);
        }
        var found = FindFromProcess();
        return found is null ? (DemoSettings.Default, null) : (DemoSettingsLoader.Load(found), found);
    }
}
