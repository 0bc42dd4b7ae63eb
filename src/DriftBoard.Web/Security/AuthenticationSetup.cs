using System.Globalization;
using System.Security.Claims;
using DriftBoard.Storage.Database;
using DriftBoard.Storage.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace DriftBoard.Web.Security;

/// <summary>
/// Sign-in and authorization: a cookie session for local accounts (and optionally OpenID Connect), a fallback policy that
/// requires a signed-in user on every endpoint that does not say otherwise (pages, downloads, the Blazor hub and any hub
/// added later), and the <see cref="DriftBoardPolicies"/>. Pages, endpoints and hub methods only add
/// <c>[Authorize(Policy = DriftBoardPolicies.CanEdit)]</c> (or <c>.RequireAuthorization(...)</c>) where they edit.
/// </summary>
public static class AuthenticationSetup
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string SingleSignOnPath = "/account/login/sso";
    public const string AccessDeniedPath = "/account/access-denied";
    public const string CookieName = "DriftBoard.Session";

    // When the session was last checked against the users table (Unix ms), kept in the cookie's properties.
    private const string ValidatedAtKey = ".driftboard.validated";

    /// <summary>The application's policies by name; the fallback policy is "signed in".</summary>
    public static readonly IReadOnlyDictionary<string, AuthorizationPolicy> Policies = new Dictionary<string, AuthorizationPolicy>
    {
        [DriftBoardPolicies.CanEdit] = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
            .RequireRole(DriftBoardRoles.Author, DriftBoardRoles.Admin).Build(),
        [DriftBoardPolicies.CanAdminister] = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
            .RequireRole(DriftBoardRoles.Admin).Build(),
    };

    public static WebApplicationBuilder AddDriftBoardAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthenticationSettings>()
            .Bind(builder.Configuration.GetSection(AuthenticationSettings.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthenticationSettings>, AuthenticationSettingsValidator>();
        services.AddSingleton(sp => new UserStore(sp.GetRequiredService<DriftBoardDatabase>()));
        services.AddSingleton<SessionAuthorization>();

        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                // Always: a proxy terminating TLS forwards plain http, and SameAsRequest would then drop the flag. Browsers
                // keep Secure cookies from http://localhost and 127.0.0.1 (secure contexts), so local runs work too.
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                // Lax, not Strict: a link to a dashboard from chat or mail must arrive signed in. Cross-site POSTs carry no
                // cookie under Lax, and every form also needs the antiforgery token.
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.SlidingExpiration = true;
                options.LoginPath = LoginPath;
                options.LogoutPath = LogoutPath;
                options.AccessDeniedPath = AccessDeniedPath;
                options.ReturnUrlParameter = "ReturnUrl";
                options.Events.OnValidatePrincipal = ValidateSessionAsync;
                options.Events.OnRedirectToLogin = WithoutStatusCodePage(options.Events.OnRedirectToLogin);
                options.Events.OnRedirectToAccessDenied = WithoutStatusCodePage(options.Events.OnRedirectToAccessDenied);
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthenticationSettings>>((options, settings) => options.ExpireTimeSpan = settings.Value.IdleTimeout);

        // Registration is decided by configuration at start-up: without an authority there is no OIDC handler at all.
        var oidc = builder.Configuration.GetSection(AuthenticationSettings.SectionName).Get<AuthenticationSettings>()?.Oidc ?? new OidcSettings();
        if (oidc.IsConfigured) AddSingleSignOn(authentication, oidc);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(DriftBoardPolicies.CanEdit, Policies[DriftBoardPolicies.CanEdit])
            .AddPolicy(DriftBoardPolicies.CanAdminister, Policies[DriftBoardPolicies.CanAdminister]);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingUserStateProvider>();
        return builder;
    }

    private static void AddSingleSignOn(AuthenticationBuilder authentication, OidcSettings oidc) =>
        authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, oidc.DisplayName, options =>
        {
            options.Authority = oidc.Authority;
            options.ClientId = oidc.ClientId;
            options.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
            options.ResponseType = "code";
            options.UsePkce = true;
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = true;
            options.MapInboundClaims = false;
            options.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile" }) options.Scope.Add(scope);
            options.Events.OnTokenValidated = context =>
            {
                // The session carries DriftBoard's own claims only: a name and the role the identity provider grants.
                var principal = context.Principal!;
                var name = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue("name")
                    ?? principal.FindFirstValue("email") ?? principal.FindFirstValue("sub");
                if (name is null || RoleFrom(principal, oidc) is not { } role)
                {
                    context.Fail("the identity provider granted no DriftBoard role");
                    return Task.CompletedTask;
                }

                context.Principal = UserClaims.For(name, role, securityStamp: null, OpenIdConnectDefaults.AuthenticationScheme);
                return Task.CompletedTask;
            };
        });

    /// <summary>
    /// The cookie handler answers hubs and API endpoints with a bare 401/403 instead of a redirect; the status-code page
    /// middleware would then re-execute the request (a POST, for a hub) as the not-found page. A refusal stays a refusal.
    /// </summary>
    private static Func<RedirectContext<CookieAuthenticationOptions>, Task> WithoutStatusCodePage(
        Func<RedirectContext<CookieAuthenticationOptions>, Task> respond) => context =>
    {
        if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusCodePages)
            statusCodePages.Enabled = false;
        return respond(context);
    };

    /// <summary>The highest DriftBoard role among the principal's <see cref="OidcSettings.RoleClaim"/> values, else the default (null: refuse).</summary>
    internal static UserRole? RoleFrom(ClaimsPrincipal principal, OidcSettings oidc)
    {
        UserRole? best = null;
        foreach (var claim in principal.FindAll(oidc.RoleClaim))
        {
            if (UserRoles.TryParse(claim.Value, out var role) && (best is null || role > best)) best = role;
        }

        return best ?? (UserRoles.TryParse(oidc.DefaultRole, out var fallback) ? fallback : null);
    }

    /// <summary>
    /// Every <see cref="AuthenticationSettings.RevalidationInterval"/>, checks the session's security stamp against the users table,
    /// so a removed user, a changed role or a new password ends the session; otherwise renews the cookie with the check's time.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var interval = context.HttpContext.RequestServices.GetRequiredService<IOptions<AuthenticationSettings>>().Value.RevalidationInterval;
        var now = DateTimeOffset.UtcNow;
        if (context.Properties.GetString(ValidatedAtKey) is { } text
            && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var validatedMs)
            && now - DateTimeOffset.FromUnixTimeMilliseconds(validatedMs) < interval)
        {
            return;
        }

        var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
        if (context.Principal is null || !UserSessionCheck.IsCurrent(users, context.Principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.Properties.SetString(ValidatedAtKey, now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        context.ShouldRenew = true;
    }

    /// <summary>Static assets are public (the sign-in page needs them); sign-out and single sign-on are plain endpoints.</summary>
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        // [FromForm] makes the antiforgery middleware validate the token: a cross-site page cannot sign anyone out.
        app.MapPost(LogoutPath, async (HttpContext context, [FromForm(Name = "ReturnUrl")] string? returnUrl) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect(LoginPath);
        }).AllowAnonymous();

        if (app.Services.GetService<IAuthenticationSchemeProvider>() is { } schemes
            && schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme).GetAwaiter().GetResult() is not null)
        {
            app.MapGet(SingleSignOnPath, (string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]))
                .AllowAnonymous();
        }

        return app;
    }

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a path on this site, else <c>/</c>: a sign-in link must not forward anyone to
    /// another site (open redirect). Rejects <c>//host</c> and <c>/\host</c>, which browsers read as other hosts.
    /// </summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Any(char.IsControl)
            ? url
            : "/";
}
