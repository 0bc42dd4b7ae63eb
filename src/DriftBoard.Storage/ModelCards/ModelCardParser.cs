using DriftBoard.Core.Domain;
using DriftBoard.Storage.Formats;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace DriftBoard.Storage.ModelCards;

/// <summary>Which file of a dataset folder a set of required columns is for.</summary>
public enum DatasetFileRole
{
    Predictions,
    Labels,
    Training,
}

/// <summary>
/// Reads <c>model_card.md</c>: YAML front matter between a first line <c>---</c> and the next <c>---</c> line, then a
/// Markdown body kept as is. Every problem is a <see cref="DatasetContractException"/> naming the file and the key,
/// and the line for YAML syntax errors. Keys the contract does not know are ignored, so cards can carry extra notes.
/// Checking that the named files and columns exist is the importer's job (see <see cref="RequiredColumns"/>).
/// </summary>
public static class ModelCardParser
{
    /// <summary>Cards are a page of YAML and prose; anything bigger is refused unread.</summary>
    public const long MaxCardBytes = 1 << 20;

    /// <summary>A card needs no aliases; a few are tolerated, many are a "billion laughs" expansion attack.</summary>
    public const int MaxAliases = 100;

    /// <summary>A card nests three levels; deeper nesting is refused before the node tree is built (deep recursion, stack overflow).</summary>
    public const int MaxDepth = 32;

    public const string BinaryClassification = "binary-classification";
    public const string DefaultPredictionsFile = "predictions.csv";

    /// <summary>The card's file name inside a dataset folder.</summary>
    public const string CardFileName = "model_card.md";

    public static ModelCard Parse(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new DatasetContractException(path, "model card not found");
        if (info.Length > MaxCardBytes)
            throw new DatasetContractException(path, $"model card is {info.Length:N0} bytes; refusing cards over {MaxCardBytes >> 20} MiB");
        return ParseText(path, File.ReadAllText(path));
    }

    /// <summary>Parses card text; <paramref name="file"/> is only used in error messages.</summary>
    public static ModelCard ParseText(string file, string text)
    {
        var (yaml, lineOffset, body) = SplitFrontMatter(file, text);
        var root = new CardMap(file, LoadMapping(file, yaml, lineOffset), "");
        return Build(root, body);
    }

    /// <summary>
    /// Columns the importer must find in the file of the given role: ids, timestamps, score, optional prediction and the
    /// declared features for predictions; id, label or event time for labels; features, label and optional time for training.
    /// </summary>
    public static IReadOnlyList<string> RequiredColumns(ModelCard card, DatasetFileRole role)
    {
        var columns = new List<string>();
        void Add(string? column)
        {
            if (column is not null && !columns.Contains(column)) columns.Add(column);
        }
        switch (role)
        {
            case DatasetFileRole.Predictions:
                Add(card.IdColumn);
                Add(card.TimestampColumn);
                Add(card.ScoreColumn);
                Add(card.PredictionColumn);
                foreach (var feature in card.Features) Add(feature.Name);
                break;
            case DatasetFileRole.Labels:
                Add(card.Labels.IdColumn);
                if (card.Labels is ExplicitLabels explicitLabels)
                {
                    Add(explicitLabels.LabelColumn);
                    Add(explicitLabels.TimestampColumn);
                }
                else if (card.Labels is PositiveEventsLabels events) Add(events.TimestampColumn);
                break;
            case DatasetFileRole.Training:
                foreach (var feature in card.Features) Add(feature.Name);
                Add(card.Training.LabelColumn);
                Add(card.Training.TimestampColumn);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(role), role, null);
        }
        return columns;
    }

    private static (string Yaml, int LineOffset, string Body) SplitFrontMatter(string file, string text)
    {
        var lines = text.Split('\n');
        var open = 0;
        while (open < lines.Length && string.IsNullOrWhiteSpace(lines[open])) open++;
        if (open == lines.Length || lines[open].TrimEnd() != "---")
            throw new DatasetContractException(file, "no front matter: the card must start with a '---' line, then YAML, then another '---' line");
        var close = open + 1;
        while (close < lines.Length && lines[close].TrimEnd() != "---") close++;
        if (close == lines.Length)
            throw new DatasetContractException(file, "front matter is not closed by a second '---' line", line: open + 1);
        var yaml = string.Join('\n', lines[(open + 1)..close]);
        var body = string.Join('\n', lines[(close + 1)..]);
        return (yaml, open + 1, body);
    }

    private static YamlMappingNode LoadMapping(string file, string yaml, int lineOffset)
    {
        try
        {
            // Count aliases on the event stream first: the representation model shares aliased nodes, but anything that
            // walks them (or serializes them back) expands exponentially.
            var parser = new Parser(new StringReader(yaml));
            var aliases = 0;
            var depth = 0;
            while (parser.MoveNext())
            {
                if (parser.Current is AnchorAlias && ++aliases > MaxAliases)
                    throw new DatasetContractException(file,
                        $"front matter uses more than {MaxAliases} YAML aliases; refusing it (possible 'billion laughs' expansion)",
                        line: lineOffset + parser.Current.Start.Line);
                if (parser.Current is MappingStart or SequenceStart && ++depth > MaxDepth)
                    throw new DatasetContractException(file, $"front matter nests deeper than {MaxDepth} levels; refusing it",
                        line: lineOffset + parser.Current.Start.Line);
                if (parser.Current is MappingEnd or SequenceEnd) depth--;
            }
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Count == 0 ? throw new DatasetContractException(file, "front matter is empty", line: lineOffset)
                : stream.Documents[0].RootNode as YamlMappingNode
                  ?? throw new DatasetContractException(file, "front matter must be a mapping of keys to values", line: lineOffset + 1);
        }
        catch (YamlException e)
        {
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; our line is relative to the card instead.
            var detail = message.StartsWith("(Line", StringComparison.Ordinal) && message.IndexOf("): ", StringComparison.Ordinal) is >= 0 and var at
                ? message[(at + 3)..]
                : message;
            throw new DatasetContractException(file, $"YAML syntax error: {detail}", line: lineOffset + e.Start.Line);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, not a YamlException, when the text ends inside an open flow collection.
            throw new DatasetContractException(file, "YAML syntax error: the front matter ends inside an open [ or {", line: lineOffset + 1);
        }
    }

    private static ModelCard Build(CardMap root, string body)
    {
        var task = root.RequiredText("task");
        if (task != BinaryClassification)
            throw root.Error("task", $"unsupported task '{task}'; expected {BinaryClassification}");
        var threshold = root.RequiredNumber("threshold");
        if (threshold is < 0 or > 1) throw root.Error("threshold", $"must be between 0 and 1, found {threshold}");

        return new ModelCard(
            Model: root.RequiredText("model"),
            Version: root.RequiredText("version"),
            Task: task,
            Target: root.RequiredText("target"),
            PositiveLabel: root.RequiredText("positive_label"),
            Threshold: threshold,
            IdColumn: root.RequiredText("id_column"),
            TimestampColumn: root.RequiredText("timestamp_column"),
            ScoreColumn: root.RequiredText("score_column"),
            PredictionColumn: root.OptionalText("prediction_column"),
            PredictionsFile: PredictionsFile(root),
            Labels: Labels(root.RequiredMap("labels")),
            Training: Training(root.RequiredMap("training")),
            Features: Features(root),
            MetricsAtLaunch: Metrics(root),
            Body: body);
    }

    /// <summary><c>predictions: {file: ...}</c>, or the flat key <c>predictions.file</c>, else <c>predictions.csv</c>.</summary>
    private static string PredictionsFile(CardMap root)
    {
        var nested = root.OptionalMap("predictions")?.OptionalText("file");
        var flat = root.OptionalText("predictions.file");
        if (nested is not null && flat is not null && nested != flat)
            throw root.Error("predictions.file", $"given twice with different values ('{nested}' and '{flat}')");
        return nested ?? flat ?? DefaultPredictionsFile;
    }

    /// <summary>An explicit label file has a <c>label_column</c>; without one it is a positive-events feed.</summary>
    private static LabelSource Labels(CardMap labels)
    {
        var file = labels.RequiredText("file");
        var idColumn = labels.RequiredText("id_column");
        if (labels.Has("label_column"))
            return new ExplicitLabels(file, idColumn, labels.RequiredText("label_column"), labels.OptionalText("timestamp_column"));

        var maturityDays = labels.RequiredInteger("maturity_days");
        if (maturityDays < 0) throw labels.Error("maturity_days", $"must not be negative, found {maturityDays}");
        var asOfText = labels.RequiredText("as_of");
        // A date or a date-time; a bare number would be read as Unix time, which nobody writes in a card.
        if (asOfText.Length < 10 || asOfText[4] != '-' || ValueParser.TryParseTimestamp(asOfText, out var asOfMs) != ParseOutcome.Ok)
            throw labels.Error("as_of", $"expected a date (2026-10-01) or date-time (2026-10-01T00:00:00Z), found '{asOfText}'");
        return new PositiveEventsLabels(file, idColumn, labels.RequiredText("timestamp_column"), maturityDays,
            DateTimeOffset.FromUnixTimeMilliseconds(asOfMs));
    }

    private static TrainingSpec Training(CardMap training) =>
        new(training.RequiredText("file"), training.RequiredText("label_column"), training.OptionalText("timestamp_column"));

    private static List<FeatureSpec> Features(CardMap root)
    {
        var list = root.OptionalSequence("features") ?? throw root.Error("features", "missing required key");
        if (list.Children.Count == 0) throw root.Error("features", "declare at least one feature");
        var features = new List<FeatureSpec>(list.Children.Count);
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"features[{i}]";
            if (list.Children[i] is not YamlMappingNode node)
                throw new DatasetContractException(root.File, "expected a mapping with name and type", path);
            var feature = Feature(new CardMap(root.File, node, path));
            if (!firstIndex.TryAdd(feature.Name, i))
                throw new DatasetContractException(root.File,
                    $"duplicate feature name '{feature.Name}' (first declared at features[{firstIndex[feature.Name]}])", $"{path}.name");
            features.Add(feature);
        }
        return features;
    }

    private static FeatureSpec Feature(CardMap map)
    {
        var name = map.RequiredText("name");
        var typeText = map.RequiredText("type");
        var type = typeText.ToLowerInvariant() switch
        {
            "numeric" => FeatureType.Numeric,
            "categorical" => FeatureType.Categorical,
            "boolean" => FeatureType.Boolean,
            _ => throw map.Error("type", $"unknown feature type '{typeText}'; expected numeric, categorical or boolean"),
        };

        double? min = null, max = null;
        if (map.OptionalSequence("range") is { } range)
        {
            if (type != FeatureType.Numeric) throw map.Error("range", "a range applies to numeric features only");
            if (range.Children.Count != 2 || range.Children.Any(c => c is not YamlScalarNode))
                throw map.Error("range", "expected [min, max]");
            min = map.Number(((YamlScalarNode)range.Children[0]).Value ?? "", map.KeyPath("range"));
            max = map.Number(((YamlScalarNode)range.Children[1]).Value ?? "", map.KeyPath("range"));
            if (min > max) throw map.Error("range", $"min {min} is greater than max {max}");
        }

        List<string>? values = null;
        if (map.OptionalSequence("values") is { } valueList)
        {
            values = new List<string>(valueList.Children.Count);
            foreach (var value in valueList.Children)
                values.Add(value is YamlScalarNode { Value: { } text } ? text : throw map.Error("values", "expected a list of single values"));
        }
        return new FeatureSpec(name, type, map.OptionalText("description"), min, max, values);
    }

    private static Dictionary<string, double> Metrics(CardMap root)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (root.OptionalMap("metrics_at_launch") is not { } map) return metrics;
        foreach (var (key, _) in map.Entries())
            metrics[key] = map.RequiredNumber(key);
        return metrics;
    }
}
