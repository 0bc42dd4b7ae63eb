using DriftBoard.Storage.Users;
using Microsoft.Extensions.Options;

namespace DriftBoard.Web.Security;

/// <summary>The <c>DriftBoard:Authentication</c> configuration section.</summary>
public sealed class AuthenticationSettings
{
    public const string SectionName = "DriftBoard:Authentication";

    /// <summary>
    /// How often a signed-in session (cookie and live circuit) is checked against the users table: a removed user, a changed
    /// role or a new password (each changes the security stamp) ends the session at the next check. Default one minute.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a session lasts without a request; every request within the second half of it renews it (sliding).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Optional single sign-on; registered only when <see cref="OidcSettings.Authority"/> is set.</summary>
    public OidcSettings Oidc { get; set; } = new();
}

/// <summary>
/// <c>DriftBoard:Authentication:Oidc</c>: OpenID Connect (authorization code flow with PKCE) against the team's identity provider.
/// The role comes from <see cref="RoleClaim"/> when one of its values is <c>viewer</c>, <c>author</c> or <c>admin</c> (the highest wins),
/// else <see cref="DefaultRole"/>; with an empty <see cref="DefaultRole"/> a user without such a claim is refused.
/// </summary>
public sealed class OidcSettings
{
    /// <summary>The issuer, e.g. <c>https://login.example.com/realms/team</c>; its discovery document is read from there. HTTPS only.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>Set it with an environment variable or a secret store (<c>DriftBoard__Authentication__Oidc__ClientSecret</c>), not in appsettings.json.</summary>
    public string ClientSecret { get; set; } = "";

    public string RoleClaim { get; set; } = "roles";

    public string DefaultRole { get; set; } = UserRole.Viewer.Name();

    /// <summary>The sign-in button's text.</summary>
    public string DisplayName { get; set; } = "Single sign-on";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>Fails start-up (ValidateOnStart) on settings that would otherwise fail at the first sign-in.</summary>
internal sealed class AuthenticationSettingsValidator : IValidateOptions<AuthenticationSettings>
{
    public ValidateOptionsResult Validate(string? name, AuthenticationSettings settings)
    {
        var failures = new List<string>();
        if (settings.RevalidationInterval < TimeSpan.Zero)
            failures.Add($"{AuthenticationSettings.SectionName}:RevalidationInterval must not be negative.");
        if (settings.IdleTimeout <= TimeSpan.Zero)
            failures.Add($"{AuthenticationSettings.SectionName}:IdleTimeout must be positive.");

        var oidc = settings.Oidc;
        const string prefix = AuthenticationSettings.SectionName + ":Oidc";
        if (oidc.IsConfigured)
        {
            if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
                failures.Add($"{prefix}:Authority must be an absolute https:// address, found '{oidc.Authority}'.");
            if (string.IsNullOrWhiteSpace(oidc.ClientId))
                failures.Add($"{prefix}:ClientId is required when {prefix}:Authority is set.");
            if (string.IsNullOrWhiteSpace(oidc.RoleClaim))
                failures.Add($"{prefix}:RoleClaim must name the claim that carries the role (e.g. 'roles' or 'groups').");
            if (!string.IsNullOrEmpty(oidc.DefaultRole) && !UserRoles.TryParse(oidc.DefaultRole, out _))
                failures.Add($"{prefix}:DefaultRole must be viewer, author, admin or empty (refuse users without a role claim), found '{oidc.DefaultRole}'.");
        }
        else if (!string.IsNullOrWhiteSpace(oidc.ClientId) || !string.IsNullOrWhiteSpace(oidc.ClientSecret))
        {
            failures.Add($"{prefix}:ClientId or ClientSecret is set but {prefix}:Authority is not: set the authority too, or remove them.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
