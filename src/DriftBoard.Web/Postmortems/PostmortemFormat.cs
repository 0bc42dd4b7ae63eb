using System.Globalization;

namespace DriftBoard.Web.Postmortems;

/// <summary>How the postmortem pages and exports write times and which stored figures count as images.</summary>
public static class PostmortemFormat
{
    private static readonly string[] ImageContentTypes = ["image/svg+xml", "image/png", "image/jpeg", "image/gif", "image/webp"];

    /// <summary><c>2026-05-06 14:03 UTC</c>: every reader sees the same time, whatever their zone.</summary>
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>SVG, PNG, JPEG, GIF or WebP: served and inlined as images; any other stored figure is only ever a download.</summary>
    public static bool IsImage(string contentType) => ImageContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase);
}
