namespace DriftBoard.Web.Security;

/// <summary>Response headers that every DriftBoard response carries.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// No 'unsafe-eval' and no inline scripts: Blazor and the ES-module chart code load from this origin only.
    /// style-src needs 'unsafe-inline' because MudBlazor writes its theme and component styles inline.
    /// ws:/wss: carry the Blazor Server circuit (and hot reload in development).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = ReferrerPolicy;
            return next(context);
        });
}
