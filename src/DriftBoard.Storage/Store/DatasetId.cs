using System.Text;

namespace DriftBoard.Storage.Store;

/// <summary>Dataset ids are slugs: lowercase a-z, 0-9, '.', '-'; any other run of characters becomes one '-'.</summary>
public static class DatasetId
{
    public static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-') builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var slug = builder.ToString().Trim('-', '.');
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        if (slug.Length == 0) throw new ArgumentException($"'{name}' has no letters or digits to make a dataset id from", nameof(name));
        return slug;
    }

    /// <summary>The id of an import: <c>--name</c> when given, else <c>model-version</c> from the card.</summary>
    public static string For(string? name, string model, string version) =>
        Slug(!string.IsNullOrWhiteSpace(name) ? name : $"{model}-{version}");
}
