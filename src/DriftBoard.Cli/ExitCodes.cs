namespace DriftBoard.Cli;

/// <summary>Process exit codes: scripts and CI rely on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Something unexpected failed (a bug or an environment problem).</summary>
    public const int Failure = 1;
    /// <summary>The input breaks the dataset contract or the request is refused (missing file, bad card, dataset exists).</summary>
    public const int InvalidInput = 2;
    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
