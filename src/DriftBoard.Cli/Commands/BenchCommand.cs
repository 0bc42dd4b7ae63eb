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
/// <c>driftboard bench --scaling 1M,3M,10M [--features 6,12] [--notebook]</c>: the whole run (import + analysis), re-analysis and
/// peak memory at each size (and each feature count at the smallest size), with the growth ratios and the notebook baseline.
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
        var scaling = new Option<string?>("--scaling")
        {
            Description = "Instead of the single-size bench: the whole run (import + analysis) and peak memory at each size, e.g. 1M,3M,10M",
            HelpName = "SIZES",
        };
        scaling.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && !ScalingBenchmark.TryParseSizes(text, out _))
                r.AddError("--scaling takes positive row counts separated by commas, e.g. 1M,3M,10M or 200k,600k");
        });
        var features = new Option<string?>("--features")
        {
            Description = "With --scaling: feature counts to compare at the smallest size, e.g. 6,12 (default: all the demo's)",
            HelpName = "LIST",
        };
        features.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && !TryParseFeatureCounts(text, out _))
                r.AddError("--features takes positive feature counts separated by commas, e.g. 6,12");
        });
        var notebook = new Option<bool>("--notebook")
        {
            Description = $"With --scaling: also time bench/notebook_baseline.py (pandas + scipy) on the same files with {NotebookBaseline.DefaultPython}",
        };

        var command = new Command("bench", "Measure CSV parse, import and column read speed on a generated dataset")
        {
            rows, runs, work, keep, json, settingsFile, scaling, features, notebook,
        };
        command.SetAction((parse, ct) => DriftBoardCommandLine.RunAsync(console, token => parse.GetValue(scaling) is { } sizes
            ? RunScalingAsync(console, sizes, parse.GetValue(features), parse.GetValue(notebook), parse.GetValue(runs), parse.GetValue(work)?.FullName,
                parse.GetValue(json)?.FullName, parse.GetValue(settingsFile)?.FullName, token)
            : RunAsync(console,
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

    /// <summary>Parses "6,12" into positive feature counts.</summary>
    public static bool TryParseFeatureCounts(string text, out int[] counts)
    {
        counts = [];
        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n <= 0) return false;
            list.Add(n);
        }

        counts = [.. list];
        return counts.Length > 0;
    }

    public static async Task<int> RunScalingAsync(IAnsiConsole console, string sizesText, string? featuresText, bool notebook, int runs,
        string? workFolder, string? jsonFile, string? settingsFile, CancellationToken ct)
    {
        ScalingBenchmark.TryParseSizes(sizesText, out var sizes);
        var (demo, _) = DemoSettingsFile.Load(settingsFile);
        var all = demo.Features.Count;
        var featureCounts = featuresText is null ? [all] : TryParseFeatureCounts(featuresText, out var parsed) ? parsed : [all];
        var widest = Math.Min(all, featureCounts.Max());
        var points = sizes.Distinct().Select(n => new ScalingPoint(n, widest))
            .Concat(featureCounts.Select(f => new ScalingPoint(sizes.Min(), Math.Min(all, f))))
            .Distinct().ToList();

        NotebookBaseline? baseline = null;
        if (notebook)
        {
            var script = NotebookBaseline.FindScript(Directory.GetCurrentDirectory()) ?? NotebookBaseline.FindScript(AppContext.BaseDirectory);
            if (script is null || !File.Exists(NotebookBaseline.DefaultPython))
                console.MarkupLine("[yellow]--notebook: bench/notebook_baseline.py or /usr/bin/python3 not found; skipping the baseline[/]");
            else baseline = new NotebookBaseline(NotebookBaseline.DefaultPython, script);
        }

        var temporary = workFolder is null;
        var work = workFolder ?? Directory.CreateTempSubdirectory("driftboard-bench-").FullName;
        Directory.CreateDirectory(work);
        try
        {
            var results = await Task.Run(() => ScalingBenchmark.Run(demo, points, runs, work, baseline,
                line => console.MarkupLineInterpolated($"[grey]{line}[/]"), ct), ct);
            // Narrow enough for an 80-column terminal; the per-row and per-million figures are in the JSON and the notes.
            var table = new Table().AddColumns("Rows", "Feat.", "Import s", "Analysis s", "Whole s", "Re-an. s", "Peak MiB", "Notebook s");
            foreach (var r in results)
            {
                table.AddRow(
                    (r.Rows / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + "M", r.Point.Features.ToString(CultureInfo.InvariantCulture),
                    S(r.ImportSeconds), S(r.AnalysisSeconds), S(r.WholeRunSeconds), S(r.ReanalysisSeconds),
                    r.PeakMiB.ToString("N0", CultureInfo.InvariantCulture), r.NotebookSeconds is { } nb ? S(nb) : "");
            }

            console.MarkupLineInterpolated($"driftboard bench --scaling: median of {runs} run{(runs == 1 ? "" : "s")} per point");
            console.Write(table);
            console.MarkupLineInterpolated($"Machine: {MachineInfo.Current().ToString()}");
            foreach (var note in ScalingBenchmark.GrowthNotes(results)) console.MarkupLineInterpolated($"Note: {note}");
            if (results.Any(r => !r.PeakIsPerPoint))
                console.MarkupLine("Note: the peak working set could not be reset between points: each peak includes the earlier points'");
            foreach (var r in results)
                console.MarkupLineInterpolated($"Note: CPU seconds at {r.Rows:N0} rows × {r.Point.Features} features: import {S(r.CpuSeconds.Import)}, analysis {S(r.CpuSeconds.Analysis)}, re-analysis {S(r.CpuSeconds.Reanalysis)}");
            console.MarkupLine("Note: whole run = import + first analysis (weekly windows, training reference); re-analysis = monthly windows on the same import; this machine is shared and noisy");
            if (jsonFile is not null)
            {
                await File.WriteAllTextAsync(jsonFile, ScalingBenchmark.ToJson(results, MachineInfo.Current(), runs), ct);
                console.MarkupLineInterpolated($"Wrote {jsonFile}");
            }

            return ExitCodes.Ok;
        }
        finally
        {
            foreach (var dir in Directory.EnumerateDirectories(work, "scaling-*")) DeleteIfExists(dir);
            if (temporary) DeleteIfExists(work);
        }

        static string S(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);
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
