using Microsoft.AspNetCore.Components.Authorization;

namespace DriftBoard.Web.Postmortems;

/// <summary>Who is writing: the signed-in user's name, or <see cref="Anonymous"/> while the app runs without sign-in.</summary>
public static class PostmortemAuthor
{
    public const string Anonymous = "anonymous";

    public static async Task<string> NameAsync(Task<AuthenticationState>? authentication)
    {
        var name = authentication is null ? null : (await authentication).User.Identity?.Name;
        return string.IsNullOrWhiteSpace(name) ? Anonymous : name;
    }
}
