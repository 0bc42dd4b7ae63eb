using DriftBoard.Core.Domain;

namespace DriftBoard.Core.Tests.TestSupport;

/// <summary>Cuts frames by rows, keeping every column aligned.</summary>
internal static class FrameSlice
{
    /// <summary>The first <paramref name="rows"/> rows of <paramref name="frame"/>.</summary>
    public static DatasetFrame Head(DatasetFrame frame, int rows) => new()
    {
        Timestamps = frame.Timestamps[..rows],
        Scores = frame.Scores[..rows],
        Predictions = frame.Predictions[..rows],
        Labels = frame.Labels[..rows],
        LabelKnownAt = frame.LabelKnownAt[..rows],
        Features = frame.Features.ToDictionary(
            pair => pair.Key,
            pair => pair.Value switch
            {
                NumericColumn numeric => (FeatureColumn)(numeric with { Values = numeric.Values[..rows] }),
                CategoricalColumn categorical => categorical with { Codes = categorical.Codes[..rows] },
                _ => throw new NotSupportedException(pair.Value.GetType().Name),
            }),
    };
}
