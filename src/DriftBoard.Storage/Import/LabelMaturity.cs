using DriftBoard.Storage.Formats;
using DriftBoard.Core.Domain;

namespace DriftBoard.Storage.Import;

/// <summary>A row's label as known at as-of, and when it became known (<see cref="long.MaxValue"/>: not known by as-of).</summary>
internal readonly record struct KnownLabel(sbyte Label, long KnownAtMs)
{
    public static readonly KnownLabel Unknown = new(LabelValue.Unknown, long.MaxValue);
}

/// <summary>The maturity rules of docs/architecture.md, as pure functions of one prediction row.</summary>
internal static class LabelMaturity
{
    public const long DayMs = 86_400_000;

    /// <summary>
    /// Positive-events feed (chargebacks): a listed id is positive, known at its event time, and still unknown when that is after
    /// as-of; an unlisted id is negative, known at <c>ts + maturity</c>, and unknown while that is after as-of.
    /// </summary>
    public static KnownLabel FromPositiveEvents(bool listed, long eventMs, long predictionMs, int maturityDays, long asOfMs)
    {
        if (listed) return eventMs <= asOfMs ? new KnownLabel(LabelValue.Positive, eventMs) : KnownLabel.Unknown;
        var matureAt = predictionMs + maturityDays * DayMs;
        return matureAt <= asOfMs ? new KnownLabel(LabelValue.Negative, matureAt) : KnownLabel.Unknown;
    }

    /// <summary>
    /// Explicit labels: known at the label's own time when the file gives one, else at the prediction's time; an unlisted id is
    /// unknown. The dataset's as-of for explicit labels is the latest of those times, so every listed label is known by then.
    /// </summary>
    public static KnownLabel FromExplicit(bool listed, sbyte label, long labelTimeMs, long predictionMs) =>
        !listed || label == LabelValue.Unknown ? KnownLabel.Unknown
        : new KnownLabel(label, labelTimeMs == NoTime ? predictionMs : labelTimeMs);

    /// <summary>An explicit label without a time of its own.</summary>
    public const long NoTime = long.MinValue;

    /// <summary>
    /// Reads a label cell: the card's positive label (any case) or a true/1/yes boolean is positive; false/0/no is negative;
    /// a number is positive when not zero; any other text is another class, so negative. Missing → false.
    /// </summary>
    public static bool TryParseLabel(ReadOnlySpan<char> text, string positiveLabel, out sbyte label)
    {
        if (ValueParser.IsMissing(text))
        {
            label = LabelValue.Unknown;
            return false;
        }
        text = text.Trim();
        if (text.Equals(positiveLabel.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase)) label = LabelValue.Positive;
        else if (ValueParser.TryParseBoolean(text, out var flag) == ParseOutcome.Ok) label = flag ? LabelValue.Positive : LabelValue.Negative;
        else if (ValueParser.TryParseDouble(text, out var number) == ParseOutcome.Ok) label = number != 0 ? LabelValue.Positive : LabelValue.Negative;
        else label = LabelValue.Negative;
        return true;
    }
}
