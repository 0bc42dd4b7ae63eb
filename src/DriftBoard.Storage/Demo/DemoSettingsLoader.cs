using System.Globalization;
using DriftBoard.Core.Demo;
using DriftBoard.Core.Domain;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DriftBoard.Storage.Demo;

/// <summary>
/// Reads demo generator settings (<c>data/demo/card-fraud.yaml</c>) into <see cref="DemoSettings"/>.
/// Keys are snake_case; enum values are case-insensitive and may use underscores (<c>pipeline_default</c>); dates are <c>yyyy-MM-dd</c>.
/// A key left out takes <see cref="DemoSettings"/>' default; an unknown key, a bad value or inconsistent settings throw
/// <see cref="DatasetContractException"/> naming the file and key.
/// </summary>
public static class DemoSettingsLoader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static DemoSettings Load(string path) => Parse(File.ReadAllText(path), path);

    public static DemoSettings Parse(string yaml, string file = "demo settings")
    {
        SettingsDocument doc;
        try
        {
            doc = Deserializer.Deserialize<SettingsDocument?>(yaml) ?? new SettingsDocument();
        }
        catch (YamlException e)
        {
            throw new DatasetContractException(file, (e.InnerException ?? e).Message, line: e.Start.Line);
        }
        var settings = Convert(doc, file);
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new DatasetContractException(file, e.Message);
        }
        return settings;
    }

    private static DemoSettings Convert(SettingsDocument d, string file)
    {
        var x = new DemoSettings();
        var columns = d.Columns ?? new ColumnsDocument();
        var delay = d.LabelDelay;
        return new DemoSettings
        {
            Seed = d.Seed ?? x.Seed,
            Model = d.Model ?? x.Model,
            ModelVersion = d.ModelVersion ?? x.ModelVersion,
            Start = d.Start is null ? x.Start : Date(d.Start, file, "start"),
            Days = d.Days ?? x.Days,
            PerDay = d.PerDay ?? x.PerDay,
            FraudRate = d.FraudRate ?? x.FraudRate,
            Threshold = d.Threshold ?? x.Threshold,
            ModelBias = d.ModelBias ?? x.ModelBias,
            ModelNoise = d.ModelNoise ?? x.ModelNoise,
            TrainingRows = d.TrainingRows ?? x.TrainingRows,
            TrainingDays = d.TrainingDays ?? x.TrainingDays,
            MaturityDays = d.MaturityDays ?? x.MaturityDays,
            AsOf = d.AsOf is null ? x.AsOf : Date(d.AsOf, file, "as_of"),
            LabelDelay = delay is null ? x.LabelDelay : new DemoLabelDelay(
                delay.MedianDays ?? x.LabelDelay.MedianDays, delay.Sigma ?? x.LabelDelay.Sigma,
                delay.MinDays ?? x.LabelDelay.MinDays, delay.NeverReportedShare ?? x.LabelDelay.NeverReportedShare),
            IdPrefix = columns.IdPrefix ?? x.IdPrefix,
            IdColumn = columns.Id ?? x.IdColumn,
            TimestampColumn = columns.Timestamp ?? x.TimestampColumn,
            ScoreColumn = columns.Score ?? x.ScoreColumn,
            PredictionColumn = columns.Prediction ?? x.PredictionColumn,
            TargetColumn = columns.Target ?? x.TargetColumn,
            ChargebackDateColumn = columns.ChargebackDate ?? x.ChargebackDateColumn,
            HourWeights = d.HourWeights?.ToArray() ?? x.HourWeights,
            Features = d.Features is null ? x.Features : [.. d.Features.Select((f, i) => Feature(f, file, $"features[{i}]"))],
            ExtraColumns = d.ExtraColumns is null ? x.ExtraColumns
                : [.. d.ExtraColumns.Select(e => new DemoExtraColumn(e.Name ?? throw Missing(file, "extra_columns.name"), Categories(e.Values)))],
            BenignDrift = d.BenignDrift is null ? x.BenignDrift : [.. d.BenignDrift.Select((b, i) => Drift(b, file, $"benign_drift[{i}]"))],
            Incident = d.Incident is null ? x.Incident : Incident(d.Incident, file),
        };
    }

    private static DemoFeature Feature(FeatureDocument f, string file, string key) => new()
    {
        Name = f.Name ?? throw Missing(file, key + ".name"),
        Type = ParseEnum<FeatureType>(f.Type ?? throw Missing(file, key + ".type"), file, key + ".type"),
        Description = f.Description ?? "",
        Distribution = f.Distribution is null ? default : ParseEnum<NumericDistribution>(f.Distribution, file, key + ".distribution"),
        Location = f.Location ?? 0,
        Spread = f.Spread ?? 0,
        Min = f.Min ?? 0,
        Max = f.Max ?? 0,
        Decimals = f.Decimals ?? 0,
        Shape = f.Shape is null ? default : ParseEnum<EffectShape>(f.Shape, file, key + ".shape"),
        Weight = f.Weight ?? 0,
        Center = f.Center ?? 0,
        Scale = f.Scale ?? 1,
        Period = f.Period,
        Probability = f.Probability ?? 0,
        Categories = Categories(f.Categories),
    };

    private static DemoCategory[] Categories(List<CategoryDocument>? categories) =>
        categories is null ? [] : [.. categories.Select(c => new DemoCategory(c.Value ?? "", c.Share ?? 0, c.Logit ?? 0))];

    private static DemoDrift Drift(DriftDocument b, string file, string key) => new(
        b.Feature ?? throw Missing(file, key + ".feature"),
        ParseEnum<DriftShape>(b.Shape ?? throw Missing(file, key + ".shape"), file, key + ".shape"),
        b.Shift ?? 0,
        b.PeakDayOfYear ?? 200,
        b.WidthDays ?? 30,
        b.Category);

    private static DemoIncident Incident(IncidentDocument i, string file) => new(
        ParseEnum<IncidentKind>(i.Kind ?? throw Missing(file, "incident.kind"), file, "incident.kind"),
        Date(i.Start ?? throw Missing(file, "incident.start"), file, "incident.start"),
        i.Feature,
        i.Magnitude ?? 0,
        i.RampDays ?? 0,
        i.DurationDays ?? 0,
        i.FillValue ?? 0,
        i.NewValue,
        i.NewValueLogit ?? 0,
        i.Description ?? "");

    private static DateOnly Date(string text, string file, string key) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new DatasetContractException(file, $"'{text}' is not a date (yyyy-MM-dd)", key);

    private static T ParseEnum<T>(string text, string file, string key) where T : struct, Enum =>
        Enum.TryParse<T>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new DatasetContractException(file, $"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}", key);

    private static DatasetContractException Missing(string file, string key) => new(file, "required key is missing", key);

    // The documents mirror the YAML; every value is optional here and defaulted or checked in Convert.
    private sealed class SettingsDocument
    {
        public int? Seed { get; set; }
        public string? Model { get; set; }
        public string? ModelVersion { get; set; }
        public string? Start { get; set; }
        public int? Days { get; set; }
        public int? PerDay { get; set; }
        public double? FraudRate { get; set; }
        public double? Threshold { get; set; }
        public double? ModelBias { get; set; }
        public double? ModelNoise { get; set; }
        public int? TrainingRows { get; set; }
        public int? TrainingDays { get; set; }
        public int? MaturityDays { get; set; }
        public string? AsOf { get; set; }
        public LabelDelayDocument? LabelDelay { get; set; }
        public ColumnsDocument? Columns { get; set; }
        public List<double>? HourWeights { get; set; }
        public List<FeatureDocument>? Features { get; set; }
        public List<ExtraColumnDocument>? ExtraColumns { get; set; }
        public List<DriftDocument>? BenignDrift { get; set; }
        public IncidentDocument? Incident { get; set; }
    }

    private sealed class LabelDelayDocument
    {
        public double? MedianDays { get; set; }
        public double? Sigma { get; set; }
        public double? MinDays { get; set; }
        public double? NeverReportedShare { get; set; }
    }

    private sealed class ColumnsDocument
    {
        public string? IdPrefix { get; set; }
        public string? Id { get; set; }
        public string? Timestamp { get; set; }
        public string? Score { get; set; }
        public string? Prediction { get; set; }
        public string? Target { get; set; }
        public string? ChargebackDate { get; set; }
    }

    private sealed class FeatureDocument
    {
        public string? Name { get; set; }
        public string? Type { get; set; }
        public string? Description { get; set; }
        public string? Distribution { get; set; }
        public double? Location { get; set; }
        public double? Spread { get; set; }
        public double? Min { get; set; }
        public double? Max { get; set; }
        public int? Decimals { get; set; }
        public string? Shape { get; set; }
        public double? Weight { get; set; }
        public double? Center { get; set; }
        public double? Scale { get; set; }
        public double? Period { get; set; }
        public double? Probability { get; set; }
        public List<CategoryDocument>? Categories { get; set; }
    }

    private sealed class CategoryDocument
    {
        public string? Value { get; set; }
        public double? Share { get; set; }
        public double? Logit { get; set; }
    }

    private sealed class ExtraColumnDocument
    {
        public string? Name { get; set; }
        public List<CategoryDocument>? Values { get; set; }
    }

    private sealed class DriftDocument
    {
        public string? Feature { get; set; }
        public string? Shape { get; set; }
        public double? Shift { get; set; }
        public int? PeakDayOfYear { get; set; }
        public double? WidthDays { get; set; }
        public string? Category { get; set; }
    }

    private sealed class IncidentDocument
    {
        public string? Kind { get; set; }
        public string? Start { get; set; }
        public string? Feature { get; set; }
        public double? Magnitude { get; set; }
        public int? RampDays { get; set; }
        public int? DurationDays { get; set; }
        public double? FillValue { get; set; }
        public string? NewValue { get; set; }
        public double? NewValueLogit { get; set; }
        public string? Description { get; set; }
    }
}
