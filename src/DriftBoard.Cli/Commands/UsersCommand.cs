using System.CommandLine;
using System.Globalization;
using DriftBoard.Storage;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Users;
using Spectre.Console;

namespace DriftBoard.Cli.Commands;

/// <summary>
/// <c>driftboard users add NAME --role viewer|author|admin | list | remove NAME | set-role NAME ROLE | set-password NAME [--db FILE]</c>:
/// the web app's local accounts. Passwords come from standard input (see <see cref="PasswordInput"/>); there is no default user,
/// so the first admin is made here.
/// </summary>
public static class UsersCommand
{
    private static readonly string RoleNames = string.Join("|", UserRoles.All.Select(r => r.Name()));

    public static Command Create(IAnsiConsole console, PasswordInput passwords)
    {
        var command = new Command("users", "Manage the web app's user accounts (roles: viewer < author < admin)");
        command.Subcommands.Add(Add(console, passwords));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Remove(console));
        command.Subcommands.Add(SetRole(console));
        command.Subcommands.Add(SetPassword(console, passwords));
        return command;
    }

    private static Command Add(IAnsiConsole console, PasswordInput passwords)
    {
        var name = NameArgument();
        var role = new Option<string>("--role")
        {
            Description = $"The user's role: {RoleNames}",
            HelpName = RoleNames,
            Required = true,
        };
        role.Validators.Add(RoleValidator);
        var db = DriftBoardCommandLine.DatabaseOption();
        var command = new Command("add", "Add a user; the password is read from standard input") { name, role, db };
        command.SetAction((parse, ct) => RunAsync(console, parse, db, store =>
        {
            var userName = parse.GetRequiredValue(name);
            UserRoles.TryParse(parse.GetRequiredValue(role), out var userRole);
            if (store.Find(userName) is not null) throw new UserExistsException(userName);
            if (passwords.Read(console, userName) is not { } password) return ExitCodes.InvalidInput;
            var user = store.Add(userName, password, userRole);
            console.MarkupLineInterpolated($"added [bold]{user.Name}[/] as {user.Role.Name()}");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command List(IAnsiConsole console)
    {
        var db = DriftBoardCommandLine.DatabaseOption();
        var command = new Command("list", "List the users with their roles") { db };
        command.SetAction((parse, ct) => RunAsync(console, parse, db, store =>
        {
            var users = store.List();
            if (users.Count == 0)
            {
                console.MarkupLine("no users yet: add the first admin with [bold]driftboard users add NAME --role admin[/]");
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("name", "role", "created (UTC)", "locked until (UTC)");
            foreach (var user in users)
            {
                table.AddRow(Markup.Escape(user.Name), user.Role.Name(), Time(user.Created),
                    user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? Time(end) : "");
            }

            console.Write(table);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Remove(IAnsiConsole console)
    {
        var name = NameArgument();
        var db = DriftBoardCommandLine.DatabaseOption();
        var command = new Command("remove", "Remove a user; their signed-in sessions end within a minute") { name, db };
        command.SetAction((parse, ct) => RunAsync(console, parse, db, store =>
            Report(console, store.Remove(parse.GetRequiredValue(name)), parse.GetRequiredValue(name), "removed"), ct));
        return command;
    }

    private static Command SetRole(IAnsiConsole console)
    {
        var name = NameArgument();
        var role = new Argument<string>("role") { Description = $"The new role: {RoleNames}" };
        role.Validators.Add(RoleValidator);
        var db = DriftBoardCommandLine.DatabaseOption();
        var command = new Command("set-role", "Change a user's role; their signed-in sessions pick it up within a minute") { name, role, db };
        command.SetAction((parse, ct) => RunAsync(console, parse, db, store =>
        {
            UserRoles.TryParse(parse.GetRequiredValue(role), out var userRole);
            return Report(console, store.SetRole(parse.GetRequiredValue(name), userRole), parse.GetRequiredValue(name), $"is now {userRole.Name()}");
        }, ct));
        return command;
    }

    private static Command SetPassword(IAnsiConsole console, PasswordInput passwords)
    {
        var name = NameArgument();
        var db = DriftBoardCommandLine.DatabaseOption();
        var command = new Command("set-password", "Set a user's password from standard input; clears a lockout and signs the user out elsewhere")
        {
            name, db,
        };
        command.SetAction((parse, ct) => RunAsync(console, parse, db, store =>
        {
            var userName = parse.GetRequiredValue(name);
            if (store.Find(userName) is null) return Report(console, false, userName, "");
            if (passwords.Read(console, userName) is not { } password) return ExitCodes.InvalidInput;
            return Report(console, store.SetPassword(userName, password), userName, "has a new password");
        }, ct));
        return command;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "The user name (compared without regard to case)" };

    private static void RoleValidator(System.CommandLine.Parsing.SymbolResult result)
    {
        var value = result is System.CommandLine.Parsing.OptionResult option ? option.GetValueOrDefault<string>()
            : ((System.CommandLine.Parsing.ArgumentResult)result).GetValueOrDefault<string>();
        if (!UserRoles.TryParse(value, out _)) result.AddError($"the role must be one of {RoleNames}, not '{value}'");
    }

    private static int Report(IAnsiConsole console, bool done, string name, string what)
    {
        if (!done)
        {
            console.MarkupLineInterpolated($"[red]error:[/] there is no user named '{name}'");
            return ExitCodes.InvalidInput;
        }

        console.MarkupLineInterpolated($"{name} {what}");
        return ExitCodes.Ok;
    }

    /// <summary>Runs a users subcommand over the resolved database; refused names and passwords are input errors, not crashes.</summary>
    private static Task<int> RunAsync(IAnsiConsole console, ParseResult parse, Option<string?> db, Func<UserStore, int> body, CancellationToken ct) =>
        DriftBoardCommandLine.RunAsync(console, _ =>
        {
            var store = new UserStore(new DriftBoardDatabase(DatabaseLocation.Resolve(parse.GetValue(db))));
            try
            {
                return Task.FromResult(body(store));
            }
            catch (Exception ex) when (ex is UserRejectedException or UserExistsException)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}; nothing was changed");
                return Task.FromResult(ExitCodes.InvalidInput);
            }
        }, ct);

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
