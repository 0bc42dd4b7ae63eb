using System.Globalization;
using DriftBoard.Storage.Formats;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DriftBoard.Storage.ModelCards;

/// <summary>
/// Typed, path-aware access to one YAML mapping of a model card, so every error names the file and the full key
/// (<c>labels.as_of</c>, <c>features[3].type</c>). A key whose value is YAML null (<c>~</c>, <c>null</c> or nothing) counts as absent.
/// </summary>
internal sealed class CardMap(string file, YamlMappingNode node, string path)
{
    public string File => file;

    public string KeyPath(string key) => path.Length == 0 ? key : $"{path}.{key}";

    public DatasetContractException Error(string key, string message) => new(file, message, KeyPath(key));

    public bool Has(string key) => Find(key) is not null;

    public YamlNode? Find(string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;

    public string RequiredText(string key) => OptionalText(key) ?? throw Error(key, "missing required key");

    public string? OptionalText(string key)
    {
        switch (Find(key))
        {
            case null:
                return null;
            case YamlScalarNode { Value: { } text } when !string.IsNullOrWhiteSpace(text):
                return text;
            case YamlScalarNode:
                throw Error(key, "must not be empty");
            default:
                throw Error(key, "expected a single value, found a list or mapping");
        }
    }

    public double RequiredNumber(string key) => OptionalNumber(key) ?? throw Error(key, "missing required key");

    public double? OptionalNumber(string key) => OptionalText(key) is { } text ? Number(text, KeyPath(key)) : null;

    public double Number(string text, string keyPath) =>
        ValueParser.TryParseDouble(text, out var value) == ParseOutcome.Ok
            ? value
            : throw new DatasetContractException(file, $"expected a number, found '{text}'", keyPath);

    public int RequiredInteger(string key)
    {
        var text = RequiredText(key);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(key, $"expected a whole number, found '{text}'");
    }

    public CardMap RequiredMap(string key) => OptionalMap(key) ?? throw Error(key, "missing required key");

    public CardMap? OptionalMap(string key) => Find(key) switch
    {
        null => null,
        YamlMappingNode map => new CardMap(file, map, KeyPath(key)),
        _ => throw Error(key, "expected a mapping of keys to values"),
    };

    public YamlSequenceNode? OptionalSequence(string key) => Find(key) switch
    {
        null => null,
        YamlSequenceNode list => list,
        _ => throw Error(key, "expected a list"),
    };

    /// <summary>The mapping's keys, in order, with their values.</summary>
    public IEnumerable<(string Key, YamlNode Value)> Entries() =>
        node.Children.Select(p => (p.Key is YamlScalarNode { Value: { } k } ? k : p.Key.ToString(), p.Value));

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };
}
