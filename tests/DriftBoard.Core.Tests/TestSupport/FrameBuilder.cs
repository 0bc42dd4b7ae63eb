using DriftBoard.Core.Analysis.Windows;
using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Tests.TestSupport;

/// <summary>Small hand-written frames: rows added one by one in day order.</summary>
internal sealed class FrameBuilder
{
    private readonly List<long> _timestamps = [];
    private readonly List<double> _scores = [];
    private readonly List<byte> _predictions = [];
    private readonly List<sbyte> _labels = [];
    private readonly List<long> _knownAt = [];

    public static long Ms(DateOnly day, double hours = 12) => UtcDays.ToUnixMs(day) + (long)(hours * 3_600_000);

    public FrameBuilder Add(long timestamp, double score, bool flagged, sbyte label, long knownAt)
    {
        _timestamps.Add(timestamp);
        _scores.Add(score);
        _predictions.Add(flagged ? (byte)1 : (byte)0);
        _labels.Add(label);
        _knownAt.Add(label == LabelValue.Unknown ? long.MaxValue : knownAt);
        return this;
    }

    public DatasetFrame Build() => new()
    {
        Timestamps = [.. _timestamps],
        Scores = [.. _scores],
        Predictions = [.. _predictions],
        Labels = [.. _labels],
        LabelKnownAt = [.. _knownAt],
        Features = new Dictionary<string, FeatureColumn>(),
    };
}
