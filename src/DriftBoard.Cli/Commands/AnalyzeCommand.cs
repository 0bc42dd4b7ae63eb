using System.CommandLine;
using DriftBoard.Core.Analysis;
using DriftBoard.Core.Analysis.Report;
using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Storage;
using DriftBoard.Storage.Analysis;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.ModelCards;
using DriftBoard.Storage.Postgres;
using DriftBoard.Storage.Store;
using Spectre.Console;

namespace DriftBoard.Cli.Commands;

/// <summary>
/// <c>driftboard analyze &lt;folder or dataset id&gt; [--db FILE] [--window day|week|month] [--reference training|FROM..TO] [--json FILE] [--markdown FILE] [--log-store CONNECTION]</c>:
/// imports a folder first when it is not in the database yet, runs the full analysis, prints a short summary and writes the report.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var target = new Argument<string>("dataset") { Description = "A dataset folder (imported first if needed) or the id `driftboard import` printed" };
        var db = DriftBoardCommandLine.DatabaseOption();
        var window = new Option<WindowSize>("--window")
        {
            Description = "Window size: day, week (ISO, Monday UTC) or month",
            DefaultValueFactory = _ => WindowSize.Week,
        };
        var reference = new Option<string>("--reference")
        {
            Description = "Drift reference: training (default) or a production period FROM..TO (ISO dates, inclusive)",
            DefaultValueFactory = _ => "training",
        };
        reference.Validators.Add(r =>
        {
            if (!ReferenceChoice.TryParse(r.GetValueOrDefault<string>(), out _))
                r.AddError("--reference must be 'training' or FROM..TO with ISO dates, e.g. 2026-04-01..2026-04-30");
        });
        var json = new Option<FileInfo?>("--json") { Description = "Write the report as JSON to FILE", HelpName = "FILE" };
        var markdown = new Option<FileInfo?>("--markdown") { Description = "Write the report as Markdown to FILE", HelpName = "FILE" };

        var logStore = DriftBoardCommandLine.LogStoreOption("Read the production counts and the row sample from this PostgreSQL log store "
            + "(the dataset copied there by `driftboard import --log-store`); default: the SQLite database");

        var command = new Command("analyze", "Reproduce the drop, diagnose it, propose fixes and replay monitors")
        {
            target, db, window, reference, json, markdown, logStore,
        };
        command.SetAction((parse, ct) => DriftBoardCommandLine.RunAsync(console, async token =>
        {
            ReferenceChoice.TryParse(parse.GetValue(reference), out var referenceChoice);
            var options = new DiagnosisOptions { Window = parse.GetValue(window), Reference = referenceChoice };
            var databasePath = DatabaseLocation.Resolve(parse.GetValue(db));
            var datasetId = await ResolveDatasetAsync(console, databasePath, parse.GetRequiredValue(target), token);
            if (datasetId is null) return ExitCodes.InvalidInput;

            var database = new DriftBoardDatabase(databasePath);
            var source = LogStore.Open(parse.GetValue(logStore), database);
            using var disposeSource = source as IDisposable;
            var analyzer = new DatasetAnalyzer(new DatasetStore(database), logStore: source);
            AnalysisReport report;
            try
            {
                report = await console.Status().StartAsync("analysing", async ctx =>
                    await analyzer.AnalyzeAsync(datasetId, options, new Progress<string>(stage => ctx.Status($"analysing: {stage}")), token));
            }
            catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException)
            {
                // KeyNotFoundException: a --log-store that does not hold the dataset.
                console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
                return ExitCodes.InvalidInput;
            }

            PrintSummary(console, report);
            if (parse.GetValue(json) is { } jsonFile)
            {
                await File.WriteAllTextAsync(jsonFile.FullName, ReportJson.Serialize(report), token);
                console.MarkupLineInterpolated($"JSON report: {jsonFile.FullName}");
            }

            if (parse.GetValue(markdown) is { } markdownFile)
            {
                await File.WriteAllTextAsync(markdownFile.FullName, ReportMarkdown.Render(report), token);
                console.MarkupLineInterpolated($"Markdown report: {markdownFile.FullName}");
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>A folder is imported unless a dataset of the same id is there; anything else must be a known dataset id.</summary>
    private static async Task<string?> ResolveDatasetAsync(IAnsiConsole console, string databasePath, string target, CancellationToken ct)
    {
        if (Directory.Exists(target))
        {
            var card = ModelCardParser.Parse(Path.Combine(target, ModelCardParser.CardFileName));
            var id = DatasetId.For(null, card.Model, card.Version);
            if (new DatasetStore(new DriftBoardDatabase(databasePath)).Find(id) is not null)
            {
                console.MarkupLineInterpolated($"[grey]{id} is already imported; analysing it (use `driftboard import --replace` to re-import)[/]");
                return id;
            }

            var result = await ImportCommand.ImportAsync(console, databasePath, target, new ImportOptions(), ct);
            return result?.DatasetId;
        }

        if (new DatasetStore(new DriftBoardDatabase(databasePath)).Find(target) is null)
        {
            console.MarkupLineInterpolated($"[red]error:[/] '{target}' is neither a folder nor a dataset in {databasePath}");
            return null;
        }

        return target;
    }

    private static void PrintSummary(IAnsiConsole console, AnalysisReport report)
    {
        var cause = report.RootCause;
        var drop = report.RecallDrop;
        console.WriteLine();
        console.MarkupLineInterpolated($"[bold]{report.Dataset.Model} {report.Dataset.Version}[/]: {report.Dataset.Rows:N0} predictions, {report.Dataset.FirstEvent:yyyy-MM-dd} to {report.Dataset.LastEvent:yyyy-MM-dd}");
        if (drop.Detected)
            console.MarkupLineInterpolated($"Recall dropped from [bold]{ReportMarkdown.Percent(drop.Baseline)}[/] to [bold red]{ReportMarkdown.Percent(drop.Current)}[/] from {drop.StartDate:yyyy-MM-dd} (p = {drop.Significance:G2})");
        else
            console.MarkupLine("No significant recall drop on mature windows");
        console.MarkupLineInterpolated($"Root cause: [bold]{ReportMarkdown.CategoryTitle(cause.Category)}[/] (confidence {ReportMarkdown.Percent(cause.Confidence, 0)}){(cause.Features.Count > 0 ? " in " + string.Join(", ", cause.Features) : "")}");
        console.WriteLine(cause.Summary);
        foreach (var fix in report.Fixes)
            console.MarkupLineInterpolated($"  {fix.Kind}: {fix.Title}: expected recall {ReportMarkdown.Percent(fix.ExpectedRecall)} ({ReportMarkdown.Percent(fix.ExpectedRecallLow)}–{ReportMarkdown.Percent(fix.ExpectedRecallHigh)})");
        console.WriteLine(report.Detection.Summary);
    }
}
