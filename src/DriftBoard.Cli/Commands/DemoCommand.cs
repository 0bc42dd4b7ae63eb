using System.CommandLine;
using System.Diagnostics;
using DriftBoard.Core.Demo;
using DriftBoard.Storage;
using DriftBoard.Storage.Demo;
using Spectre.Console;

namespace DriftBoard.Cli.Commands;

/// <summary>
/// <c>driftboard demo [--out DIR] [--seed N] [--per-day N] [--training-rows N] [--settings FILE] [--import] [--db FILE] [--replace]</c>:
/// writes the deterministic six-month demo incident as a dataset folder, and optionally imports it.
/// </summary>
public static class DemoCommand
{
    public const string DefaultFolder = "demo-incident";

    public static Command Create(IAnsiConsole console)
    {
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder to write the dataset into; existing demo files there are overwritten",
            HelpName = "DIR",
            DefaultValueFactory = _ => new DirectoryInfo(DefaultFolder),
        };
        var seed = new Option<int?>("--seed") { Description = "Random seed (default: the settings' seed); the same seed writes the same files", HelpName = "N" };
        var perDay = new Option<int?>("--per-day") { Description = "Predictions per day (default: the settings' per_day)", HelpName = "N" };
        perDay.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is <= 0) r.AddError("--per-day must be a positive number");
        });
        var trainingRows = new Option<int?>("--training-rows") { Description = "Training rows (default: the settings' training_rows)", HelpName = "N" };
        trainingRows.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 0) r.AddError("--training-rows must not be negative");
        });
        var settingsFile = new Option<FileInfo?>("--settings")
        {
            Description = $"Demo settings YAML (default: {DemoSettingsFile.RelativePath} found above the working directory, else the built-in settings)",
            HelpName = "FILE",
        };
        var import = new Option<bool>("--import") { Description = "Import the written folder into the database too" };
        var db = DriftBoardCommandLine.DatabaseOption();
        var replace = new Option<bool>("--replace") { Description = "With --import: replace an already imported demo instead of refusing" };

        var command = new Command("demo", "Write the demo incident (a card-fraud model degrading over six months) as a dataset folder")
        {
            output, seed, perDay, trainingRows, settingsFile, import, db, replace,
        };
        command.SetAction((parse, ct) => DriftBoardCommandLine.RunAsync(console, async token =>
        {
            var (settings, source) = ResolveSettings(parse.GetValue(settingsFile)?.FullName, parse.GetValue(seed), parse.GetValue(perDay),
                parse.GetValue(trainingRows));
            var folder = parse.GetRequiredValue(output).FullName;
            await WriteAsync(console, folder, settings, source, token);
            if (!parse.GetValue(import))
            {
                console.MarkupLineInterpolated($"Import it with: [bold]driftboard import {folder}[/]");
                return ExitCodes.Ok;
            }
            var path = DatabaseLocation.Resolve(parse.GetValue(db));
            var result = await ImportCommand.ImportAsync(console, path, folder, new ImportOptions(Replace: parse.GetValue(replace)), token);
            return result is null ? ExitCodes.Failure : ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>
    /// The settings file (explicit, else found, else the built-in default) with the command-line overrides applied and validated.
    /// Source is the settings file used, or null for the built-in settings.
    /// </summary>
    public static (DemoSettings Settings, string? Source) ResolveSettings(string? settingsFile, int? seed = null, int? perDay = null,
        int? trainingRows = null)
    {
        var (settings, source) = DemoSettingsFile.Load(settingsFile);
        settings = settings with
        {
            Seed = seed ?? settings.Seed,
            PerDay = perDay ?? settings.PerDay,
            TrainingRows = trainingRows ?? settings.TrainingRows,
        };
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new DatasetContractException(source ?? "built-in demo settings", e.Message);
        }
        return (settings, source);
    }

    /// <summary>Writes the demo folder with progress on a terminal, then prints what was written.</summary>
    public static async Task<DemoSummary> WriteAsync(IAnsiConsole console, string folder, DemoSettings settings, string? source, CancellationToken ct)
    {
        var total = (long)settings.TrainingRows + (long)settings.Days * settings.PerDay;
        var clock = Stopwatch.StartNew();
        var summary = await CountProgressView.RunAsync(console, "Generating the demo incident", total, progress =>
            Task.Run(() => DemoDatasetWriter.Write(folder, settings, progress), ct));
        clock.Stop();

        console.MarkupLineInterpolated($"Wrote the demo incident to [bold]{folder}[/] in {clock.Elapsed.TotalSeconds:N1} s");
        console.MarkupLineInterpolated(
            $"  {summary.PredictionRows:N0} predictions over {settings.Days} days from {settings.Start:yyyy-MM-dd}, {summary.TrainingRows:N0} training rows, {summary.Chargebacks:N0} chargebacks as of {settings.AsOf:yyyy-MM-dd}");
        var m = summary.LaunchMetrics;
        console.MarkupLineInterpolated(
            $"  model {settings.Model} {settings.ModelVersion}, threshold {settings.Threshold}; at launch recall {m.Recall:N3}, precision {m.Precision:N3}, ROC AUC {m.RocAuc:N3}");
        console.MarkupLineInterpolated($"  settings: {source ?? "built-in defaults"} (seed {settings.Seed}, {settings.PerDay:N0} per day)");
        foreach (var file in new[] { DemoDatasetWriter.ModelCardFile, DemoDatasetWriter.PredictionsFile, DemoDatasetWriter.ChargebacksFile, DemoDatasetWriter.TrainingFile })
            console.MarkupLineInterpolated($"  {file} ({Size(new FileInfo(Path.Combine(folder, file)).Length)})");
        return summary;
    }

    internal static string Size(long bytes) => bytes switch
    {
        >= 1 << 20 => $"{bytes / (double)(1 << 20):N1} MiB",
        >= 1 << 10 => $"{bytes / (double)(1 << 10):N1} KiB",
        _ => $"{bytes:N0} B",
    };
}
