using System.Security.Claims;
using DriftBoard.Storage.Users;

namespace DriftBoard.Web.Security;

/// <summary>
/// The claims a DriftBoard session carries: the name, one role claim per role the user's role includes (an admin is also an
/// author and a viewer, so <c>IsInRole("author")</c> is true for admins), and for local accounts the security stamp that
/// <see cref="UserSessionCheck"/> compares with the users table.
/// </summary>
public static class UserClaims
{
    public const string SecurityStampType = "driftboard:security-stamp";

    public static ClaimsPrincipal For(string name, UserRole role, string? securityStamp, string authenticationType)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(role.Including().Select(r => new Claim(ClaimTypes.Role, r.Name())));
        if (securityStamp is not null) claims.Add(new Claim(SecurityStampType, securityStamp));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static ClaimsPrincipal For(UserAccount user, string authenticationType) =>
        For(user.Name, user.Role, user.SecurityStamp, authenticationType);

    /// <summary>The highest role the principal is in, or null for none (the app bar shows it).</summary>
    public static UserRole? Role(ClaimsPrincipal principal) =>
        UserRoles.All.Reverse().Where(r => principal.IsInRole(r.Name())).Select(r => (UserRole?)r).FirstOrDefault();
}

/// <summary>Whether a local account's session is still valid: the user exists and the security stamp in the session is the stored one.</summary>
public static class UserSessionCheck
{
    /// <summary>True for sessions without a stamp (single sign-on: the identity provider is the authority on those).</summary>
    public static bool IsCurrent(UserStore users, ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return false;
        var stamp = principal.FindFirstValue(UserClaims.SecurityStampType);
        if (stamp is null) return true;
        return principal.Identity.Name is { } name && users.Find(name) is { } user && user.SecurityStamp == stamp;
    }
}
