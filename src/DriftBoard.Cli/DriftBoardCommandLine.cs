using System.CommandLine;
using DriftBoard.Cli.Commands;
using DriftBoard.Storage;
using Spectre.Console;

namespace DriftBoard.Cli;

/// <summary>Builds the <c>driftboard</c> command tree. The console is injected so tests can read what a command prints.</summary>
public static class DriftBoardCommandLine
{
    /// <summary>--db FILE, shared by every command that touches the database.</summary>
    public static Option<string?> DatabaseOption() => new("--db")
    {
        Description = $"SQLite database file (default: ${DatabaseLocation.EnvironmentVariable}, else ./driftboard.db)",
        HelpName = "FILE",
    };

    /// <summary>--log-store CONNECTION: a PostgreSQL (Npgsql) connection string; metadata stays in the SQLite database.</summary>
    public static Option<string?> LogStoreOption(string description)
    {
        var option = new Option<string?>("--log-store") { Description = description, HelpName = "CONNECTION" };
        option.Validators.Add(r =>
        {
            if (!Storage.Postgres.LogStore.IsPostgres(r.GetValueOrDefault<string?>())) r.AddError("--log-store must be a PostgreSQL connection string naming a Host");
        });
        return option;
    }

    public static RootCommand Create(IAnsiConsole console) => Create(console, PasswordInput.FromConsole());

    /// <summary>The command tree reading passwords from <paramref name="passwords"/> (tests pipe them in).</summary>
    public static RootCommand Create(IAnsiConsole console, PasswordInput passwords)
    {
        var root = new RootCommand("DriftBoard: find out why a production model quietly stopped working.");
        root.Subcommands.Add(ImportCommand.Create(console));
        root.Subcommands.Add(AnalyzeCommand.Create(console));
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(console));
        root.Subcommands.Add(PostmortemCommand.Create(console));
        root.Subcommands.Add(UsersCommand.Create(console, passwords));
        return root;
    }

    /// <summary>Runs a command body and maps the errors users can act on to a message and an exit code.</summary>
    public static async Task<int> RunAsync(IAnsiConsole console, Func<CancellationToken, Task<int>> body, CancellationToken ct)
    {
        try
        {
            return await body(ct);
        }
        catch (DatasetContractException ex)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (DatasetExistsException ex)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A folder that cannot be written or a file held by another process: the user can act on the message, not on a stack trace.
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]cancelled[/]: nothing was changed");
            return ExitCodes.Cancelled;
        }
    }
}
