namespace DriftBoard.Storage.Users;

/// <summary>
/// A user's role. Each role includes the ones before it: a viewer reads; an author also edits postmortems and imports data;
/// an admin also manages users, reopens final postmortems and deletes datasets. The stored and claimed names are
/// <see cref="UserRoles.Name"/>: <c>viewer</c>, <c>author</c>, <c>admin</c>.
/// </summary>
public enum UserRole
{
    Viewer = 0,
    Author = 1,
    Admin = 2,
}

public static class UserRoles
{
    /// <summary>The lower-case name stored in the database and carried in role claims.</summary>
    public static string Name(this UserRole role) => role switch
    {
        UserRole.Viewer => "viewer",
        UserRole.Author => "author",
        UserRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    /// <summary>Parses <c>viewer</c>, <c>author</c> or <c>admin</c> (any case); false for anything else.</summary>
    public static bool TryParse(string? value, out UserRole role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(value?.Trim(), candidate.Name(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = UserRole.Viewer;
        return false;
    }

    public static readonly IReadOnlyList<UserRole> All = [UserRole.Viewer, UserRole.Author, UserRole.Admin];

    /// <summary>The role and every role it includes, lowest first (an admin is also an author and a viewer).</summary>
    public static IEnumerable<UserRole> Including(this UserRole role) => All.Where(r => r <= role);
}

/// <summary>A stored user without the password hash. <paramref name="SecurityStamp"/> changes whenever the password or the role does.</summary>
public sealed record UserAccount(
    string Name,
    UserRole Role,
    int FailedAttempts,
    DateTimeOffset? LockoutEnd,
    string SecurityStamp,
    DateTimeOffset Created)
{
    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd is { } end && end > now;
}

/// <summary>How a sign-in attempt ended. <paramref name="User"/> is set only on success; <paramref name="LockoutEnd"/> only when locked out.</summary>
public sealed record SignInAttempt(SignInOutcome Outcome, UserAccount? User = null, DateTimeOffset? LockoutEnd = null)
{
    public bool Succeeded => Outcome == SignInOutcome.Succeeded;
}

public enum SignInOutcome
{
    Succeeded,
    /// <summary>Unknown user or wrong password: deliberately one outcome, so the caller cannot tell which.</summary>
    Failed,
    LockedOut,
}

/// <summary>A user name or password the store refuses; the message says why and is safe to show.</summary>
public sealed class UserRejectedException(string message) : Exception(message);

/// <summary>A user of that name (compared case-insensitively) already exists.</summary>
public sealed class UserExistsException(string name) : Exception($"a user named '{name}' already exists")
{
    public string Name { get; } = name;
}
