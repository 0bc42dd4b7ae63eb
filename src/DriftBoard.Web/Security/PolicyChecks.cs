using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace DriftBoard.Web.Security;

/// <summary>
/// A component's own check before it acts (import, delete): the page's <c>[Authorize]</c> and the hidden button only guard
/// rendering, while a role can change under an open circuit.
/// </summary>
public static class PolicyChecks
{
    /// <summary>True when the circuit's current user satisfies <paramref name="policy"/>; false without an authentication state.</summary>
    public static async Task<bool> AllowsAsync(this IAuthorizationService authorization, Task<AuthenticationState>? state, string policy) =>
        state is not null && (await authorization.AuthorizeAsync((await state).User, policy)).Succeeded;
}
