using DriftBoard.Cli.Commands;
using DriftBoard.Cli.Tests.TestSupport;
using DriftBoard.Core.Demo;
using DriftBoard.Storage;
using DriftBoard.Storage.Demo;

namespace DriftBoard.Cli.Tests.Commands;

public sealed class DemoSettingsFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void The_settings_file_is_found_in_any_ancestor_of_a_start_folder_in_order()
    {
        var repository = _temp.Combine("repo");
        var settings = Path.Combine(repository, DemoSettingsFile.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        File.WriteAllText(settings, "per_day: 7\n");
        var nested = Directory.CreateDirectory(Path.Combine(repository, "src", "app", "bin")).FullName;
        var elsewhere = Directory.CreateDirectory(_temp.Combine("elsewhere")).FullName;

        Assert.Equal(settings, DemoSettingsFile.Find([nested]));
        Assert.Equal(settings, DemoSettingsFile.Find([elsewhere, null, nested]));
        Assert.Null(DemoSettingsFile.Find([elsewhere]));
    }

    [Fact]
    public void An_explicit_file_is_loaded_and_a_missing_one_is_a_contract_error()
    {
        var file = _temp.Combine("s.yaml");
        File.WriteAllText(file, "per_day: 7\n");

        var (settings, source) = DemoSettingsFile.Load(file);

        Assert.Equal(7, settings.PerDay);
        Assert.Equal(DemoSettings.Default.Days, settings.Days);
        Assert.Equal(file, source);
        var missing = Assert.Throws<DatasetContractException>(() => DemoSettingsFile.Load(_temp.Combine("missing.yaml")));
        Assert.Contains("missing.yaml", missing.Message);
    }

    [Fact]
    public void Overrides_are_validated_like_the_file()
    {
        var file = _temp.Combine("s.yaml");
        File.WriteAllText(file, "per_day: 7\n");

        var (settings, _) = DemoCommand.ResolveSettings(file, seed: 3, perDay: 2, trainingRows: 10);

        Assert.Equal((3, 2, 10), (settings.Seed, settings.PerDay, settings.TrainingRows));
        var error = Assert.Throws<DatasetContractException>(() => DemoCommand.ResolveSettings(file, perDay: 0));
        Assert.Contains("s.yaml", error.Message);
    }

    public void Dispose() => _temp.Dispose();
}
