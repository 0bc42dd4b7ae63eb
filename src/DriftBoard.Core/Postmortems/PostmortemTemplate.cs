using System.Text;
using System.Text.RegularExpressions;

namespace DriftBoard.Core.Postmortems;

/// <summary>What filling a template produced: the Markdown and the placeholders no value was given for (left visible as <c>{{name}}</c>).</summary>
public sealed record TemplateFill(string Markdown, IReadOnlyList<string> Unfilled);

/// <summary>
/// A postmortem template: Markdown with <c>{{name}}</c> placeholders (lower-case letters, digits and underscores, starting
/// with a letter; spaces inside the braces are allowed). Filling replaces each placeholder with its value verbatim (values
/// are Markdown); a placeholder with no value stays in the text as written so the author sees what is left to fill,
/// and is listed in <see cref="TemplateFill.Unfilled"/>. Anything else in braces is ordinary text.
/// </summary>
public sealed partial class PostmortemTemplate
{
    /// <summary>The longest template name.</summary>
    public const int MaxNameLength = 64;

    private PostmortemTemplate(string name, string markdown, IReadOnlyList<string> placeholders)
    {
        Name = name;
        Markdown = markdown;
        Placeholders = placeholders;
    }

    /// <summary>The template's name: the file name without <c>.md</c>, or the name a team gave it.</summary>
    public string Name { get; }

    public string Markdown { get; }

    /// <summary>The distinct placeholder names, in order of first appearance.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>Reads <paramref name="markdown"/>'s placeholders; throws <see cref="ArgumentException"/> for an invalid name.</summary>
    public static PostmortemTemplate Parse(string name, string markdown)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(markdown);
        var names = new List<string>();
        foreach (Match match in PlaceholderPattern().Matches(markdown))
        {
            var placeholder = match.Groups[1].Value;
            if (!names.Contains(placeholder, StringComparer.Ordinal)) names.Add(placeholder);
        }

        return new PostmortemTemplate(name, markdown, names);
    }

    /// <summary>Replaces every placeholder that has a value; the rest stay as written and are reported.</summary>
    public TemplateFill Fill(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var unfilled = new List<string>();
        var markdown = PlaceholderPattern().Replace(Markdown, match =>
        {
            var placeholder = match.Groups[1].Value;
            if (values.TryGetValue(placeholder, out var value)) return value;
            if (!unfilled.Contains(placeholder, StringComparer.Ordinal)) unfilled.Add(placeholder);
            return match.Value;
        });
        return new TemplateFill(markdown, unfilled);
    }

    /// <summary>
    /// A template name is 1–64 characters of lower-case ASCII letters, digits, <c>-</c> and <c>_</c>, starting with a letter
    /// or digit: it is a file name and part of URLs, so nothing else.
    /// </summary>
    public static bool IsValidName(string? name) => name is { Length: > 0 and <= MaxNameLength } && NamePattern().IsMatch(name);

    public static void ValidateName(string? name)
    {
        if (!IsValidName(name))
            throw new ArgumentException(
                $"invalid template name '{name}': use 1–{MaxNameLength} lower-case letters, digits, '-' or '_', starting with a letter or digit",
                nameof(name));
    }

    /// <summary>Writes <c>{{name}}</c>, for messages and documentation.</summary>
    public static string Token(string name) => new StringBuilder(name.Length + 4).Append("{{").Append(name).Append("}}").ToString();

    [GeneratedRegex(@"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
