using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DriftBoard.Cli.Benchmarks;
using DriftBoard.Storage.Demo;
using Spectre.Console;

namespace DriftBoard.Cli.Commands;

/// <summary>
/// <c>driftboard bench [--rows N] [--runs R] [--work DIR] [--keep] [--json FILE] [--settings FILE]</c>: times parsing, importing
/// and reading back a generated demo dataset of about N predictions, R times, and reports medians and ranges.
/// </summary>
public static class BenchCommand
{
    /// <summary>The import speed the product promises for a wide (14+ column) CSV.</summary>
    public const double TargetRowsPerSecond = 300_000;

    public static Command Create(IAnsiConsole console)
    {
        var rows = new Option<long>("--rows")
        {
            Description = "About how many predictions to generate",
            HelpName = "N",
            DefaultValueFactory = _ => 1_000_000,
        };
        rows.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long>() <= 0) r.AddError("--rows must be a positive number");
        });
        var runs = new Option<int>("--runs") { Description = "How many times to repeat each measurement", HelpName = "R", DefaultValueFactory = _ => 3 };
        runs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() <= 0) r.AddError("--runs must be a positive number");
        });
        var work = new Option<DirectoryInfo?>("--work") { Description = "Folder for the generated dataset and databases (default: a new temporary folder)", HelpName = "DIR" };
        var keep = new Option<bool>("--keep") { Description = "Keep the generated dataset and the folder afterwards" };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the figures to this JSON file", HelpName = "FILE" };
        var settingsFile = new Option<FileInfo?>("--settings") { Description = "Demo settings YAML to scale (default: as for driftboard demo)", HelpName = "FILE" };

        var command = new Command("bench", "Measure CSV parse, import and column read speed on a generated dataset")
        {
            rows, runs, work, keep, json, settingsFile,
        };
        command.SetAction((parse, ct) => DriftBoardCommandLine.RunAsync(console, token => RunAsync(console,
            parse.GetValue(rows), parse.GetValue(runs), parse.GetValue(work)?.FullName, parse.GetValue(keep), parse.GetValue(json)?.FullName,
            parse.GetValue(settingsFile)?.FullName, token), ct));
        return command;
    }

    public static async Task<int> RunAsync(IAnsiConsole console, long predictions, int runs, string? workFolder, bool keep, string? jsonFile,
        string? settingsFile, CancellationToken ct)
    {
        var (demo, source) = DemoSettingsFile.Load(settingsFile);
        var settings = ImportBenchmark.Scale(demo, predictions);
        var temporary = workFolder is null;
        var work = workFolder ?? Directory.CreateTempSubdirectory("driftboard-bench-").FullName;
        var datasetFolder = Path.Combine(work, "dataset");
        var databaseFolder = Path.Combine(work, "databases");
        Directory.CreateDirectory(databaseFolder);
        try
        {
            var clock = Stopwatch.StartNew();
            var total = (long)settings.TrainingRows + (long)settings.Days * settings.PerDay;
            var dataset = await CountProgressView.RunAsync(console, "Generating the benchmark dataset", total, progress =>
                Task.Run(() => ImportBenchmark.Generate(datasetFolder, settings, progress), ct));
            console.MarkupLineInterpolated(
                $"Generated {dataset.Summary.PredictionRows:N0} predictions ({settings.PerDay:N0}/day over {settings.Days} days, {DemoCommand.Size(dataset.PredictionsBytes)}) and {dataset.Summary.TrainingRows:N0} training rows in {clock.Elapsed.TotalSeconds:N1} s");

            var report = new BenchmarkReport(MachineInfo.Current(), runs, new Dictionary<string, string>
            {
                ["predictions"] = dataset.Summary.PredictionRows.ToString(CultureInfo.InvariantCulture),
                ["trainingRows"] = dataset.Summary.TrainingRows.ToString(CultureInfo.InvariantCulture),
                ["chargebacks"] = dataset.Summary.Chargebacks.ToString(CultureInfo.InvariantCulture),
                ["predictionsColumns"] = PredictionColumns(dataset).ToString(CultureInfo.InvariantCulture),
                ["predictionsBytes"] = dataset.PredictionsBytes.ToString(CultureInfo.InvariantCulture),
                ["datasetBytes"] = dataset.TotalBytes.ToString(CultureInfo.InvariantCulture),
                ["seed"] = settings.Seed.ToString(CultureInfo.InvariantCulture),
                ["settings"] = source ?? "built-in",
            });
            var benchmark = new ImportBenchmark(dataset, databaseFolder, report);
            for (var run = 1; run <= runs; run++)
            {
                console.MarkupLineInterpolated($"[grey]run {run}/{runs}…[/]");
                var current = run;
                await Task.Run(() => benchmark.RunOnce(current, ct), ct);
            }
            benchmark.AddConclusions(TargetRowsPerSecond);
            benchmark.AddPageLoadPercentiles();
            report.Note("the predictions file has " + report.Setup["predictionsColumns"] + " columns; load times include the five row columns (time, score, prediction, label, label time) besides the features");
            report.Note("this machine is shared and noisy: compare medians of several runs, and the min–max range, not single figures");

            report.Write(console);
            if (jsonFile is not null)
            {
                await File.WriteAllTextAsync(jsonFile, report.ToJson(), ct);
                console.MarkupLineInterpolated($"Wrote {jsonFile}");
            }
            if (keep) console.MarkupLineInterpolated($"Kept the benchmark dataset in {datasetFolder}");
            return ExitCodes.Ok;
        }
        finally
        {
            if (!keep)
            {
                DeleteIfExists(datasetFolder);
                DeleteIfExists(databaseFolder);
                if (temporary) DeleteIfExists(work);
            }
        }
    }

    private static int PredictionColumns(BenchmarkDataset dataset)
    {
        using var reader = Storage.Formats.TabularReader.Open(dataset.PredictionsPath);
        return reader.Columns.Count;
    }

    private static void DeleteIfExists(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
