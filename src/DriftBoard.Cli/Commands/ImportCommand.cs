using System.CommandLine;
using DriftBoard.Storage;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Formats;
using DriftBoard.Storage.Import;
using DriftBoard.Storage.Postgres;
using DriftBoard.Storage.Store;
using Spectre.Console;

namespace DriftBoard.Cli.Commands;

/// <summary><c>driftboard import &lt;folder&gt; [--db FILE] [--name NAME] [--replace] [--max-bad-rows SHARE] [--max-row-bytes N] [--log-store CONNECTION]</c></summary>
public static class ImportCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Dataset folder holding model_card.md and the files it names" };
        var db = DriftBoardCommandLine.DatabaseOption();
        var name = new Option<string?>("--name") { Description = "Dataset name (default: <model>-<version> from the card); its slug is the dataset id" };
        var replace = new Option<bool>("--replace") { Description = "Replace a dataset of the same id instead of refusing" };
        var maxBad = new Option<double>("--max-bad-rows")
        {
            Description = "Fail when more than this share of rows is bad (default 0.001 = 0.1%)",
            DefaultValueFactory = _ => 0.001,
        };
        maxBad.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<double>();
            if (v is < 0 or > 1 || double.IsNaN(v)) r.AddError("--max-bad-rows must be a share between 0 and 1");
        });

        var maxRowBytes = new Option<int>("--max-row-bytes")
        {
            Description = "Fail when one row of a CSV or JSON Lines file spans more bytes than this (default 1048576 = 1 MiB)",
            DefaultValueFactory = _ => TabularReaderLimits.DefaultMaxRowBytes,
        };
        maxRowBytes.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1024) r.AddError("--max-row-bytes must be at least 1024");
        });

        var logStore = DriftBoardCommandLine.LogStoreOption("Also copy the production rows into this PostgreSQL log store (an Npgsql connection string, "
            + "e.g. \"Host=db;Database=driftboard;Username=app\"); the dataset's metadata stays in the SQLite database");

        var command = new Command("import", "Import a dataset folder into the database (streams every file; all or nothing)")
        {
            folder, db, name, replace, maxBad, maxRowBytes, logStore,
        };
        command.SetAction((parse, ct) => DriftBoardCommandLine.RunAsync(console, async token =>
        {
            var dir = parse.GetRequiredValue(folder);
            var path = DatabaseLocation.Resolve(parse.GetValue(db));
            var options = new ImportOptions(parse.GetValue(name), parse.GetValue(replace), parse.GetValue(maxBad));
            var result = await ImportAsync(console, path, dir.FullName, options, token, new TabularReaderLimits(parse.GetValue(maxRowBytes)), parse.GetValue(logStore));
            return result is null ? ExitCodes.Failure : ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>
    /// Imports with progress on the console and prints the summary; the last line is the dataset id. With a PostgreSQL
    /// <paramref name="logStore"/>, then copies the production rows there (replacing an earlier copy of the dataset).
    /// </summary>
    public static async Task<ImportResult?> ImportAsync(IAnsiConsole console, string databasePath, string folder, ImportOptions options, CancellationToken ct,
        TabularReaderLimits? readerLimits = null, string? logStore = null)
    {
        var database = new DriftBoardDatabase(databasePath);
        var importer = new DatasetImporter(database) { ReaderLimits = readerLimits ?? TabularReaderLimits.Default };
        var result = await ImportProgressView.RunAsync(console, progress =>
            Task.Run(() => importer.Import(folder, options, progress, ct), ct));

        var rate = result.Elapsed.TotalSeconds > 0 ? (result.Rows + result.TrainingRows) / result.Elapsed.TotalSeconds : 0;
        console.MarkupLineInterpolated(
            $"Imported [bold]{result.Rows:N0}[/] predictions, {result.TrainingRows:N0} training rows, {result.LabelledRows:N0} labelled, in {result.Elapsed.TotalSeconds:N1} s ({rate:N0} rows/s) into {databasePath}");
        if (result.QuarantinedRows > 0)
            console.MarkupLineInterpolated($"[yellow]{result.QuarantinedRows:N0} bad rows were set aside in quarantine[/] (within --max-bad-rows)");
        if (LogStore.IsPostgres(logStore))
        {
            using var postgres = new PostgresLogStore(logStore!, database);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var copied = await Task.Run(() => postgres.CopyFrom(new DatasetStore(database), result.DatasetId, ct), ct);
            console.MarkupLineInterpolated($"Copied [bold]{copied:N0}[/] production rows into the PostgreSQL log store (schema {postgres.Schema}) in {started.Elapsed.TotalSeconds:N1} s");
        }

        console.WriteLine(result.DatasetId);
        return result;
    }
}
