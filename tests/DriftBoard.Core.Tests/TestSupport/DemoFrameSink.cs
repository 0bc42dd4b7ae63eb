using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Demo;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Tests.TestSupport;

/// <summary>
/// Collects a demo generation run into frames as the importer would build them: production rows with their scores,
/// decisions and chargeback labels (a positive-events feed with the demo's maturity days), and the training rows as the
/// reference (scores NaN). <see cref="Specs"/> is what the demo's model card declares (ranges, category values).
/// </summary>
internal sealed class DemoFrameSink : IDemoSink
{
    private readonly DemoSettings _settings;
    private readonly Rows _production;
    private readonly Rows _training;
    private readonly Dictionary<long, long> _chargebacks = [];

    private DemoFrameSink(DemoSettings settings)
    {
        _settings = settings;
        _production = new Rows(settings.Features);
        _training = new Rows(settings.Features);
    }

    public IReadOnlyList<FeatureSpec> Specs => [.. _settings.Features.Select(ToSpec)];

    /// <summary>Generates <paramref name="settings"/> into memory.</summary>
    public static (DatasetFrame Production, DatasetFrame Reference, IReadOnlyList<FeatureSpec> Specs) Generate(DemoSettings settings)
    {
        var sink = new DemoFrameSink(settings);
        new DemoGenerator(settings).Generate(sink);
        var asOf = UtcDays.ToUnixMs(settings.AsOf);
        var specs = sink.Specs;
        return (sink._production.Frame(specs, sink.LabelsFor(asOf)), sink._training.Frame(specs, null), specs);
    }

    public void Training(DemoRow row) => _training.Add(row);

    public void Prediction(DemoRow row) => _production.Add(row);

    public void Chargeback(long transactionId, DateTime chargebackAt) =>
        _chargebacks[transactionId] = new DateTimeOffset(chargebackAt, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private Func<int, long, (sbyte Label, long KnownAt)> LabelsFor(long asOf) => (row, ts) =>
    {
        if (_chargebacks.TryGetValue(row + 1, out var at))
        {
            return (LabelValue.Positive, at);
        }

        var mature = ts + (_settings.MaturityDays * UtcDays.MsPerDay);
        return mature <= asOf ? (LabelValue.Negative, mature) : (LabelValue.Unknown, long.MaxValue);
    };

    private static FeatureSpec ToSpec(DemoFeature feature) => feature.Type switch
    {
        FeatureType.Numeric => new FeatureSpec(feature.Name, feature.Type, RangeMin: feature.Min, RangeMax: feature.Max),
        FeatureType.Categorical => new FeatureSpec(feature.Name, feature.Type, Values: [.. feature.Categories.Select(c => c.Value)]),
        _ => new FeatureSpec(feature.Name, feature.Type),
    };

    private sealed class Rows(IReadOnlyList<DemoFeature> features)
    {
        private readonly List<long> _timestamps = [];
        private readonly List<double> _scores = [];
        private readonly List<byte> _flagged = [];
        private readonly List<bool> _fraud = [];
        private readonly List<double>[] _values = [.. features.Select(_ => new List<double>())];
        private readonly List<int>[] _codes = [.. features.Select(_ => new List<int>())];
        private readonly Dictionary<string, int>[] _categories = [.. features.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];

        public void Add(DemoRow row)
        {
            _timestamps.Add(new DateTimeOffset(row.Timestamp, TimeSpan.Zero).ToUnixTimeMilliseconds());
            _scores.Add(row.Score);
            _flagged.Add(row.Flagged ? (byte)1 : (byte)0);
            _fraud.Add(row.IsFraud);
            for (var f = 0; f < features.Count; f++)
            {
                if (features[f].Type == FeatureType.Categorical)
                {
                    _codes[f].Add(row.Categories[f] is { } value ? Code(f, value) : CategoricalColumn.Missing);
                }
                else
                {
                    _values[f].Add(row.Values[f]);
                }
            }
        }

        /// <summary>The frame; <paramref name="labels"/> null for training rows (scores NaN, labels the truth, known at once).</summary>
        public DatasetFrame Frame(IReadOnlyList<FeatureSpec> specs, Func<int, long, (sbyte Label, long KnownAt)>? labels)
        {
            var count = _timestamps.Count;
            var label = new sbyte[count];
            var knownAt = new long[count];
            for (var i = 0; i < count; i++)
            {
                (label[i], knownAt[i]) = labels?.Invoke(i, _timestamps[i]) ?? ((sbyte)(_fraud[i] ? 1 : 0), 0L);
            }

            var columns = new Dictionary<string, FeatureColumn>();
            for (var f = 0; f < features.Count; f++)
            {
                columns[specs[f].Name] = features[f].Type == FeatureType.Categorical
                    ? new CategoricalColumn(specs[f], [.. _codes[f]], [.. _categories[f].OrderBy(p => p.Value).Select(p => p.Key)])
                    : new NumericColumn(specs[f], [.. _values[f]]);
            }

            return new DatasetFrame
            {
                Timestamps = [.. _timestamps],
                Scores = labels is null ? [.. _scores.Select(_ => double.NaN)] : [.. _scores],
                Predictions = [.. _flagged],
                Labels = label,
                LabelKnownAt = knownAt,
                Features = columns,
            };
        }

        private int Code(int feature, string value)
        {
            if (!_categories[feature].TryGetValue(value, out var code))
            {
                code = _categories[feature].Count;
                _categories[feature][value] = code;
            }

            return code;
        }
    }
}
