using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using DriftBoard.Storage.Users;
using DriftBoard.Web.Options;
using DriftBoard.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace DriftBoard.Web.Components.Pages.Account;

/// <summary>
/// The sign-in form, rendered statically (a plain POST with the antiforgery token, so the session cookie can be set on the
/// response). Wrong name and wrong password read the same; a locked account says until when. With no account in the database
/// it explains how to create the first admin.
/// </summary>
public sealed partial class Login
{
    public const string BadCredentials = "The user name or password is incorrect.";

    [Inject]
    public required UserStore Users { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IOptions<AuthenticationSettings> Settings { get; init; }

    [Inject]
    public required IOptions<DriftBoardOptions> Options { get; init; }

    [Inject]
    public required ILogger<Login> Logger { get; init; }

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "ReturnUrl")]
    private string? ReturnUrl { get; set; }

    [SupplyParameterFromForm]
    private LoginInput? Input { get; set; }

    private string? _error;
    private bool _noUsers;
    private string? _databasePath;

    private OidcSettings? SingleSignOn => Settings.Value.Oidc.IsConfigured ? Settings.Value.Oidc : null;

    protected override void OnInitialized()
    {
        Input ??= new LoginInput();
        _noUsers = Users.Count() == 0;
        // The server's file path helps whoever runs it locally; it is nobody else's business.
        if (_noUsers && HttpContext.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote))
            _databasePath = Options.Value.DatabasePath;
    }

    private async Task SignInAsync()
    {
        var attempt = Users.SignIn(Input!.UserName, Input.Password);
        switch (attempt.Outcome)
        {
            case SignInOutcome.Succeeded:
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                    UserClaims.For(attempt.User!, CookieAuthenticationDefaults.AuthenticationScheme));
                Navigation.NavigateTo(AuthenticationSetup.LocalOrHome(ReturnUrl));
                return;
            case SignInOutcome.LockedOut:
                LogLockedOut(Logger, Input.UserName);
                _error = $"Too many failed sign-ins: the account is locked until {attempt.LockoutEnd!.Value.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC. " +
                    "Wait, or ask an admin to set a new password.";
                break;
            default:
                LogFailed(Logger, Input.UserName);
                _error = BadCredentials;
                break;
        }

        Input.Password = "";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed sign-in for '{UserName}'")]
    private static partial void LogFailed(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for '{UserName}': locked out")]
    private static partial void LogLockedOut(ILogger logger, string userName);

    internal sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your user name.")]
        [StringLength(PasswordPolicy.MaximumNameLength)]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(PasswordPolicy.MaximumLength)]
        public string Password { get; set; } = "";
    }
}
