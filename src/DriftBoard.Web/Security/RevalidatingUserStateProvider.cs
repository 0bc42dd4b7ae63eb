using DriftBoard.Storage.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace DriftBoard.Web.Security;

/// <summary>
/// A live circuit outlives the request that opened it: this re-checks its user against the users table every
/// <see cref="AuthenticationSettings.RevalidationInterval"/>, so a removed user or changed role loses the open pages too
/// (they show the sign-in redirect at the next navigation or render).
/// </summary>
internal sealed class RevalidatingUserStateProvider(ILoggerFactory loggerFactory, UserStore users, IOptions<AuthenticationSettings> settings)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval =>
        settings.Value.RevalidationInterval > TimeSpan.Zero ? settings.Value.RevalidationInterval : TimeSpan.FromSeconds(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        Task.FromResult(UserSessionCheck.IsCurrent(users, authenticationState.User));
}
