using Dapper;
using DriftBoard.Storage.Tests.Storage;
using DriftBoard.Storage.Users;

namespace DriftBoard.Storage.Tests.Users;

public sealed class UserStoreTests : DatabaseTest
{
    private const string Password = "correct horse battery";
    private readonly ManualClock _clock = new(DateTimeOffset.Parse("2026-03-01T12:00:00Z"));

    private UserStore Store => new(Db.Database, _clock);

    [Fact]
    public void An_added_user_is_found_by_name_in_any_case_and_the_password_is_stored_hashed()
    {
        var added = Store.Add("Ana", Password, UserRole.Author);

        var found = Store.Find("ana");
        Assert.Equal(added, found);
        Assert.Equal(("Ana", UserRole.Author, 0, null), (found!.Name, found.Role, found.FailedAttempts, found.LockoutEnd));
        Assert.Equal(_clock.GetUtcNow(), found.Created);
        using var connection = Db.Database.Open();
        var hash = connection.ExecuteScalar<string>("SELECT password_hash FROM users;")!;
        Assert.DoesNotContain(Password, hash);
        // Identity's v3 format: base64 of a 0x01 marker, PRF, iteration count, salt and subkey.
        Assert.Equal(0x01, Convert.FromBase64String(hash)[0]);
        Assert.Null(Store.Find("bob"));
    }

    [Fact]
    public void Names_are_unique_without_regard_to_case()
    {
        Store.Add("ana", Password, UserRole.Viewer);

        var thrown = Assert.Throws<UserExistsException>(() => Store.Add("ANA", Password + "!", UserRole.Admin));

        Assert.Equal("ANA", thrown.Name);
        Assert.Single(Store.List());
    }

    [Theory]
    [InlineData("ana", "short", "at least 12 characters")]
    [InlineData("ana-the-admin", "ANA-THE-ADMIN", "may not be the user name")]
    [InlineData("", "correct horse battery", "user name is empty")]
    [InlineData("ana smith", "correct horse battery", "may not contain spaces")]
    public void The_policy_refuses_short_passwords_the_name_as_password_and_bad_names(string name, string password, string reason)
    {
        var thrown = Assert.Throws<UserRejectedException>(() => Store.Add(name, password, UserRole.Viewer));

        Assert.Contains(reason, thrown.Message);
        Assert.Equal(0, Store.Count());
    }

    [Fact]
    public void Sign_in_succeeds_with_the_password_and_fails_alike_for_a_wrong_password_and_an_unknown_name()
    {
        Store.Add("ana", Password, UserRole.Viewer);

        var ok = Store.SignIn("ANA", Password);
        var wrong = Store.SignIn("ana", Password + "x");
        var unknown = Store.SignIn("nobody", Password);

        Assert.True(ok.Succeeded);
        Assert.Equal("ana", ok.User!.Name);
        Assert.Equal(new SignInAttempt(SignInOutcome.Failed), wrong);
        Assert.Equal(new SignInAttempt(SignInOutcome.Failed), unknown);
        Assert.Equal(1, Store.Find("ana")!.FailedAttempts);
    }

    [Fact]
    public void Five_failures_lock_the_account_for_fifteen_minutes_even_against_the_right_password()
    {
        Store.Add("ana", Password, UserRole.Viewer);
        for (var i = 1; i < UserStore.MaxFailedAttempts; i++)
            Assert.Equal(SignInOutcome.Failed, Store.SignIn("ana", "wrong password " + i).Outcome);

        var fifth = Store.SignIn("ana", "wrong password 5");

        var lockoutEnd = _clock.GetUtcNow() + UserStore.LockoutDuration;
        Assert.Equal(new SignInAttempt(SignInOutcome.LockedOut, LockoutEnd: lockoutEnd), fifth);
        Assert.Equal(SignInOutcome.LockedOut, Store.SignIn("ana", Password).Outcome);
        _clock.Advance(UserStore.LockoutDuration - TimeSpan.FromSeconds(1));
        Assert.Equal(SignInOutcome.LockedOut, Store.SignIn("ana", Password).Outcome);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(Store.SignIn("ana", Password).Succeeded);
        Assert.Equal((0, (DateTimeOffset?)null), (Store.Find("ana")!.FailedAttempts, Store.Find("ana")!.LockoutEnd));
    }

    [Fact]
    public void A_success_resets_the_failure_count()
    {
        Store.Add("ana", Password, UserRole.Viewer);
        for (var i = 1; i < UserStore.MaxFailedAttempts; i++) Store.SignIn("ana", "wrong password " + i);

        Assert.True(Store.SignIn("ana", Password).Succeeded);

        Assert.Equal(SignInOutcome.Failed, Store.SignIn("ana", "wrong once more").Outcome);
        Assert.Equal(1, Store.Find("ana")!.FailedAttempts);
    }

    [Fact]
    public void Role_and_password_changes_change_the_security_stamp_and_a_new_password_clears_the_lockout()
    {
        var added = Store.Add("ana", Password, UserRole.Viewer);
        for (var i = 0; i < UserStore.MaxFailedAttempts; i++) Store.SignIn("ana", "wrong password " + i);

        Assert.True(Store.SetRole("ana", UserRole.Admin));
        var promoted = Store.Find("ana")!;
        Assert.True(Store.SetPassword("ANA", "a brand new passphrase"));
        var reset = Store.Find("ana")!;

        Assert.Equal(UserRole.Admin, promoted.Role);
        Assert.NotEqual(added.SecurityStamp, promoted.SecurityStamp);
        Assert.NotEqual(promoted.SecurityStamp, reset.SecurityStamp);
        Assert.Null(reset.LockoutEnd);
        Assert.Equal(SignInOutcome.Failed, Store.SignIn("ana", Password).Outcome);
        Assert.True(Store.SignIn("ana", "a brand new passphrase").Succeeded);
        Assert.Throws<UserRejectedException>(() => Store.SetPassword("ana", "ana"));
        Assert.False(Store.SetRole("nobody", UserRole.Admin));
        Assert.False(Store.SetPassword("nobody", "a brand new passphrase"));
    }

    [Fact]
    public void Removed_users_cannot_sign_in_and_the_list_is_by_name()
    {
        Store.Add("zoe", Password, UserRole.Admin);
        Store.Add("ana", Password, UserRole.Viewer);

        Assert.True(Store.Remove("ZOE"));
        Assert.False(Store.Remove("zoe"));

        Assert.Equal(["ana"], Store.List().Select(u => u.Name));
        Assert.Equal(SignInOutcome.Failed, Store.SignIn("zoe", Password).Outcome);
    }

    [Fact]
    public void Roles_parse_by_name_and_include_the_lower_roles()
    {
        Assert.True(UserRoles.TryParse(" Admin ", out var admin));
        Assert.Equal(UserRole.Admin, admin);
        Assert.False(UserRoles.TryParse("root", out _));
        Assert.Equal(["viewer", "author", "admin"], UserRole.Admin.Including().Select(r => r.Name()));
        Assert.Equal(["viewer"], UserRole.Viewer.Including().Select(r => r.Name()));
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
