using DriftBoard.Core.Demo;
using DriftBoard.Storage.Demo;

namespace DriftBoard.Cli.Tests.TestSupport;

/// <summary>
/// A small demo dataset folder (the committed demo's shape at 20 predictions a day and 2,000 training rows), written once
/// per test class and copied for each test that changes it.
/// </summary>
public sealed class SmallDemo : IDisposable
{
    public const int PerDay = 20;
    public const int TrainingRows = 2000;

    private readonly TempFolder _folder = new();

    public SmallDemo()
    {
        Settings = DemoSettings.Default with { PerDay = PerDay, TrainingRows = TrainingRows };
        Folder = _folder.Combine("demo");
        Summary = DemoDatasetWriter.Write(Folder, Settings);
    }

    public DemoSettings Settings { get; }
    public DemoSummary Summary { get; }
    public string Folder { get; }

    /// <summary>The id an import gives the demo without --name.</summary>
    public string DatasetId => $"{Settings.Model}-{Settings.ModelVersion}";

    /// <summary>Copies the dataset folder into <paramref name="target"/> (created) and returns it.</summary>
    public string CopyTo(string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(Folder))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        return target;
    }

    public void Dispose() => _folder.Dispose();
}
