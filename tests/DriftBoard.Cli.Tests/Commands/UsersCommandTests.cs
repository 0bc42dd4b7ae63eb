using DriftBoard.Cli.Tests.TestSupport;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Users;

namespace DriftBoard.Cli.Tests.Commands;

public sealed class UsersCommandTests : IDisposable
{
    private const string Password = "correct horse battery";
    private readonly TempFolder _temp = new();

    private string Db => _temp.Combine("data", "driftboard.db");

    private UserStore Store => new(new DriftBoardDatabase(Db));

    [Fact]
    public async Task Add_reads_one_line_of_standard_input_as_the_password()
    {
        var run = await CliRunner.RunWithInputAsync(Password + "\n", "users", "add", "Ana", "--role", "admin", "--db", Db);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal("added Ana as admin", run.LastLine);
        Assert.Equal(UserRole.Admin, Store.Find("ana")!.Role);
        Assert.True(Store.SignIn("ana", Password).Succeeded);
        Assert.DoesNotContain(Password, run.Output);
    }

    [Theory]
    [InlineData("short\n", "at least 12 characters")]
    [InlineData("ana\n", "at least 12 characters")]
    [InlineData("", "no password on standard input")]
    public async Task Add_refuses_a_missing_or_weak_password_and_adds_nobody(string input, string message)
    {
        var run = await CliRunner.RunWithInputAsync(input, "users", "add", "ana", "--role", "viewer", "--db", Db);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(message, run.Output);
        Assert.Equal(0, Store.Count());
    }

    [Fact]
    public async Task Add_refuses_the_user_name_as_password_an_unknown_role_a_missing_role_and_a_taken_name()
    {
        var sameAsName = await CliRunner.RunWithInputAsync("ana-the-admin\n", "users", "add", "ana-the-admin", "--role", "viewer", "--db", Db);
        var badRole = await CliRunner.RunWithInputAsync(Password + "\n", "users", "add", "ana", "--role", "root", "--db", Db);
        var noRole = await CliRunner.RunWithInputAsync(Password + "\n", "users", "add", "ana", "--db", Db);
        Store.Add("ana", Password, UserRole.Viewer);
        var taken = await CliRunner.RunWithInputAsync(Password + "\n", "users", "add", "ANA", "--role", "admin", "--db", Db);

        Assert.Equal(ExitCodes.InvalidInput, sameAsName.ExitCode);
        Assert.Contains("may not be the user name", sameAsName.Output);
        Assert.NotEqual(ExitCodes.Ok, badRole.ExitCode);
        Assert.Contains("the role must be one of viewer|author|admin, not 'root'", badRole.Output);
        Assert.NotEqual(ExitCodes.Ok, noRole.ExitCode);
        Assert.Contains("--role", noRole.Output);
        Assert.Equal(ExitCodes.InvalidInput, taken.ExitCode);
        Assert.Contains("a user named 'ANA' already exists", taken.Output);
        Assert.Equal(UserRole.Viewer, Assert.Single(Store.List()).Role);
    }

    [Fact]
    public async Task List_set_role_set_password_and_remove_work_by_name()
    {
        var empty = await CliRunner.RunAsync("users", "list", "--db", Db);
        Store.Add("ana", Password, UserRole.Viewer);
        Store.Add("bob", Password, UserRole.Author);
        var stamp = Store.Find("ana")!.SecurityStamp;

        var setRole = await CliRunner.RunAsync("users", "set-role", "ANA", "admin", "--db", Db);
        var setPassword = await CliRunner.RunWithInputAsync("a brand new passphrase\n", "users", "set-password", "ana", "--db", Db);
        var remove = await CliRunner.RunAsync("users", "remove", "bob", "--db", Db);
        var list = await CliRunner.RunAsync("users", "list", "--db", Db);

        Assert.Contains("driftboard users add NAME --role admin", empty.Output);
        Assert.True(setRole.ExitCode == ExitCodes.Ok, setRole.ToString());
        Assert.True(setPassword.ExitCode == ExitCodes.Ok, setPassword.ToString());
        Assert.True(remove.ExitCode == ExitCodes.Ok, remove.ToString());
        var ana = Store.Find("ana")!;
        Assert.Equal(UserRole.Admin, ana.Role);
        Assert.NotEqual(stamp, ana.SecurityStamp);
        Assert.True(Store.SignIn("ana", "a brand new passphrase").Succeeded);
        Assert.Null(Store.Find("bob"));
        Assert.Contains(list.Lines, line => line.Contains("ana") && line.Contains("admin"));
        Assert.DoesNotContain(list.Lines, line => line.Contains("bob"));
    }

    [Fact]
    public async Task Commands_on_an_unknown_user_fail_with_an_input_error()
    {
        var remove = await CliRunner.RunAsync("users", "remove", "nobody", "--db", Db);
        var setRole = await CliRunner.RunAsync("users", "set-role", "nobody", "author", "--db", Db);
        var setPassword = await CliRunner.RunWithInputAsync(Password + "\n", "users", "set-password", "nobody", "--db", Db);

        Assert.All([remove, setRole, setPassword], run =>
        {
            Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
            Assert.Contains("there is no user named 'nobody'", run.Output);
        });
    }

    public void Dispose() => _temp.Dispose();
}
