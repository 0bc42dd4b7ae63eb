using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;
using DriftBoard.Storage.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DriftBoard.Web.Tests.TestSupport;

/// <summary>
/// bUnit component tests only (HTTP and browser tests sign in through the real form, see <see cref="TestUsers"/>): signs the
/// render context in with a role. The roles and the satisfied policies are derived from the app's own claims
/// (<see cref="UserClaims.For(string, UserRole, string?, string)"/>) and policies (<see cref="AuthenticationSetup.Policies"/>),
/// so a change to either shows up here.
/// </summary>
public static class TestAuthorization
{
    public static BunitAuthorizationContext SignInAs(this BunitContext context, UserRole role, string name = "test-user")
    {
        var authorization = context.AddAuthorization();
        authorization.SetRole(role, name);
        // The sign-out form's <AntiforgeryToken/> needs a token source; the real one reads it from the HTTP request.
        context.Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgeryStateProvider>();
        // Components re-check a policy before they act. The test principal has no security stamp, so the users table
        // (over the test's own database) is never read for it.
        context.Services.TryAddSingleton(sp => new UserStore(sp.GetRequiredService<DriftBoardDatabase>()));
        context.Services.TryAddSingleton<SessionAuthorization>();
        return authorization;
    }

    public static void SetRole(this BunitAuthorizationContext authorization, UserRole role, string name = "test-user")
    {
        var principal = UserClaims.For(name, role, securityStamp: null, "test");
        authorization.SetAuthorized(name);
        authorization.SetRoles([.. principal.FindAll(ClaimTypes.Role).Select(c => c.Value)]);
        authorization.SetPolicies([.. AuthenticationSetup.Policies.Where(p => Allows(p.Value, principal)).Select(p => p.Key)]);
    }

    private static bool Allows(AuthorizationPolicy policy, ClaimsPrincipal user) => policy.Requirements.All(requirement => requirement switch
    {
        RolesAuthorizationRequirement roles => roles.AllowedRoles.Any(user.IsInRole),
        DenyAnonymousAuthorizationRequirement => user.Identity?.IsAuthenticated == true,
        _ => throw new NotSupportedException($"the test double does not evaluate {requirement.GetType().Name}; extend TestAuthorization"),
    });

    private sealed class FixedAntiforgeryStateProvider : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
