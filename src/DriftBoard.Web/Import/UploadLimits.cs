namespace DriftBoard.Web.Import;

/// <summary>
/// What an upload may hold. <see cref="MaxUploadBytes"/> caps the bytes received (all files together);
/// <see cref="MaxUnzippedBytes"/> and <see cref="MaxZipEntries"/> cap what a zip may expand to, counted while extracting
/// (a zip's own size fields are not trusted), so a zip bomb stops at the cap.
/// </summary>
public sealed record UploadLimits(long MaxUploadBytes, long MaxUnzippedBytes, int MaxZipEntries)
{
    public const long DefaultMaxUploadBytes = 2L << 30;
    public const long DefaultMaxUnzippedBytes = 16L << 30;
    public const int DefaultMaxZipEntries = 1000;
}

/// <summary>An upload broke a limit or a safety rule; nothing was imported and its files are gone.</summary>
public sealed class UploadRejectedException(string message) : Exception(message);
