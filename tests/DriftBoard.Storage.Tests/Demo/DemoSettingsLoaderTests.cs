using System.Text.Json;
using System.Text.Json.Serialization;
using DriftBoard.Core.Demo;
using DriftBoard.Storage.Demo;
using YamlDotNet.RepresentationModel;

namespace DriftBoard.Storage.Tests.Demo;

public class DemoSettingsLoaderTests
{
    internal static string RepositoryFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DriftBoard.sln")))
                return Path.Combine([dir.FullName, .. parts]);
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    private static readonly JsonSerializerOptions Canonical = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Records hold lists, whose equality is by reference; compare a full serialisation instead.</summary>
    private static string Canon(DemoSettings s) => JsonSerializer.Serialize(s, Canonical);

    private static readonly string SettingsPath = RepositoryFile("data", "demo", "card-fraud.yaml");

    [Fact]
    public void Committed_settings_equal_the_default()
    {
        var loaded = DemoSettingsLoader.Load(SettingsPath);
        Assert.Equal(Canon(DemoSettings.Default), Canon(loaded));
    }

    [Fact]
    public void Committed_settings_state_every_key_rather_than_lean_on_defaults()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(SettingsPath)));
        var keys = ((YamlMappingNode)stream.Documents[0].RootNode).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        string[] expected =
        [
            "seed", "model", "model_version", "start", "days", "per_day", "fraud_rate", "threshold", "model_bias", "model_noise",
            "training_rows", "training_days", "maturity_days", "as_of", "label_delay", "columns", "hour_weights", "features",
            "extra_columns", "benign_drift", "incident",
        ];
        Assert.Equal(expected.Order(), keys.Order()!);
    }

    [Fact]
    public void A_change_in_the_file_shows_in_the_settings()
    {
        var yaml = File.ReadAllText(SettingsPath).Replace("magnitude: 0.3 ", "magnitude: 0.45 ", StringComparison.Ordinal);
        var loaded = DemoSettingsLoader.Parse(yaml);
        Assert.Equal(0.45, loaded.Incident.Magnitude);
        Assert.NotEqual(Canon(DemoSettings.Default), Canon(loaded));
    }

    [Fact]
    public void Missing_keys_take_the_defaults()
    {
        var loaded = DemoSettingsLoader.Parse("seed: 9\nper_day: 100\n");
        Assert.Equal(Canon(DemoSettings.Default with { Seed = 9, PerDay = 100 }), Canon(loaded));
    }

    [Theory]
    [InlineData("per_dya: 100\n", "per_dya")]
    [InlineData("start: 2026-13-01\n", "start")]
    [InlineData("incident: {kind: meteor, start: 2026-07-01}\n", "incident.kind")]
    [InlineData("incident: {kind: unit_change, start: 2026-07-01, feature: channel, magnitude: 100}\n", "unit_change")]
    [InlineData("features:\n  - {name: x, type: numeric, min: 0, max: 1}\n", "unknown feature")]
    public void Bad_settings_throw_a_contract_error_naming_the_problem(string yaml, string mentioned)
    {
        var e = Assert.Throws<DatasetContractException>(() => DemoSettingsLoader.Parse(yaml, "bad.yaml"));
        Assert.Contains("bad.yaml", e.Message);
        Assert.Contains(mentioned.Replace("_", "", StringComparison.Ordinal), e.Message.Replace("_", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }
}
