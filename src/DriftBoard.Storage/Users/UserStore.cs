using Dapper;
using DriftBoard.Storage.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace DriftBoard.Storage.Users;

/// <summary>
/// Local user accounts: add, find, list, remove, change role or password, and sign-in with lockout. Passwords are hashed with
/// ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, per-user salt, versioned format), so the CLI that adds
/// users and the web app that signs them in agree. There is no default user and no default password.
/// </summary>
public sealed class UserStore(DriftBoardDatabase database, TimeProvider? time = null)
{
    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>How long a locked account refuses every sign-in, the right password included.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    // The hasher ignores the user object; the name is passed only because the interface wants one.
    private static readonly PasswordHasher<string> Hasher = new();

    // Verified against when the name is unknown, so an unknown name costs as long as a wrong password.
    private static readonly Lazy<string> UnknownUserHash = new(() => Hasher.HashPassword("", Guid.NewGuid().ToString("N")));

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private const string SelectUser = """
        SELECT name AS Name, role AS Role, failed_attempts AS FailedAttempts, lockout_end_ms AS LockoutEndMs,
               security_stamp AS SecurityStamp, created_at_ms AS CreatedAtMs, password_hash AS PasswordHash
        FROM users
        """;

    /// <summary>Adds a user. Throws <see cref="UserRejectedException"/> for a name or password the policy refuses and
    /// <see cref="UserExistsException"/> when the name (compared case-insensitively) is taken.</summary>
    public UserAccount Add(string name, string password, UserRole role)
    {
        name = ValidName(name);
        var hash = HashFor(name, password);
        using var connection = database.Open();
        try
        {
            connection.Execute("""
                INSERT INTO users (name, password_hash, role, failed_attempts, lockout_end_ms, security_stamp, created_at_ms)
                VALUES (@name, @hash, @role, 0, NULL, @stamp, @now);
                """, new { name, hash, role = role.Name(), stamp = NewStamp(), now = NowMs() });
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: the primary key (name, NOCASE)
        {
            throw new UserExistsException(name);
        }

        return Find(name)!;
    }

    /// <summary>The user of that name (any case), or null.</summary>
    public UserAccount? Find(string name)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<UserRow>(SelectUser + " WHERE name = @name;", new { name = name.Trim() })?.ToAccount();
    }

    /// <summary>Every user, by name.</summary>
    public IReadOnlyList<UserAccount> List()
    {
        using var connection = database.Open();
        return connection.Query<UserRow>(SelectUser + " ORDER BY name;").Select(row => row.ToAccount()).ToList();
    }

    public int Count()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM users;");
    }

    /// <summary>Changes the role and the security stamp (signed-in sessions pick up the change); false when there is no such user.</summary>
    public bool SetRole(string name, UserRole role)
    {
        using var connection = database.Open();
        return connection.Execute("UPDATE users SET role = @role, security_stamp = @stamp WHERE name = @name;",
            new { name = name.Trim(), role = role.Name(), stamp = NewStamp() }) == 1;
    }

    /// <summary>Sets a new password (policy-checked), clears the lockout and changes the security stamp; false when there is no such user.</summary>
    public bool SetPassword(string name, string password)
    {
        if (Find(name) is not { } user) return false;
        var hash = HashFor(user.Name, password);
        using var connection = database.Open();
        return connection.Execute("""
            UPDATE users SET password_hash = @hash, security_stamp = @stamp, failed_attempts = 0, lockout_end_ms = NULL WHERE name = @name;
            """, new { name = user.Name, hash, stamp = NewStamp() }) == 1;
    }

    /// <summary>Deletes the user; false when there is none. Their sessions end at the next security-stamp check.</summary>
    public bool Remove(string name)
    {
        using var connection = database.Open();
        return connection.Execute("DELETE FROM users WHERE name = @name;", new { name = name.Trim() }) == 1;
    }

    /// <summary>
    /// Checks a password and records the attempt. An unknown name and a wrong password give the same outcome (and cost the same
    /// hashing time). <see cref="MaxFailedAttempts"/> failures in a row lock the account for <see cref="LockoutDuration"/>, during
    /// which even the right password is refused; a success resets the count. An old-format hash is upgraded on success.
    /// </summary>
    public SignInAttempt SignIn(string name, string password)
    {
        var now = _time.GetUtcNow();
        if (PasswordPolicy.CheckName(name) is not null || string.IsNullOrEmpty(password) || password.Length > PasswordPolicy.MaximumLength)
        {
            Hasher.VerifyHashedPassword("", UnknownUserHash.Value, "x");
            return new SignInAttempt(SignInOutcome.Failed);
        }

        UserRow? row;
        using (var connection = database.Open())
            row = connection.QuerySingleOrDefault<UserRow>(SelectUser + " WHERE name = @name;", new { name = name.Trim() });
        if (row is null)
        {
            Hasher.VerifyHashedPassword("", UnknownUserHash.Value, password);
            return new SignInAttempt(SignInOutcome.Failed);
        }

        if (row.ToAccount() is { } locked && locked.IsLockedOut(now)) return new SignInAttempt(SignInOutcome.LockedOut, LockoutEnd: locked.LockoutEnd);

        var verdict = Hasher.VerifyHashedPassword(row.Name, row.PasswordHash, password);
        using (var connection = database.Open())
        {
            if (verdict == PasswordVerificationResult.Failed)
            {
                // One statement, so concurrent attempts cannot both read 4 and write 5 and skip the lockout.
                var until = now.Add(LockoutDuration).ToUnixTimeMilliseconds();
                var lockoutEnd = connection.QuerySingleOrDefault<long?>("""
                    UPDATE users SET
                        lockout_end_ms = CASE WHEN failed_attempts + 1 >= @max THEN @until ELSE lockout_end_ms END,
                        failed_attempts = CASE WHEN failed_attempts + 1 >= @max THEN 0 ELSE failed_attempts + 1 END
                    WHERE name = @name
                    RETURNING lockout_end_ms;
                    """, new { name = row.Name, max = MaxFailedAttempts, until });
                return lockoutEnd == until
                    ? new SignInAttempt(SignInOutcome.LockedOut, LockoutEnd: DateTimeOffset.FromUnixTimeMilliseconds(until))
                    : new SignInAttempt(SignInOutcome.Failed);
            }

            var newHash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(row.Name, password) : null;
            connection.Execute("""
                UPDATE users SET failed_attempts = 0, lockout_end_ms = NULL, password_hash = COALESCE(@newHash, password_hash) WHERE name = @name;
                """, new { name = row.Name, newHash });
        }

        return new SignInAttempt(SignInOutcome.Succeeded, Find(row.Name));
    }

    private static string ValidName(string name)
    {
        if (PasswordPolicy.CheckName(name) is { } problem) throw new UserRejectedException(problem);
        return name.Trim();
    }

    private static string HashFor(string name, string password)
    {
        if (PasswordPolicy.CheckPassword(name, password) is { } problem) throw new UserRejectedException(problem);
        return Hasher.HashPassword(name, password);
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed class UserRow
    {
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public long FailedAttempts { get; init; }
        public long? LockoutEndMs { get; init; }
        public string SecurityStamp { get; init; } = "";
        public long CreatedAtMs { get; init; }
        public string PasswordHash { get; init; } = "";

        public UserAccount ToAccount() => new(
            Name,
            UserRoles.TryParse(Role, out var role) ? role : throw new InvalidDataException($"user '{Name}' has an unknown role '{Role}'"),
            (int)FailedAttempts,
            LockoutEndMs is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end) : null,
            SecurityStamp,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs));
    }
}
