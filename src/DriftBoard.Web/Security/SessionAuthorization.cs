using System.Security.Claims;
using DriftBoard.Storage.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace DriftBoard.Web.Security;

/// <summary>
/// A policy check for the moment of an action, not of the sign-in: a hub connection keeps the principal it negotiated with for
/// as long as it lives, and a circuit re-checks its user only every <see cref="AuthenticationSettings.RevalidationInterval"/>.
/// A removed user, a changed role or a new password changes the security stamp, so a principal whose stamp no longer matches
/// the users table is refused before its (stale) role claims are even read.
/// </summary>
public sealed class SessionAuthorization(UserStore users, IAuthorizationService authorization)
{
    /// <summary>True when <paramref name="user"/> is still current in the users table and satisfies <paramref name="policy"/>.</summary>
    public async Task<bool> AllowsAsync(ClaimsPrincipal? user, string policy) =>
        user is not null && UserSessionCheck.IsCurrent(users, user) && (await authorization.AuthorizeAsync(user, policy)).Succeeded;

    /// <summary>The same for a component's cascading authentication state; false without one.</summary>
    public async Task<bool> AllowsAsync(Task<AuthenticationState>? state, string policy) =>
        state is not null && await AllowsAsync((await state).User, policy);
}
