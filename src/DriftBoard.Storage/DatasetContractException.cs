namespace DriftBoard.Storage;

/// <summary>
/// The dataset folder breaks its contract: a missing file or column, a card that does not parse, an unknown feature type,
/// too many bad rows. The CLI maps it to exit code 2. The message always names the file, and the key or column where there is one.
/// </summary>
public sealed class DatasetContractException(string file, string message, string? key = null, long? line = null)
    : Exception(Format(file, message, key, line))
{
    public string File { get; } = file;
    public string? Key { get; } = key;
    public long? Line { get; } = line;

    private static string Format(string file, string message, string? key, long? line)
    {
        var where = Path.GetFileName(file);
        if (line is not null) where += $":{line}";
        if (key is not null) where += $" ({key})";
        return $"{where}: {message}";
    }
}
